import "server-only";
import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  type CloudWatchLogsClient,
  type QueryStatistics,
} from "@aws-sdk/client-cloudwatch-logs";
import type { CostLedger } from "@/lib/cost/observation-cost";
import { toRows, type InsightsRow } from "@/lib/insights/parse-results";
import type { Slots } from "@/lib/insights/semaphore";

/** StartQuery accepts at most 50 log groups (StartQuery API reference, logGroupNames). */
export const MAX_LOG_GROUPS_PER_QUERY = 50;
/** The most rows a query may return (StartQuery API reference, limit). */
export const MAX_QUERY_ROWS = 10_000;
export const TERMINAL_STATUSES = new Set(["Complete", "Failed", "Cancelled", "Timeout", "Unknown"]);

/** Poll quickly at first (most dashboard queries take a second or two), then back off to 1 s (GetQueryResults is free; waiting longer only delays the answer). */
export const pollDelayMs = (attempt: number) => Math.min(250 * 2 ** attempt, 1_000);
/** StartQuery retries on LimitExceededException: exponential with full jitter. */
const limitRetryDelayMs = (attempt: number) => Math.random() * Math.min(500 * 2 ** attempt, 8_000);
const MAX_START_ATTEMPTS = 6;

export type QueryProgress = {
  status: string;
  recordsScanned: number;
  recordsMatched: number;
  bytesScanned: number;
  /** Over several log-group batches (run-batches.ts): how many queries there are, and how many have ended. */
  queries?: number;
  queriesDone?: number;
};

export type InsightsQuery = {
  logGroupNames: string[];
  queryString: string;
  startMs: number;
  endMs: number;
  limit?: number;
};

export type InsightsResult = { status: string; rows: InsightsRow[]; statistics: QueryProgress; queryId: string };

export class InsightsQueryError extends Error {
  /** The query StartQuery started is what failed (lib/aws/errors.ts names it, whichever panel asked). */
  readonly $iamAction = "logs:StartQuery";
  constructor(
    readonly status: string, // Failed | Cancelled | Timeout | Unknown | DeadlineExceeded
    message: string,
  ) {
    super(message);
    this.name = "InsightsQueryError";
  }
}

const progressOf = (status: string, s: QueryStatistics | undefined): QueryProgress => ({
  status,
  recordsScanned: s?.recordsScanned ?? 0,
  recordsMatched: s?.recordsMatched ?? 0,
  bytesScanned: s?.bytesScanned ?? 0,
});

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => (clearTimeout(timer), reject(signal!.reason));
    // Removed when the sleep ends: one listener per poll would pile up on a long run's signal.
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

async function startQuery(client: CloudWatchLogsClient, q: InsightsQuery, ledger: CostLedger, signal?: AbortSignal): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      ledger.count("logs:StartQuery");
      const out = await client.send(
        new StartQueryCommand({
          logGroupNames: q.logGroupNames,
          queryString: q.queryString,
          startTime: Math.floor(q.startMs / 1000),
          endTime: Math.ceil(q.endMs / 1000),
          limit: Math.min(q.limit ?? MAX_QUERY_ROWS, MAX_QUERY_ROWS),
        }),
        { abortSignal: signal },
      );
      return out.queryId!;
    } catch (err) {
      // Only the account's concurrency limit is worth waiting out; anything else is final.
      if ((err as Error).name !== "LimitExceededException" || attempt + 1 >= MAX_START_ATTEMPTS) throw err;
      await sleep(limitRetryDelayMs(attempt), signal);
    }
  }
}

/**
 * Runs one Logs Insights query as a state machine: start (retrying on the account's concurrency
 * limit), poll with a growing delay and report progress, stop on any terminal status. If the caller
 * aborts or the deadline passes, StopQuery is sent so the query stops scanning (and billing).
 */
export async function runQuery(
  client: CloudWatchLogsClient,
  q: InsightsQuery,
  opts: { ledger: CostLedger; semaphore: Slots; deadlineMs: number; signal?: AbortSignal; onProgress?: (p: QueryProgress) => void },
): Promise<InsightsResult> {
  if (q.logGroupNames.length === 0 || q.logGroupNames.length > MAX_LOG_GROUPS_PER_QUERY) {
    throw new RangeError(`a query takes 1 to ${MAX_LOG_GROUPS_PER_QUERY} log groups, got ${q.logGroupNames.length}`);
  }
  const release = await opts.semaphore.acquire(opts.signal);
  let queryId: string | undefined;
  let finished = false;
  try {
    queryId = await startQuery(client, q, opts.ledger, opts.signal);
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > opts.deadlineMs) throw new InsightsQueryError("DeadlineExceeded", "the query did not finish in time and was stopped");
      opts.ledger.count("logs:GetQueryResults");
      const out = await client.send(new GetQueryResultsCommand({ queryId }), { abortSignal: opts.signal });
      const status = out.status ?? "Unknown";
      const progress = progressOf(status, out.statistics);
      opts.onProgress?.(progress);
      if (TERMINAL_STATUSES.has(status)) {
        finished = true;
        opts.ledger.countLogsScan(progress.bytesScanned);
        if (status !== "Complete") throw new InsightsQueryError(status, `the Logs Insights query ended with status ${status}`);
        return { status, rows: toRows(out.results), statistics: progress, queryId };
      }
      await sleep(pollDelayMs(attempt), opts.signal);
    }
  } finally {
    release();
    if (queryId && !finished) await stopQuery(client, queryId, opts.ledger);
  }
}

async function stopQuery(client: CloudWatchLogsClient, queryId: string, ledger: CostLedger) {
  try {
    ledger.count("logs:StopQuery");
    await client.send(new StopQueryCommand({ queryId }));
  } catch {
    // Best effort: the query may have finished between our last poll and now.
  }
}
