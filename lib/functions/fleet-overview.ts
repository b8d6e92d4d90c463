import "server-only";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch, cachedPanel } from "@/lib/aws/cached-fetch";
import { classifyAwsError } from "@/lib/aws/errors";
import { getConfig } from "@/lib/config";
import { CostLedger } from "@/lib/cost/observation-cost";
import { fleetMetrics, type FleetMetricValues } from "@/lib/functions/fleet-metrics";
import { listFunctions, listFunctionTags } from "@/lib/functions/list-functions";
import { summaryWindow } from "@/lib/metrics/window";
import type { Range } from "@/lib/ranges";
import { queueDepths } from "@/lib/sqs/queue-depth";
import { errorRatePct, functionStatus } from "@/lib/status/function-status";
import { filterRows, sortRows, statusCounts, tagValues, TAG_KEYS, type FleetFilter, type SortKey } from "@/lib/functions/fleet-view";
import type { TimeWindow } from "@/lib/metrics/window";
import { currentRegion, currentScope, runInScope } from "@/lib/observe/scope";
import type { FleetFailure, FleetOverview, FleetRow, FunctionSummary, ObservationCost } from "@/lib/types";

// Cache policy, per fetcher: configuration and tags change rarely; metrics are keyed by the
// window's end minute, so they refresh each minute at most. The function list and tags are re-read
// after 5 and 10 minutes, and served up to an hour old meanwhile: at 5,000 functions ListFunctions
// is 100 pages one after another (seconds on AWS), which no refresh should wait on once it has a list.
const FUNCTIONS_TTL = { ttlMs: 5 * 60_000, staleMs: 55 * 60_000 };
const TAGS_TTL = { ttlMs: 10 * 60_000, staleMs: 50 * 60_000 };

const TAGS_KEY = "lambda-function-tags";
const loadTags = (ledger: CostLedger) => listFunctionTags(awsClients().tagging, ledger);

/** Tags of every tagged function, by ARN (re-read in the background after 10 minutes, served up to an hour old). */
export function fleetTags() {
  return cachedFetch(TAGS_KEY, TAGS_TTL, loadTags);
}

export function listFleet() {
  return cachedFetch("lambda:ListFunctions", FUNCTIONS_TTL, (ledger) => listFunctions(awsClients().lambda, ledger));
}

type RegionFleet = { rows: FleetRow[]; failures: FleetFailure[]; cost: ObservationCost; window: TimeWindow; listedAtMs: number };

/** One Region's functions with their figures and status over the range. Throws only if ListFunctions fails. */
async function regionFleet(range: Range, nowMs: number): Promise<RegionFleet> {
  const { cloudwatch, sqs } = awsClients();
  const region = currentRegion();
  const ledger = new CostLedger();
  // Tags need no function list: read them while ListFunctions pages (a panel never rejects).
  const tagsPanel = cachedPanel("tag:GetResources", TAGS_KEY, TAGS_TTL, loadTags, ledger);
  const fleet = await listFleet();
  ledger.merge(fleet.cost);
  const functions = fleet.value;
  const window = summaryWindow(range, nowMs);
  const names = functions.map((f) => f.name);
  const dlqArns = [...new Set(functions.flatMap((f) => (f.dlqArn ? [f.dlqArn] : [])))];
  const ttl = getConfig().cacheTtlMs;

  const [tags, metrics, dlq] = await Promise.all([
    tagsPanel,
    cachedPanel("cloudwatch:GetMetricData", `fleet-metrics|${window.startMs}|${window.endMs}|${names.join(",")}`, ttl, (l) => fleetMetrics(cloudwatch, names, window, l), ledger),
    cachedPanel("sqs:GetQueueAttributes", `dlq-depth|${window.endMs}|${dlqArns.join(",")}`, ttl, (l) => queueDepths(sqs, dlqArns, l), ledger),
  ]);

  const parts = [functions, tags.ok ? tags.data : null, metrics.ok ? metrics.data : null, dlq.ok ? dlq.data : null];
  const rows = memo(rowsMemo, `${region}|${range}|${window.endMs}`, parts, () =>
    functions.map((f) =>
      toRow(f, region, tags.ok ? (tags.data.get(f.arn) ?? {}) : null, metrics.ok ? metrics.data.get(f.name) : undefined, dlq.ok && f.dlqArn ? dlq.data.get(f.dlqArn) : undefined),
    ),
  );
  const failures = Object.entries({ tags, metrics, dlq }).flatMap(([part, p]) => (p.ok ? [] : [{ region, part: part as FleetFailure["part"], error: p.error }]));
  return { rows, failures, cost: ledger.total(), window, listedAtMs: fleet.fetchedAtMs };
}

/**
 * Derived rows reused while the cached answers they come from are the same objects (the in-process
 * cache hands back the same Map until it expires): a warm overview of 5,000 functions rebuilt and
 * re-sorted every row for every page of 200. Bounded, oldest first out.
 */
type Memo<T> = Map<string, { parts: readonly unknown[]; value: T }>;
const rowsMemo: Memo<FleetRow[]> = new Map();
const matchedMemo: Memo<FleetRow[]> = new Map();
const MEMO_ENTRIES = 64;
function memo<T>(store: Memo<T>, key: string, parts: readonly unknown[], make: () => T): T {
  const hit = store.get(key);
  if (hit && hit.parts.length === parts.length && hit.parts.every((p, i) => p === parts[i])) return hit.value;
  const value = make();
  store.delete(key);
  store.set(key, { parts, value });
  if (store.size > MEMO_ENTRIES) store.delete(store.keys().next().value!);
  return value;
}

export type FleetView = FleetFilter & { sort: SortKey; dir: "asc" | "desc"; offset: number; limit: number };

/**
 * The fleet overview over one or more Regions, read in parallel: every function with its figures and
 * status over the range, filtered, sorted and paged here so the browser gets one page of rows, not the
 * fleet. A Region whose ListFunctions fails is reported and the others shown; throws if every one fails.
 */
export async function getFleetOverview(regions: readonly string[], range: Range, view: FleetView, nowMs = Date.now()): Promise<FleetOverview> {
  const scope = currentScope();
  const settled = await Promise.allSettled(regions.map((region) => runInScope({ ...scope, region }, () => regionFleet(range, nowMs))));
  const ok = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  if (ok.length === 0) throw (settled[0] as PromiseRejectedResult).reason;
  const listFailures = settled.flatMap((s, i): FleetFailure[] =>
    s.status === "rejected" ? [{ region: regions[i], part: "functions", error: classifyAwsError("lambda:ListFunctions", s.reason) }] : [],
  );
  const ledger = new CostLedger();
  for (const r of ok) ledger.merge(r.cost);
  const all = ok.flatMap((r) => r.rows);
  // Scrolling asks for page after page of one view: filter and sort it once while its rows last.
  const viewKey = JSON.stringify([regions, range, view.sort, view.dir, view.q, view.status, view.tags]);
  const matched = memo(matchedMemo, viewKey, ok.map((r) => r.rows), () => sortRows(filterRows(all, view), view.sort, view.dir));
  return {
    range,
    regions: [...regions],
    window: { startMs: ok[0].window.startMs, endMs: ok[0].window.endMs },
    listedAtMs: Math.min(...ok.map((r) => r.listedAtMs)),
    total: all.length,
    matched: matched.length,
    offset: view.offset,
    limit: view.limit,
    rows: matched.slice(view.offset, view.offset + view.limit),
    counts: statusCounts(all),
    tagValues: Object.fromEntries(TAG_KEYS.map((k) => [k, tagValues(all, k)])),
    failures: [...listFailures, ...ok.flatMap((r) => r.failures)],
    cost: ledger.total(),
  };
}

function toRow(f: FunctionSummary, region: string, tags: Record<string, string> | null, m: FleetMetricValues | undefined, dlqDepth: number | undefined): FleetRow {
  const { status, reasons } = m
    ? functionStatus({ ...m, timeoutS: f.timeoutS, dlqDepth })
    : { status: undefined, reasons: [] };
  return {
    ...f,
    region,
    tags,
    ...m,
    errorRatePct: m ? errorRatePct(m.errors, m.invocations) : undefined,
    dlqDepth,
    status,
    statusReasons: reasons,
  };
}
