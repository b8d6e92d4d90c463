import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { accountId } from "@/lib/aws/cached-fetch";
import type { AwsFailure } from "@/lib/aws/errors";
import { DiskCache } from "@/lib/cache/disk-cache";
import { getConfig } from "@/lib/config";
import { fleetLogStats, type FleetLogStats } from "@/lib/fleet/log-stats";
import { listFleet } from "@/lib/functions/fleet-overview";
import { MAX_LOG_GROUPS_PER_QUERY, type QueryProgress } from "@/lib/insights/run-query";
import { cancelRun, getRun, startRun, type RunState } from "@/lib/insights/runs";
import { savedQueries } from "@/lib/insights/saved-queries";
import { RANGES, rangeSeconds, type Range } from "@/lib/ranges";
import type { FunctionSummary, ObservationCost } from "@/lib/types";

// The fleet-wide log statistics as a job the browser starts and follows. It is a Logs Insights run
// (lib/insights/runs.ts), so it inherits what runs have: one scan per (account, region, log groups,
// query, window) however many ask, 50 log groups a query within our share of the 30 concurrent
// queries, progress, StopQuery on cancel or when nobody polls for 20 s, sharing across replicas.
// On top: the window is aligned so that callers minutes apart share it, and a finished scan of a
// day or more is kept on disk for as long as its window is the current one.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** A fleet-wide scan queues many queries behind our concurrency share: 15 minutes, like right-sizing's. */
const FLEET_SCAN_MAX_RUN_MS = 15 * MINUTE_MS;
const QUERY_ID = "fleet-log-stats";
const cache = new DiskCache(process.env.LAMBDASCOPE_CACHE_DIR ?? path.join(process.cwd(), ".lambdascope-cache"));

/**
 * Windows end on a step that grows with the range, so a scan is reused while it is the current one:
 * a minute below a day (cheap scans), an hour for a day, 6 hours for a week or two (the dearest
 * scans, refreshed as often as right-sizing's). The newest data a scan leaves out is at most 1/24 of its range.
 */
export function windowStepMs(range: Range): number {
  const s = rangeSeconds(range);
  return s >= 7 * 86_400 ? 6 * HOUR_MS : s >= 86_400 ? HOUR_MS : MINUTE_MS;
}

export function scanWindow(range: Range, nowMs: number) {
  const step = windowStepMs(range);
  const endMs = Math.floor(nowMs / step) * step;
  return { startMs: endMs - rangeSeconds(range) * 1000, endMs };
}

/** StartQuery calls a scan of `logGroups` takes: 50 groups a query. */
export const queriesFor = (logGroups: number) => Math.ceil(logGroups / MAX_LOG_GROUPS_PER_QUERY);

export type LogStatsPlan = { range: Range; window: { startMs: number; endMs: number }; functions: number; logGroups: number; queries: number };

export type FleetLogStatsRun = {
  runId: string | null; // null: answered from the disk cache, nothing to poll
  status: RunState["status"];
  plan: LogStatsPlan;
  progress: QueryProgress;
  /** The scan's cost: AWS calls by action (logs:StartQuery = queries started), bytes scanned, USD (so far, while running). */
  cost: ObservationCost;
  /** True when this answer reused a finished scan (on disk, or in memory for the cache TTL): it cost nothing now. */
  fromCache: boolean;
  /** On the answer to a start: it joined a scan another view had started and that is still running (billed once, to that start). */
  joined?: true;
  startedAtMs: number;
  finishedAtMs?: number;
  error?: AwsFailure;
  stats?: FleetLogStats; // when Complete
};

type Planned = { plan: LogStatsPlan; functions: FunctionSummary[]; logGroups: string[]; region: string; cacheKey: string | null };
/** What a run on this replica was started with: to shape its rows and store them once. */
type Meta = Planned & { createdAtMs: number; stats?: FleetLogStats };
const metas = new Map<string, Meta>();
const META_KEEP_MS = FLEET_SCAN_MAX_RUN_MS + HOUR_MS;

async function planFor(range: Range, nowMs: number): Promise<Planned> {
  const region = getConfig().region;
  const functions = (await listFleet()).value;
  const logGroups = [...new Set(functions.map((f) => f.logGroup))].sort();
  const window = scanWindow(range, nowMs);
  // Only windows of a day or more are stored: shorter ones move on every minute.
  const cacheKey = windowStepMs(range) >= HOUR_MS ? `${await accountId(region)}|${region}|${QUERY_ID}|${window.startMs}|${window.endMs}|${createHash("sha256").update(logGroups.join("\n")).digest("hex")}` : null;
  return { plan: { range, window, functions: functions.length, logGroups: logGroups.length, queries: queriesFor(logGroups.length) }, functions, logGroups, region, cacheKey };
}

/** What a scan would read, and its stored result if one is fresh: costs no Logs Insights call. */
export async function fleetLogStatsPlan(range: Range, nowMs = Date.now()): Promise<{ plan: LogStatsPlan; cached: FleetLogStatsRun | null }> {
  const p = await planFor(range, nowMs);
  return { plan: p.plan, cached: await fromDisk(p, nowMs) };
}

async function fromDisk(p: Planned, nowMs: number): Promise<FleetLogStatsRun | null> {
  if (!p.cacheKey) return null;
  const hit = await cache.peek<FleetLogStatsRun>(p.cacheKey, windowStepMs(p.plan.range), nowMs);
  return hit ? { ...hit.value, runId: null, fromCache: true } : null;
}

/** Starts the fleet scan over the range, or joins the one running or just finished. */
export async function startFleetLogStats(range: Range, nowMs = Date.now()): Promise<FleetLogStatsRun> {
  sweepMetas();
  const p = await planFor(range, nowMs);
  const stored = await fromDisk(p, nowMs);
  if (stored) return stored;
  const state = await startRun({
    logGroupNames: p.logGroups,
    queryString: savedQueries().get(QUERY_ID)!.queryString,
    ...p.plan.window,
    maxRunMs: FLEET_SCAN_MAX_RUN_MS,
  });
  if (!metas.has(state.runId)) metas.set(state.runId, { ...p, createdAtMs: Date.now() });
  // A run already finished when we asked was reused, not scanned for us; one still running was joined.
  const view = await viewOf(state, state.finishedAtMs !== undefined);
  return state.joined && !view.fromCache ? { ...view, joined: true } : view;
}

export async function pollFleetLogStats(runId: string): Promise<FleetLogStatsRun | undefined> {
  const state = await getRun(runId);
  return state && viewOf(state, false);
}

export async function cancelFleetLogStats(runId: string): Promise<FleetLogStatsRun | undefined> {
  const state = await cancelRun(runId);
  return state && viewOf(state, false);
}

async function viewOf(state: RunState, fromCache: boolean): Promise<FleetLogStatsRun> {
  const meta = metas.get(state.runId);
  const plan = meta?.plan ?? planOfState(state);
  const view: FleetLogStatsRun = {
    runId: state.runId,
    status: state.status,
    plan,
    progress: { ...state.progress, queries: state.progress.queries ?? plan.queries, queriesDone: state.progress.queriesDone ?? (state.status === "Complete" ? plan.queries : 0) },
    cost: state.cost,
    fromCache,
    startedAtMs: state.startedAtMs,
    finishedAtMs: state.finishedAtMs,
    error: state.error,
  };
  if (state.status !== "Complete" || !state.rows) return view;
  const stats = meta ? await shapeOnce(meta, state, view) : fleetLogStats((await listFleet()).value, state.rows, getConfig().region);
  return { ...view, stats };
}

/** Shapes a finished run's rows once, and stores the answer on disk if its window is long enough. */
async function shapeOnce(meta: Meta, state: RunState, view: FleetLogStatsRun): Promise<FleetLogStats> {
  if (meta.stats) return meta.stats;
  meta.stats = fleetLogStats(meta.functions, state.rows!, meta.region);
  if (meta.cacheKey) await cache.put(meta.cacheKey, { ...view, stats: meta.stats }).catch(() => undefined); // a full disk must not fail the answer
  return meta.stats;
}

/** A run polled on a replica that did not start it (REDIS_URL): its plan from the run itself. */
function planOfState(state: RunState): LogStatsPlan {
  const rangeMs = state.window.endMs - state.window.startMs;
  const range = RANGES.find((r) => rangeSeconds(r) * 1000 === rangeMs) ?? "24h";
  return { range, window: state.window, functions: state.logGroups, logGroups: state.logGroups, queries: queriesFor(state.logGroups) };
}

function sweepMetas(nowMs = Date.now()) {
  for (const [runId, meta] of metas) if (nowMs - meta.createdAtMs > META_KEEP_MS) metas.delete(runId);
}
