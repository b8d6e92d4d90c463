// Logs Insights queries as the service runs them: Scheduled for a moment, then Running while the
// range is scanned in slices between other work (setImmediate), statistics growing as it goes, then
// Complete — or Cancelled (StopQuery), Timeout (60 min, AWS-FACTS §1) or Failed. Results of
// finished queries are kept RESULTS_RETENTION_MS (AWS keeps them 7 days; an hour is plenty here).
import { randomUUID } from "node:crypto";
import { type Execution, type ParsedQuery, type QueryStatistics, type ResultRow, startExecution } from "../insights";
import type { Command } from "../insights/ast";
import { minuteHasData } from "../model";
import type { SimModel } from "../model/types";
import type { LogGroupInfo } from "./log-groups";
import { InsightsLogScan } from "./lambda-insights";
import { FunctionLogScan } from "./scan";

export type QueryStatus = "Scheduled" | "Running" | "Complete" | "Failed" | "Cancelled" | "Timeout";
const ACTIVE = new Set<QueryStatus>(["Scheduled", "Running"]);

export interface QueryConfig {
  /** A query never completes sooner than this after it started (SIM_QUERY_MIN_MS), so clients see Running. */
  minMs: number;
  /** Queries still running this long after they started end as Timeout (SIM_QUERY_TIMEOUT_MS). */
  timeoutMs: number;
  resultsRetentionMs: number;
}

export const DEFAULT_QUERY_CONFIG: QueryConfig = { minMs: 300, timeoutMs: 60 * 60_000, resultsRetentionMs: 60 * 60_000 };

const SCHEDULED_MS = 15;
/** Work done per turn of the event loop before yielding to requests (GetQueryResults, other queries). */
const SLICE_MS = 20;
/** Minutes of one function scanned per unit: a busy hour is ~70k invocations. */
const MINUTES_PER_UNIT = 10;
const STORED_EVENTS_PER_UNIT = 20_000;
/**
 * Partial results are recomputed at most this often: a running stats query with pct() sorts every
 * value seen so far, and clients poll every 250 ms or faster.
 */
const PARTIAL_RESULTS_EVERY_MS = 1_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface QueryRequest {
  queryString: string;
  parsed: ParsedQuery;
  groups: LogGroupInfo[];
  startMs: number;
  /** Inclusive (StartQuery endTime). */
  endMs: number;
  limit?: number;
  /** Injected fault: end with this status instead of Complete once minMs has passed. */
  forcedEnd?: "Timeout" | "Failed";
}

type Unit = () => void;

export class Query {
  readonly queryId = randomUUID();
  readonly createTimeMs = Date.now();
  status: QueryStatus = "Scheduled";
  endTimeMs?: number;
  private execution?: Execution;
  private units: Unit[] = [];
  private next = 0;
  private scans: (FunctionLogScan | InsightsLogScan)[] = [];
  private finalStats?: QueryStatistics;
  private finalRows?: ResultRow[];
  private partial?: { atMs: number; rows: ResultRow[] };

  constructor(
    readonly request: QueryRequest,
    private readonly model: SimModel,
    private readonly config: QueryConfig,
    private readonly onFinish: (q: Query) => void,
  ) {}

  get logGroupNames(): string[] {
    return this.request.groups.map((g) => g.name);
  }

  begin(): void {
    const { parsed, startMs, endMs, limit, groups } = this.request;
    const execution = startExecution(parsed, { startMs, endMs, limit });
    this.execution = execution;
    const reportOnly = startsWithReportFilter(parsed.commands);
    const push = (events: Parameters<Execution["push"]>[0]) => execution.push(events);
    for (const group of groups) {
      // A function's lines, or its Lambda Insights events (which a REPORT-only query only counts).
      const sources = [
        ...group.functions.map((ctx) => new FunctionLogScan(this.model, ctx, { startMs, endMs }, reportOnly)),
        ...(group.insights ?? []).map((ctx) => new InsightsLogScan(this.model, ctx, { startMs, endMs }, reportOnly)),
      ];
      for (const scan of sources) {
        this.scans.push(scan);
        const lastMs = Math.min(endMs, this.model.nowMs());
        for (let hourMs = Math.floor(startMs / HOUR_MS) * HOUR_MS; hourMs <= lastMs; hourMs += HOUR_MS) {
          // The model has data for one stretch of time (14 days up to now): skip hours outside it.
          if (!minuteHasData(this.model, hourMs) && !minuteHasData(this.model, hourMs + HOUR_MS - MINUTE_MS)) continue;
          for (let m = 0; m < 60; m += MINUTES_PER_UNIT) this.units.push(() => scan.hour(hourMs, push, m, m + MINUTES_PER_UNIT));
        }
      }
      const stored = group.stored?.events ?? [];
      for (let i = 0; i < stored.length; i += STORED_EVENTS_PER_UNIT) this.units.push(() => push(stored.slice(i, i + STORED_EVENTS_PER_UNIT)));
    }
    setTimeout(() => this.step(), SCHEDULED_MS);
  }

  statistics(): QueryStatistics {
    if (this.finalStats) return this.finalStats;
    const s = this.execution?.statistics() ?? { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 };
    let records = s.recordsScanned;
    let bytes = s.bytesScanned;
    for (const scan of this.scans) {
      records += scan.skippedRecords;
      bytes += scan.skippedBytes;
    }
    return { recordsMatched: s.recordsMatched, recordsScanned: records, bytesScanned: bytes };
  }

  /** Partial while Running, final once finished (none when Failed). */
  results(): ResultRow[] {
    if (this.finalRows) return this.finalRows;
    if (this.status !== "Running" || !this.execution) return [];
    const nowMs = Date.now();
    if (!this.partial || nowMs - this.partial.atMs >= PARTIAL_RESULTS_EVERY_MS) this.partial = { atMs: nowMs, rows: this.execution.results() };
    return this.partial.rows;
  }

  cancel(): boolean {
    if (!ACTIVE.has(this.status)) return false;
    this.finish("Cancelled");
    return true;
  }

  get active(): boolean {
    return ACTIVE.has(this.status);
  }

  private step(): void {
    if (!this.active) return;
    this.status = "Running";
    const elapsedMs = Date.now() - this.createTimeMs;
    if (elapsedMs >= this.config.timeoutMs) return this.finish("Timeout");
    const forced = this.request.forcedEnd;
    if (forced && elapsedMs >= this.config.minMs) return this.finish(forced);
    const until = performance.now() + SLICE_MS;
    while (this.next < this.units.length && performance.now() < until) this.units[this.next++]();
    if (this.next < this.units.length) {
      setImmediate(() => this.step());
      return;
    }
    const waitMs = this.config.minMs - (Date.now() - this.createTimeMs);
    if (waitMs > 0 || forced) setTimeout(() => this.step(), Math.max(1, waitMs));
    else this.finish("Complete");
  }

  private finish(status: QueryStatus): void {
    this.finalStats = this.statistics();
    this.finalRows = status === "Failed" || !this.execution ? [] : this.execution.results();
    this.status = status;
    this.endTimeMs = Date.now();
    this.execution = undefined;
    this.partial = undefined;
    this.units = [];
    this.scans = [];
    this.onFinish(this);
  }
}

/**
 * True when the query's first command is `filter @type = "REPORT"` (alone or and-ed with more):
 * only REPORT lines can then reach the rest of the query, and the scan need not build the others.
 */
export function startsWithReportFilter(commands: readonly Command[]): boolean {
  const first = commands[0];
  return first?.k === "filter" && requiresReport(first.expr);
}

function requiresReport(e: Extract<Command, { k: "filter" }>["expr"]): boolean {
  if (e.k !== "binary") return false;
  if (e.op === "and") return requiresReport(e.left) || requiresReport(e.right);
  if (e.op !== "=") return false;
  const isType = (x: typeof e.left) => x.k === "field" && x.name === "@type";
  const isReport = (x: typeof e.left) => x.k === "str" && x.value === "REPORT";
  return (isType(e.left) && isReport(e.right)) || (isReport(e.left) && isType(e.right));
}

/** Every query of the account: the active ones and those finished within the retention. */
export class QueryRegistry {
  private readonly queries = new Map<string, Query>();

  constructor(
    private readonly model: SimModel,
    readonly config: QueryConfig,
    private readonly onFinish: (q: Query) => void = () => {},
  ) {}

  start(request: QueryRequest): Query {
    this.purge();
    const query = new Query(request, this.model, this.config, this.onFinish);
    this.queries.set(query.queryId, query);
    query.begin();
    return query;
  }

  get(queryId: string): Query | undefined {
    this.purge();
    return this.queries.get(queryId);
  }

  /** Newest first. */
  list(): Query[] {
    this.purge();
    return [...this.queries.values()].reverse();
  }

  activeCount(): number {
    let n = 0;
    for (const q of this.queries.values()) if (q.active) n++;
    return n;
  }

  /** Stops every running query (the server is closing). */
  cancelAll(): void {
    for (const q of this.queries.values()) q.cancel();
  }

  private purge(): void {
    const cutoffMs = Date.now() - this.config.resultsRetentionMs;
    for (const [id, q] of this.queries) if (q.endTimeMs !== undefined && q.endTimeMs < cutoffMs) this.queries.delete(id);
  }
}
