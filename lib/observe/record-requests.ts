import "server-only";
import { requestUsd, scanUsd } from "@/lib/cost/observation-cost";
import { currentScope } from "@/lib/observe/scope";
import { recordSpend } from "@/lib/observe/spend";

type Next = (args: { input: any }) => Promise<{ output?: any; response?: any }>; // any command's input and output (or, per attempt, the raw response)
// The SDK's add() is overloaded per step; this middleware is a deserialize one (inside the retry loop).
type Stack = { middlewareStack: { add(mw: any, options: any): void } };
type Middleware = (next: Next, context: { commandName?: string }) => Next;

const TERMINAL = new Set(["Complete", "Failed", "Cancelled", "Timeout", "Unknown"]);
/** Bytes each running query had scanned at its last poll, and how many of them are already in the log. */
const queries = new Map<string, { bytes: number; recorded: number; seenMs: number }>();
const FORGET_QUERY_MS = 2 * 3_600_000;

/**
 * Logs Insights bills a query's scanned bytes once, when it ends: recorded when a poll sees it end,
 * or when we stop it (the bytes of its last poll; a later Cancelled poll adds what it scanned since).
 */
function recordScan(queryId: string, bytes: number | undefined, ended: boolean, region: string) {
  const q = queries.get(queryId) ?? { bytes: 0, recorded: 0, seenMs: Date.now() };
  q.bytes = Math.max(q.bytes, bytes ?? 0);
  q.seenMs = Date.now();
  queries.set(queryId, q);
  if (ended && q.bytes > q.recorded) {
    const newBytes = q.bytes - q.recorded;
    q.recorded = q.bytes;
    recordSpend({ page: currentScope().page, action: "logs:StartQuery", region, calls: 0, usd: scanUsd(newBytes), metricsRequested: 0, bytesScanned: newBytes });
  }
  if (queries.size > 1_000) for (const [id, v] of queries) if (Date.now() - v.seenMs > FORGET_QUERY_MS) queries.delete(id);
}

/**
 * Records every HTTP request a client sends in the spend log, with what AWS charges for it,
 * attributed to the page and Region of the scope. Two middlewares: one in the deserialize step runs
 * once per attempt (inside the retry loop) and sees the raw response, so it counts retries and prices
 * only answered requests; one in the initialize step sees each command's parsed output once, for the
 * bytes a Logs Insights query scanned.
 */
export function recordingRequests<C extends Stack>(client: C, iamPrefix: string, region: string): C {
  const actionOf = (context: { commandName?: string }) => `${iamPrefix}:${(context.commandName ?? "").replace(/Command$/, "")}`;
  const perAttempt: Middleware = (next, context) => async (args) => {
    const action = actionOf(context);
    const metricsRequested = action === "cloudwatch:GetMetricData" ? (args.input?.MetricDataQueries?.length ?? 0) : 0;
    const page = currentScope().page;
    let answered = false;
    try {
      const result = (await next(args)) as { response?: { statusCode?: number } };
      answered = (result.response?.statusCode ?? 500) < 300;
      return result;
    } finally {
      // A refused request (throttled, denied) is not billed; it still counts as a call made.
      recordSpend({ page, action, region, calls: 1, usd: answered ? requestUsd(action, metricsRequested) : 0, metricsRequested: answered ? metricsRequested : 0, bytesScanned: 0 });
    }
  };
  const perCommand: Middleware = (next, context) => async (args) => {
    const action = actionOf(context);
    const result = await next(args);
    if (action === "logs:GetQueryResults") recordScan(args.input.queryId, result.output?.statistics?.bytesScanned, TERMINAL.has(result.output?.status), region);
    if (action === "logs:StopQuery") recordScan(args.input.queryId, undefined, true, region);
    return result;
  };
  client.middlewareStack.add(perAttempt, { step: "deserialize", name: "recordRequestSpend" });
  client.middlewareStack.add(perCommand, { step: "initialize", name: "recordQueryScanSpend" });
  return client;
}
