// One running query: events are pushed in chunks (any order), statistics grow as they arrive, and
// results() can be read at any time (GetQueryResults returns partial results while Running).
import type { Command, ParsedQuery, SortKey } from "./ast";
import { rowComparator, runTable, type SortSpec, type Table, TableScope } from "./batch";
import { commandRefs, type View, viewOf } from "./columns";
import { compileExpr } from "./compile";
import { encodePtr, type EventRow, type LogEvent } from "./event";
import { formatValue } from "./format";
import { StatsTable, type TableRow } from "./stats";
import { planStream, type StreamPlan, type StreamScope } from "./stream";
import type { Kind } from "./values";

// "limit … default 10,000 if omitted" and 10,000 is the most rows a query returns (AWS-FACTS §1).
export const MAX_RESULT_ROWS = 10_000;

export interface QueryStatistics {
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

export type ResultRow = { field: string; value: string }[];

export interface Execution {
  push(events: Iterable<LogEvent>): void;
  statistics(): QueryStatistics;
  results(): ResultRow[];
}

export interface ExecutionOptions {
  startMs: number;
  /** Inclusive, like StartQuery's endTime: "The range is inclusive, so the specified end time is
   *  included in the query" (StartQuery API reference, endTime). */
  endMs: number;
  /** StartQuery's limit; a limit command in the query takes precedence. At most 10,000. */
  limit?: number;
}

interface Sink {
  add(row: EventRow): void;
  table(): Table;
}

// Results without stats or sort come newest first: AWS's sample "fields @timestamp, @message |
// sort @timestamp desc | limit 25" and the CLI get-query-results example list newest first.
const NEWEST_FIRST: SortKey = { expr: { k: "field", name: "@timestamp", text: "@timestamp" }, desc: true };

export function startExecution(query: ParsedQuery, opts: ExecutionOptions): Execution {
  return new QueryExecution(query, opts);
}

class QueryExecution implements Execution {
  private scanned = 0;
  private matched = 0;
  private bytes = 0;
  private readonly stream: StreamPlan;
  private readonly row: EventRow;
  private readonly sink: Sink;
  private readonly tail: Command[];
  private readonly view: View;
  private readonly cap: number;

  constructor(query: ParsedQuery, private readonly opts: ExecutionOptions) {
    const commands = query.commands;
    this.view = viewOf(commands);
    this.stream = planStream(commands);
    this.row = this.stream.newRow();
    const next = commands[this.stream.consumed];
    const hasLimit = commands.some((c) => c.k === "limit");
    this.cap = hasLimit ? MAX_RESULT_ROWS : Math.max(1, Math.min(opts.limit ?? MAX_RESULT_ROWS, MAX_RESULT_ROWS));
    if (next?.k === "stats") {
      this.tail = commands.slice(this.stream.consumed + 1);
      this.sink = statsSink(next, this.stream.scope);
    } else {
      const rest = commands.slice(this.stream.consumed);
      const sorted = rest[0]?.k === "sort" || commands.some((c) => c.k === "stats");
      this.tail = sorted ? rest : [{ k: "sort", keys: [NEWEST_FIRST] }, ...rest];
      this.sink = new RowSink(this.snapshotNames(), this.stream.scope, this.tail, this.cap);
    }
  }

  private snapshotNames(): string[] {
    const names = new Set<string>(this.view.columns);
    names.add("@timestamp");
    for (const cmd of this.tail) commandRefs(cmd, names);
    names.delete("@ptr");
    return [...names];
  }

  push(events: Iterable<LogEvent>): void {
    const { startMs, endMs } = this.opts;
    const { row, sink } = this;
    const accept = this.stream.accept;
    for (const ev of events) {
      const t = ev.timestampMs;
      if (!(t >= startMs && t <= endMs)) continue;
      row.reset(ev);
      this.scanned++;
      this.bytes += row.messageBytes();
      if (!accept(row)) continue;
      this.matched++;
      sink.add(row);
    }
  }

  statistics(): QueryStatistics {
    return { recordsMatched: this.matched, recordsScanned: this.scanned, bytesScanned: this.bytes };
  }

  results(): ResultRow[] {
    const table = runTable(this.tail, this.sink.table());
    const withPtr = !this.view.aggregated;
    return table.rows.slice(0, this.cap).map((row) => resultRow(row, this.view.columns, table.kinds, withPtr));
  }
}

function resultRow(row: TableRow, columns: string[], kinds: Map<string, Kind>, withPtr: boolean): ResultRow {
  const out: ResultRow = [];
  for (const field of columns) {
    const v = row.v[field];
    // A field the event does not have is left out of its row, as AWS does.
    if (v !== undefined) out.push({ field, value: formatValue(v, kinds.get(field) ?? "any") });
  }
  if (withPtr && row.ev) out.push({ field: "@ptr", value: encodePtr(row.ev) });
  return out;
}

function statsSink(cmd: Extract<Command, { k: "stats" }>, scope: StreamScope): Sink {
  const stats = new StatsTable(cmd, scope);
  return { add: (row) => stats.add(row), table: () => ({ rows: stats.rows(), kinds: stats.kinds }) };
}

/**
 * Keeps matched events as rows of the fields later commands need. When the tail is a sort, then
 * only fields/display up to a limit (the common "sort @timestamp desc | limit 20"), only the
 * top rows can reach the result, so the buffer is trimmed to them as it grows.
 */
class RowSink implements Sink {
  private rows: TableRow[] = [];
  private seq = 0;
  private readonly getters: { name: string; fn: (r: EventRow) => unknown }[];
  private readonly kinds = new Map<string, Kind>();
  private readonly keep: number;
  private readonly order: ((a: TableRow, b: TableRow) => number) | undefined;

  constructor(names: string[], scope: StreamScope, tail: Command[], cap: number) {
    this.getters = names.map((name) => {
      const { fn, kind } = scope.field(name);
      this.kinds.set(name, kind);
      return { name, fn };
    });
    const bound = retentionBound(tail, cap);
    this.keep = bound ?? Infinity;
    const sort = tail[0];
    this.order = bound !== undefined && sort.k === "sort" ? rowComparator(sortSpecs(sort.keys, this.kinds)) : undefined;
  }

  add(r: EventRow): void {
    const v: TableRow["v"] = {};
    for (const g of this.getters) v[g.name] = g.fn(r) as TableRow["v"][string];
    this.rows.push({ v, ev: r.ev, seq: this.seq++ });
    if (this.rows.length >= 2 * this.keep + 1024) this.trim();
  }

  private trim(): void {
    if (!this.order || this.rows.length <= this.keep) return;
    this.rows.sort(this.order);
    this.rows.length = this.keep;
  }

  table(): Table {
    this.trim();
    return { rows: this.rows.map((row) => ({ ...row, v: { ...row.v } })), kinds: new Map(this.kinds) };
  }
}

function sortSpecs(keys: SortKey[], kinds: Map<string, Kind>): SortSpec[] {
  const scope = new TableScope(kinds);
  return keys.map((k) => ({ fn: compileExpr(k.expr, scope).fn, desc: k.desc }));
}

/** How many sorted rows can matter, or undefined when every row must be kept. */
function retentionBound(tail: Command[], cap: number): number | undefined {
  if (tail[0]?.k !== "sort") return undefined;
  for (const cmd of tail.slice(1)) {
    if (cmd.k === "limit") return Math.min(cmd.count, cap);
    if (cmd.k !== "fields" && cmd.k !== "display") return undefined;
  }
  return cap;
}
