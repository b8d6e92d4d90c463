// Helpers for the engine's tests: build events, run a query, read rows as objects.
import { type LogEvent, parseQuery, startExecution } from "./index";

/** 2026-11-20 12:00:00.000 UTC. */
export const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
export const GROUP = "/aws/lambda/checkout";
export const ACCOUNT = "123456789012";

/** An event at `at` (ms since T0, or "HH:MM:SS(.mmm)" on 2026-11-20). */
export function event(at: number | string, message: string, extra: Partial<LogEvent> = {}): LogEvent {
  const timestampMs = typeof at === "number" ? T0 + at : Date.parse(`2026-11-20T${at}Z`);
  return {
    timestampMs,
    ingestionTimeMs: timestampMs + 250,
    logGroup: GROUP,
    logStream: "2026/11/20/[$LATEST]0123456789abcdef",
    accountId: ACCOUNT,
    message,
    ...extra,
  };
}

export function report(requestId: string, durationMs: number, billedMs: number, maxUsedMb: number, tail = ""): string {
  return `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billedMs} ms\tMemory Size: 128 MB\tMax Memory Used: ${maxUsedMb} MB\t${tail}\n`;
}

export interface Run {
  rows: Record<string, string>[];
  raw: { field: string; value: string }[][];
  stats: { recordsMatched: number; recordsScanned: number; bytesScanned: number };
}

/** Runs `query` over `events` (whole day of 2026-11-20 unless given); rows without @ptr. */
export function run(query: string, events: LogEvent[], opts: { startMs?: number; endMs?: number; limit?: number } = {}): Run {
  const execution = startExecution(parseQuery(query), {
    startMs: opts.startMs ?? Date.UTC(2026, 10, 20),
    endMs: opts.endMs ?? Date.UTC(2026, 10, 21) - 1,
    limit: opts.limit,
  });
  execution.push(events);
  const raw = execution.results();
  const rows = raw.map((row) => Object.fromEntries(row.filter((c) => c.field !== "@ptr").map((c) => [c.field, c.value])));
  return { rows, raw, stats: execution.statistics() };
}

/** A column of the result rows. */
export const column = (r: Run, field: string) => r.rows.map((row) => row[field]);
