import "server-only";
import { currentRegion } from "@/lib/observe/scope";
import path from "node:path";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { DescribeLogGroupsCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { paginateGetLambdaFunctionRecommendations } from "@aws-sdk/client-compute-optimizer";
import { awsClients, type AwsClients } from "@/lib/aws/clients";
import { accountId, servedFromCache } from "@/lib/aws/cached-fetch";
import { panel, type AwsFailure, type Panel } from "@/lib/aws/errors";
import { DiskCache } from "@/lib/cache/disk-cache";
import { getConfig } from "@/lib/config";
import { CostLedger } from "@/lib/cost/observation-cost";
import type { Architecture } from "@/lib/cost/prices";
import { fleetTags, listFleet } from "@/lib/functions/fleet-overview";
import { listProvisioned } from "@/lib/functions/function-detail";
import { logGroupOf, numberOf } from "@/lib/insights/parse-results";
import { runOverLogGroups } from "@/lib/insights/run-batches";
import { insightsSemaphore } from "@/lib/insights/runs";
import type { Slots } from "@/lib/insights/semaphore";
import { savedQueries } from "@/lib/insights/saved-queries";
import { getMetricData, type MetricQuery } from "@/lib/metrics/get-metric-data";
import { provisionedAdvice, type ProvisionedAdvice } from "@/lib/rightsizing/provisioned";
import { recommend, type CpuEvidence, type FunctionStats, type Recommendation } from "@/lib/rightsizing/model";
import type { FunctionSummary, ObservationCost } from "@/lib/types";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
export const DEFAULT_LOOKBACK_DAYS = 14;
/** Fourteen days of REPORT lines is the dearest scan the dashboard makes: once per 6 hours, across restarts. */
const SCAN_TTL_MS = 6 * HOUR_MS;
const LAMBDA_INSIGHTS_GROUP = "/aws/lambda-insights";
const cache = new DiskCache(process.env.LAMBDASCOPE_CACHE_DIR ?? path.join(process.cwd(), ".lambdascope-cache"));

/** What Compute Optimizer says of a function, beside our finding. */
export type ComputeOptimizerFinding = { finding: string; reasons: string[]; recommendedMb: number | null; savingUsd: number | null; risk: string | null };

export type RightsizingRow = {
  name: string;
  runtime: string;
  architecture: string;
  tags: Record<string, string>;
  stats: FunctionStats | null; // null: no REPORT lines in the lookback
  recommendation: Recommendation | null;
  provisioned: ProvisionedAdvice | null;
  computeOptimizer: ComputeOptimizerFinding | null; // null: not covered (or Compute Optimizer unavailable)
};

export type Rightsizing = {
  region: string; // prices the what-if uses
  window: { startMs: number; endMs: number; days: number };
  scannedAtMs: number;
  fromCache: boolean;
  functions: RightsizingRow[];
  totalSavingUsd: number; // over-provisioned functions' savings, a month
  scan: Panel<{ bytesScanned: number; queries: number }>;
  tags: Panel<{ functions: number }>; // failed: rows show no tags, and the tag filter is empty
  lambdaInsights: Panel<{ functions: number }>;
  computeOptimizer: Panel<{ covered: number }>;
  cost: ObservationCost;
};

type ScanRow = Record<string, string>;
type Clients = Pick<AwsClients, "logs" | "cloudwatch" | "lambda">;
type Window = { startMs: number; endMs: number };

/** Everything the findings are computed from: what one look at the account costs, and what is cached. */
export type Scanned = {
  report: ScanRow[];
  timeouts: ScanRow[];
  insights: ScanRow[];
  bytesScanned: number;
  queries: number;
  metrics: { calls: number; series: { invocations: number[]; pcu: number[] }[] };
  provisioned: Record<string, number>;
  window: Window;
};

/** The lookback's REPORT lines (one scan), timeouts where a function reached its timeout, and Lambda Insights. */
async function scanLogs(clients: Clients, functions: FunctionSummary[], window: Window, semaphore: Slots, ledger: CostLedger, signal?: AbortSignal) {
  const { logs } = clients;
  const queries = savedQueries();
  const opts = { ledger, semaphore, deadlineMs: Date.now() + 15 * 60_000, signal };
  const insightsGroups = functions.some((f) => f.lambdaInsights) ? await lambdaInsightsGroup(logs, ledger) : [];
  const [report, insights] = await Promise.all([
    runOverLogGroups(logs, { logGroupNames: functions.map((f) => f.logGroup), queryString: queries.get("rightsizing")!.queryString, ...window }, opts),
    insightsGroups.length ? runOverLogGroups(logs, { logGroupNames: insightsGroups, queryString: queries.get("lambda-insights-cpu")!.queryString, ...window }, opts) : null,
  ]);
  // REPORT lines say "Status: timeout" only in their text: read the messages only where the longest run reached the timeout.
  const byGroup = new Map(functions.map((f) => [f.logGroup, f]));
  const nearTimeout = [...new Set(report.rows.filter((r) => (numberOf(r.maxDurationMs) ?? 0) >= 0.99 * (byGroup.get(logGroupOf(r["@log"]))?.timeoutS ?? Infinity) * 1000).map((r) => logGroupOf(r["@log"])))];
  const timeouts = nearTimeout.length ? await runOverLogGroups(logs, { logGroupNames: nearTimeout, queryString: queries.get("timeouts")!.queryString, ...window }, opts) : null;
  return {
    report: report.rows,
    timeouts: timeouts?.rows ?? [],
    insights: insights?.rows ?? [],
    bytesScanned: report.statistics.bytesScanned + (insights?.statistics.bytesScanned ?? 0) + (timeouts?.statistics.bytesScanned ?? 0),
    queries: report.queries + (insights?.queries ?? 0) + (timeouts?.queries ?? 0),
  };
}

async function lambdaInsightsGroup(logs: CloudWatchLogsClient, ledger: CostLedger): Promise<string[]> {
  ledger.count("logs:DescribeLogGroups");
  const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: LAMBDA_INSIGHTS_GROUP }));
  return (out.logGroups ?? []).some((g) => g.logGroupName === LAMBDA_INSIGHTS_GROUP) ? [LAMBDA_INSIGHTS_GROUP] : [];
}

/** Hourly invocations (for a steady floor of traffic) and provisioned-concurrency utilisation, one GetMetricData pass. */
async function hourlyMetrics(cloudwatch: CloudWatchClient, functions: FunctionSummary[], window: Window, ledger: CostLedger) {
  const queries = functions.flatMap((f, i): MetricQuery[] => [
    { id: `inv${i}`, namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: f.name }, stat: "Sum" },
    { id: `pcu${i}`, namespace: "AWS/Lambda", metricName: "ProvisionedConcurrencyUtilization", dimensions: { FunctionName: f.name }, stat: "Maximum" },
  ]);
  const { results, cost } = await getMetricData(cloudwatch, queries, { ...window, periodS: 3600 });
  ledger.countMetrics(cost.calls, cost.metricsRequested);
  return { calls: cost.calls, series: functions.map((_, i) => ({ invocations: results.get(`inv${i}`)?.values ?? [], pcu: results.get(`pcu${i}`)?.values ?? [] })) };
}


async function computeOptimizerFindings(ledger: CostLedger): Promise<Map<string, ComputeOptimizerFinding>> {
  const found = new Map<string, ComputeOptimizerFinding>();
  const invocationsOf = new Map<string, number>();
  for await (const page of paginateGetLambdaFunctionRecommendations({ client: awsClients().computeOptimizer }, {})) {
    ledger.count("compute-optimizer:GetLambdaFunctionRecommendations");
    for (const r of page.lambdaFunctionRecommendations ?? []) {
      // One recommendation per version (arn:…:function:name:version): the one with the traffic speaks for the function.
      const name = r.functionArn?.split(":")[6];
      if (!name || (invocationsOf.get(name) ?? -1) >= (r.numberOfInvocations ?? 0)) continue;
      invocationsOf.set(name, r.numberOfInvocations ?? 0);
      const best = [...(r.memorySizeRecommendationOptions ?? [])].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))[0];
      found.set(name, {
        finding: r.finding ?? "Unavailable",
        reasons: r.findingReasonCodes ?? [],
        recommendedMb: best?.memorySize ?? null,
        savingUsd: best?.savingsOpportunity?.estimatedMonthlySavings?.value ?? null,
        risk: r.currentPerformanceRisk ?? null,
      });
    }
  }
  return found;
}

/** The REPORT rows of one function as the model's inputs: the current size's row, other sizes as CPU evidence. */
export function toStats(f: FunctionSummary, rows: ScanRow[], timeouts: number, insights: ScanRow | undefined, provisionedConcurrency: number, days: number): FunctionStats | null {
  const at = (r: ScanRow) => numberOf(r.memorySizeMb) ?? 0;
  const now = rows.find((r) => at(r) === f.memoryMb) ?? null;
  if (!now) return null;
  const n = (v: string | undefined) => numberOf(v) ?? 0;
  let cpu: CpuEvidence = { source: "none" };
  const sized = rows.filter((r) => n(r.invocations) >= 50);
  if (insights && n(insights.samples) >= 50) cpu = { source: "lambda-insights", cpuTimeMs: n(insights.cpuTimeMs), durationMs: n(insights.durationMs), samples: n(insights.samples) };
  else if (sized.length >= 2) cpu = { source: "memory-sizes", points: sized.map((r) => ({ memoryMb: at(r), avgDurationMs: n(r.avgDurationMs), invocations: n(r.invocations) })) };
  return {
    name: f.name,
    memoryMb: f.memoryMb,
    timeoutS: f.timeoutS,
    architecture: (f.architecture === "arm64" ? "arm64" : "x86_64") as Architecture,
    runtime: f.runtime,
    ephemeralStorageMb: f.ephemeralStorageMb,
    days,
    invocations: n(now.invocations),
    coldStarts: n(now.coldStarts),
    avgDurationMs: n(now.avgDurationMs),
    p50DurationMs: n(now.p50DurationMs),
    p99DurationMs: n(now.p99DurationMs),
    avgBilledDurationMs: n(now.avgBilledDurationMs),
    memoryUsedMb: { p50: n(now.memP50Mb), p99: n(now.memP99Mb), p999: n(now.memP999Mb), max: n(now.memMaxMb) },
    timeouts,
    outOfMemory: n(now.outOfMemory),
    cpu,
    provisionedConcurrency,
  };
}

/** One look at the account for these functions over the window: logs, metrics, provisioned concurrency. */
export async function scanFleet(clients: Clients, functions: FunctionSummary[], window: Window, semaphore: Slots, ledger: CostLedger, signal?: AbortSignal): Promise<Scanned> {
  const [logs, metrics] = await Promise.all([scanLogs(clients, functions, window, semaphore, ledger, signal), hourlyMetrics(clients.cloudwatch, functions, window, ledger)]);
  const pcFunctions = functions.filter((_, i) => metrics.series[i].pcu.length > 0);
  const counts = await Promise.all(pcFunctions.map(async (f) => (await listProvisioned(clients.lambda, f.name, ledger)).reduce((a, p) => a + p.allocated, 0)));
  return { ...logs, metrics, provisioned: Object.fromEntries(pcFunctions.map((f, i) => [f.name, counts[i]])), window };
}

/** Each function's finding from a scan, by saving (largest first). Pure. */
export function rowsFrom(functions: FunctionSummary[], s: Scanned, days: number, region: string, tags: Map<string, Record<string, string>> | null, co: Map<string, ComputeOptimizerFinding> | null): RightsizingRow[] {
  // Rows by log group once: a fleet of thousands must not rescan every row per function.
  const byGroup = new Map<string, ScanRow[]>();
  for (const r of s.report) {
    const g = logGroupOf(r["@log"]);
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g)!.push(r);
  }
  const timeoutsOf = new Map(s.timeouts.map((r) => [logGroupOf(r["@log"]), numberOf(r.timeouts) ?? 0]));
  const insightsOf = new Map(s.insights.map((r) => [`${r.function_name}@${numberOf(r.memoryMb)}`, r]));
  const rows = functions.map((f, i): RightsizingRow => {
    const mine = byGroup.get(f.logGroup) ?? [];
    const timeouts = timeoutsOf.get(f.logGroup) ?? 0;
    const insights = f.lambdaInsights ? insightsOf.get(`${f.name}@${f.memoryMb}`) : undefined;
    const stats = toStats(f, mine, timeouts, insights, s.provisioned[f.name] ?? 0, days);
    const recommendation = stats ? recommend(stats, region) : null;
    const series = s.metrics.series[i];
    return {
      name: f.name,
      runtime: f.runtime,
      architecture: f.architecture,
      tags: tags?.get(f.arn) ?? {},
      stats,
      recommendation,
      provisioned: stats && recommendation ? provisionedAdvice(stats, recommendation, series.invocations, series.pcu, region) : null,
      computeOptimizer: co?.get(f.name) ?? null,
    };
  });
  return rows.sort((a, b) => (b.recommendation?.savingUsd ?? -Infinity) - (a.recommendation?.savingUsd ?? -Infinity));
}

/**
 * Right-sizing for the fleet (or the named functions) over the last `days`: one Logs Insights scan of
 * the REPORT lines, Lambda Insights where the extension runs, hourly metrics for provisioned
 * concurrency, and Compute Optimizer's findings beside ours. The scan is cached on disk for 6 hours.
 * `signal`: the asker left; its queries are stopped (StopQuery) rather than left scanning, unpaid-for.
 */
export async function getRightsizing(days = DEFAULT_LOOKBACK_DAYS, only?: readonly string[], nowMs = Date.now(), signal?: AbortSignal): Promise<Rightsizing> {
  const ledger = new CostLedger();
  const fleet = await listFleet();
  ledger.merge(fleet.cost);
  const functions = fleet.value.filter((f) => !only || only.includes(f.name)).sort((a, b) => a.name.localeCompare(b.name));
  const endMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const window = { startMs: endMs - days * DAY_MS, endMs };
  const region = currentRegion();
  const account = await accountId();
  const key = `${account}|${region}|rightsizing|${days}|${functions.map((f) => `${f.name}@${f.memoryMb}`).join(",")}`;

  const [scanned, tags, co] = await Promise.all([
    panel("logs:StartQuery", async () => {
      const l = new CostLedger();
      const got = await cache.get(key, SCAN_TTL_MS, async () => ({ ...(await scanFleet(awsClients(), functions, window, insightsSemaphore, l, signal)), cost: l.total() }));
      ledger.merge(got.fromCache ? servedFromCache(got.value.cost) : got.value.cost);
      return { ...got.value, storedAtMs: got.storedAtMs, fromCache: got.fromCache };
    }),
    panel("tag:GetResources", async () => {
      const t = await fleetTags();
      ledger.merge(t.cost);
      return t.value;
    }),
    panel("compute-optimizer:GetLambdaFunctionRecommendations", async () => {
      const { value } = await cache.get(`${account}|${region}|compute-optimizer`, SCAN_TTL_MS, () => computeOptimizerFindings(ledger).then((m) => [...m]));
      return new Map(value);
    }),
  ]);

  const rows = scanned.ok ? rowsFrom(functions, scanned.data, days, region, tags.ok ? tags.data : null, co.ok ? co.data : null) : [];
  const failed = <T,>(p: { ok: false; error: AwsFailure }): Panel<T> => p;
  return {
    region,
    window: { ...(scanned.ok ? scanned.data.window : window), days },
    scannedAtMs: scanned.ok ? scanned.data.storedAtMs : nowMs,
    fromCache: scanned.ok ? scanned.data.fromCache : false,
    functions: rows,
    totalSavingUsd: rows.reduce((a, r) => a + (r.recommendation?.finding === "over-provisioned" ? r.recommendation.savingUsd : 0), 0),
    scan: scanned.ok ? { ok: true, data: { bytesScanned: scanned.data.bytesScanned, queries: scanned.data.queries } } : failed(scanned),
    tags: tags.ok ? { ok: true, data: { functions: tags.data.size } } : failed(tags),
    lambdaInsights: scanned.ok ? { ok: true, data: { functions: new Set(scanned.data.insights.map((r) => r.function_name)).size } } : failed(scanned),
    computeOptimizer: co.ok ? { ok: true, data: { covered: co.data.size } } : failed(co),
    cost: ledger.total(),
  };
}
