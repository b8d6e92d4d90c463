import "server-only";
import { currentRegion } from "@/lib/observe/scope";
import { randomUUID } from "node:crypto";
import { awsClients } from "@/lib/aws/clients";
import { accountId } from "@/lib/aws/cached-fetch";
import { classifyAwsError, type AwsFailure } from "@/lib/aws/errors";
import { getConfig } from "@/lib/config";
import { CostLedger } from "@/lib/cost/observation-cost";
import { runOverLogGroups } from "@/lib/insights/run-batches";
import { InsightsQueryError, type QueryProgress } from "@/lib/insights/run-query";
import type { InsightsRow } from "@/lib/insights/parse-results";
import { sharedSlots } from "@/lib/cache/cache";
import type { Slots } from "@/lib/insights/semaphore";
import { cancelRequested, claimRunKey, lastPolledMs, markPolled, publishRun, readRun, releaseRunKey, requestCancel } from "@/lib/insights/shared-runs";
import type { ObservationCost } from "@/lib/types";

/**
 * Logs Insights runs the browser can follow: started once, polled for progress, cancelled by the
 * user or when nobody polls any more. Identical runs (same account, region, log groups, query and
 * window) started while one is running or fresh share it: one scan, billed once.
 */
export type RunState = {
  runId: string;
  status: "Starting" | "Scheduled" | "Running" | "Complete" | "Failed" | "Cancelled" | "Timeout" | "Unknown" | "DeadlineExceeded";
  progress: QueryProgress;
  rows?: InsightsRow[];
  error?: AwsFailure;
  cost: ObservationCost;
  /** What the run reads: the time range and how many log groups (50 a query). */
  window: { startMs: number; endMs: number };
  logGroups: number;
  startedAtMs: number;
  finishedAtMs?: number;
  /**
   * Only on the answer to a start: the start joined a run that an identical earlier start had begun
   * (here or on another replica), so this view was not billed for it: the run's cost was paid once.
   */
  joined?: true;
};

type Run = RunState & { key: string; abort: AbortController; lastPolledMs: number; ledger: CostLedger; deadlineMs: number };

/**
 * Our share of the account's 30 concurrent queries, shared by every Logs Insights caller (query
 * runs, the runbook); the rest is left to the console and other tools.
 */
export const insightsSemaphore: Slots = sharedSlots(Number(process.env.LAMBDASCOPE_INSIGHTS_CONCURRENCY ?? 10));
/** A run nobody has polled for this long is abandoned: stop it so it stops scanning. */
const ABANDONED_AFTER_MS = 20_000;
/** Finished runs are kept for reuse as long as metric results are (the cache TTL), at least a minute. */
const keepFinishedMs = () => Math.max(getConfig().cacheTtlMs, 60_000);
/** Longest a dashboard query may run before we stop it (AWS would allow 60 minutes). */
const QUERY_DEADLINE_MS = 5 * 60_000;

/** How long a run's state is shared with other replicas: while it may run, then while it is reused. */
const shareMs = (maxRunMs = QUERY_DEADLINE_MS) => maxRunMs + keepFinishedMs();
/** Tells other replicas (with REDIS_URL) where the run stands; a Redis hiccup must not fail the run. */
const publish = (run: Run) => void publishRun(view(run), shareMs(run.deadlineMs - run.startedAtMs)).catch(() => undefined);

const runs = new Map<string, Run>();
const byKey = new Map<string, string>();

/** `maxRunMs`: the deadline, 5 minutes unless given (a fleet-wide scan waits its turn for many queries). */
export type RunRequest = { logGroupNames: string[]; queryString: string; startMs: number; endMs: number; limit?: number; maxRunMs?: number };

export async function startRun(req: RunRequest): Promise<RunState> {
  sweep();
  const region = currentRegion();
  const key = JSON.stringify([await accountId(region), region, [...req.logGroupNames].sort(), req.queryString, req.startMs, req.endMs, req.limit ?? null]);
  const existing = byKey.get(key);
  if (existing && runs.has(existing)) {
    const run = runs.get(existing)!;
    run.lastPolledMs = Date.now();
    return { ...view(run), joined: true };
  }
  const ledger = new CostLedger();
  const run: Run = {
    runId: randomUUID(),
    key,
    status: "Starting",
    progress: { status: "Starting", recordsScanned: 0, recordsMatched: 0, bytesScanned: 0 },
    cost: ledger.total(),
    window: { startMs: req.startMs, endMs: req.endMs },
    logGroups: new Set(req.logGroupNames).size,
    startedAtMs: Date.now(),
    deadlineMs: Date.now() + (req.maxRunMs ?? QUERY_DEADLINE_MS),
    abort: new AbortController(),
    lastPolledMs: Date.now(),
    ledger,
  };
  // An identical run another replica started is joined, not repeated.
  const holder = await claimRunKey(key, run.runId, shareMs(req.maxRunMs));
  if (holder !== run.runId) {
    const shared = await sharedRun(holder);
    if (shared) return { ...shared, joined: true };
  }
  runs.set(run.runId, run);
  byKey.set(key, run.runId);
  publish(run);
  void execute(run, req);
  return view(run);
}

/** A run held by another replica: its published state (just claimed, it may take a moment to appear). */
async function sharedRun(runId: string): Promise<RunState | undefined> {
  for (let i = 0; i < 20; i++) {
    const state = await readRun(runId);
    if (state) {
      await markPolled(runId);
      return state;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

async function execute(run: Run, req: RunRequest) {
  try {
    const result = await runOverLogGroups(awsClients().logs, req, {
      ledger: run.ledger,
      semaphore: insightsSemaphore,
      deadlineMs: run.deadlineMs,
      signal: run.abort.signal,
      onProgress: (p) => {
        run.progress = p;
        run.status = p.status as RunState["status"];
        run.cost = costSoFar(run.ledger, p.bytesScanned);
        publish(run);
      },
    });
    run.rows = result.rows;
    run.status = "Complete";
  } catch (err) {
    if (run.abort.signal.aborted) run.status = "Cancelled";
    else {
      // A query that ended badly keeps its status (Timeout, Failed…); classified like any failure, so it names the query's action.
      run.status = err instanceof InsightsQueryError ? (err.status as RunState["status"]) : "Failed";
      run.error = classifyAwsError("logs:StartQuery", err);
    }
    byKey.delete(run.key); // failures are not reused
    void releaseRunKey(run.key, run.runId).catch(() => undefined);
  } finally {
    run.finishedAtMs = Date.now();
    run.cost = run.ledger.total();
    publish(run);
  }
}

/**
 * The ledger counts a query's bytes when it ends; while batches run, what they have scanned so far
 * is priced too, so "cost so far" is not $0 until the end.
 */
function costSoFar(ledger: CostLedger, bytesScanned: number): ObservationCost {
  const soFar = new CostLedger();
  soFar.merge({ ...ledger.total(), logsBytesScanned: bytesScanned });
  return soFar.total();
}

/** The run's state, from this replica or (with REDIS_URL) the one running it; polling keeps it alive. */
export async function getRun(runId: string): Promise<RunState | undefined> {
  const run = runs.get(runId);
  if (!run) return sharedRun(runId);
  run.lastPolledMs = Date.now();
  return view(run);
}

export async function cancelRun(runId: string): Promise<RunState | undefined> {
  const run = runs.get(runId);
  if (!run) {
    const shared = await readRun(runId);
    if (shared) await requestCancel(runId); // its replica stops it at its next sweep
    return shared;
  }
  if (!run.finishedAtMs) run.abort.abort(new Error("cancelled by the user"));
  byKey.delete(run.key);
  await releaseRunKey(run.key, run.runId);
  return view(run);
}

function view(run: Run): RunState {
  const { runId, status, progress, rows, error, cost, window, logGroups, startedAtMs, finishedAtMs } = run;
  return { runId, status, progress, rows, error, cost, window, logGroups, startedAtMs, finishedAtMs };
}

/**
 * Stops abandoned runs and forgets old finished ones. Called on every start; cheap. With REDIS_URL
 * every few seconds it also reads the polls and cancels other replicas passed on for our runs.
 */
async function sweepShared() {
  if (!process.env.REDIS_URL) return sweep();
  for (const run of runs.values()) {
    if (run.finishedAtMs) continue;
    run.lastPolledMs = Math.max(run.lastPolledMs, await lastPolledMs(run.runId));
    if (await cancelRequested(run.runId)) run.abort.abort(new Error("cancelled by the user"));
  }
  sweep();
}

function sweep(now = Date.now()) {
  for (const run of runs.values()) {
    if (!run.finishedAtMs && now - run.lastPolledMs > ABANDONED_AFTER_MS) run.abort.abort(new Error("abandoned: nobody is polling"));
    if (run.finishedAtMs && now - run.finishedAtMs > keepFinishedMs()) {
      runs.delete(run.runId);
      if (byKey.get(run.key) === run.runId) byKey.delete(run.key);
    }
  }
}
setInterval(() => void sweepShared().catch(() => undefined), 5_000).unref();
