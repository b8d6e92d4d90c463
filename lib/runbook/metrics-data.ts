import "server-only";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CostLedger } from "@/lib/cost/observation-cost";
import { getMetricData, type MetricQuery, type MetricResult } from "@/lib/metrics/get-metric-data";
import { toChartRows } from "@/lib/metrics/series";
import type { ThrottleInput } from "@/lib/runbook/throttles";
import type { TrafficShift, VersionStats } from "@/lib/runbook/recent-deploy";
import type { RunbookChart } from "@/lib/runbook/result";
import { median, type Span } from "@/lib/runbook/types";

// Every CloudWatch figure of the runbook comes from one GetMetricData request over the earliest
// baseline to the window's end, at 5-minute periods: fine enough to see what rose first, and one
// request bills each metric once however many days it covers.
export const PERIOD_S = 300;
const DAY_MS = 86_400_000;
/** How far back a deploy is looked for, and the versions behind the alias are compared over. */
export const DEPLOY_LOOKBACK_MS = DAY_MS;

export type RunbookMetrics = { results: Map<string, MetricResult>; versions: string[] };

const lambda = (id: string, metricName: string, stat: string, dimensions: Record<string, string>): MetricQuery => ({ id, namespace: "AWS/Lambda", metricName, dimensions, stat });
const versionId = (kind: "inv" | "err" | "p99", version: string) => `v${kind}_${version.replace(/\W/g, "_")}`;

/**
 * Invocations, errors, throttles, concurrency and p99 of the function, and (when traffic goes
 * through an alias) invocations, errors and p99 per ExecutedVersion of the newest versions.
 */
export async function fetchRunbookMetrics(
  cloudwatch: CloudWatchClient,
  p: { functionName: string; alias: string | null; versions: string[]; span: Span },
  ledger: CostLedger,
): Promise<RunbookMetrics> {
  const fn = { FunctionName: p.functionName };
  const queries = [
    lambda("inv", "Invocations", "Sum", fn),
    lambda("err", "Errors", "Sum", fn),
    lambda("thr", "Throttles", "Sum", fn),
    lambda("conc", "ConcurrentExecutions", "Maximum", fn),
    lambda("p99", "Duration", "p99", fn),
  ];
  // Per-version metrics exist only under an alias: {FunctionName, Resource: fn:alias, ExecutedVersion}.
  const versions = p.alias ? p.versions : [];
  for (const v of versions) {
    const dims = { FunctionName: p.functionName, Resource: `${p.functionName}:${p.alias}`, ExecutedVersion: v };
    queries.push(lambda(versionId("inv", v), "Invocations", "Sum", dims), lambda(versionId("err", v), "Errors", "Sum", dims), lambda(versionId("p99", v), "Duration", "p99", dims));
  }
  // CloudWatch starts its periods at StartTime: aligned to 5 minutes, every series shares one grid
  // (the window's edges then fall inside a period; figures count the periods that start in it).
  const periodMs = PERIOD_S * 1000;
  const window = { startMs: Math.floor(p.span.startMs / periodMs) * periodMs, endMs: Math.ceil(p.span.endMs / periodMs) * periodMs, periodS: PERIOD_S };
  const { results, cost } = await getMetricData(cloudwatch, queries, window);
  ledger.countMetrics(cost.calls, cost.metricsRequested);
  return { results, versions };
}

// ── pure derivations ──────────────────────────────────────────────────────────────────────────

/** The values of a result inside a span (start inclusive, end exclusive). */
export function valuesIn(r: MetricResult | undefined, span: Span): number[] {
  if (!r) return [];
  return r.values.filter((v, i) => r.timestampsMs[i] >= span.startMs && r.timestampsMs[i] < span.endMs && Number.isFinite(v));
}

export const sumIn = (r: MetricResult | undefined, span: Span) => valuesIn(r, span).reduce((a, b) => a + b, 0);
export const maxIn = (r: MetricResult | undefined, span: Span) => {
  const v = valuesIn(r, span);
  return v.length ? Math.max(...v) : null;
};

/** First period in the window whose value exceeds `factor` × the median of the periods before it; null if none. */
export function onsetMs(timestampsMs: number[], values: number[], windowStartMs: number, factor: number): number | null {
  const before = median(values.filter((_, i) => timestampsMs[i] < windowStartMs)) ?? 0;
  const i = values.findIndex((v, k) => timestampsMs[k] >= windowStartMs && v > Math.max(before * factor, 0));
  return i === -1 ? null : timestampsMs[i];
}

/** Step 1's numbers; `unreservedPool` from GetAccountSettings. */
export function toThrottleInput(m: RunbookMetrics, incident: Span, fn: { name: string; reservedConcurrency: number | null }, unreservedPool: number | null): ThrottleInput {
  const hourBefore = { startMs: incident.startMs - 3_600_000, endMs: incident.endMs };
  const clip = (id: string) => {
    const r = m.results.get(id);
    const keep = (r?.timestampsMs ?? []).map((t) => t >= hourBefore.startMs && t < hourBefore.endMs);
    return { t: (r?.timestampsMs ?? []).filter((_, i) => keep[i]), v: (r?.values ?? []).filter((_, i) => keep[i]) };
  };
  const thr = clip("thr");
  const p99 = clip("p99");
  // Which rose first, measured against the hour before the window.
  const throttleOnset = onsetMs(thr.t, thr.v, incident.startMs, 0);
  const p99Onset = onsetMs(p99.t, p99.v, incident.startMs, 1.5);
  return {
    functionName: fn.name,
    throttles: sumIn(m.results.get("thr"), incident),
    invocations: sumIn(m.results.get("inv"), incident),
    peakConcurrency: maxIn(m.results.get("conc"), incident),
    reservedConcurrency: fn.reservedConcurrency,
    unreservedPool,
    durationRoseFirst: p99Onset !== null && throttleOnset !== null && p99Onset < throttleOnset,
  };
}

export const ONSET = {
  rollingPeriods: 3, // judged on 15-minute windows: one 5-minute period of a quiet function is noise
  minErrors: 3, // at least 3 errors in the 15 minutes (a 0.1 % background rarely makes 3)
  errorRateFactor: 2, // failing at least twice as often as the baseline…
  errorRateFloorPct: 0.5, // …and at least 0.5 percentage points above it
  p99Factor: 1.5, // or the 15-minute median of p99 at least 1.5 × the baseline's
  maxGapWindows: 3, // a run survives 15 min of quiet (a 10 % canary is noisy)
} as const;

/**
 * When errors or latency started to rise: the start of the run of elevated 15-minute windows that
 * reaches into the incident window, looked for up to a day back. Elevated = ≥ 3 errors at ≥ 2 × and
 * ≥ 0.5 pp above the baseline's error rate, or a median p99 ≥ 1.5 × the baseline's. Null when
 * nothing in the window is. The onset is then the first elevated 5-minute period of the earliest window.
 */
export function errorOrLatencyOnset(m: RunbookMetrics, incident: Span, baselines: readonly Span[]): number | null {
  const at = (id: string) => new Map((m.results.get(id)?.timestampsMs ?? []).map((t, i) => [t, m.results.get(id)!.values[i]]));
  const [invAt, errAt, p99At] = [at("inv"), at("err"), at("p99")];
  const periodMs = PERIOD_S * 1000;
  const sumOver = (series: Map<number, number>, times: number[]) => times.reduce((a, t) => a + (series.get(t) ?? 0), 0);
  const periodsFrom = (t: number) => Array.from({ length: ONSET.rollingPeriods }, (_, k) => t + k * periodMs);
  const inBaseline = (t: number) => baselines.some((b) => t >= b.startMs && t < b.endMs);
  const baseTimes = [...invAt.keys()].filter(inBaseline);
  const baseInv = sumOver(invAt, baseTimes);
  const baseRate = baseInv > 0 ? (100 * sumOver(errAt, baseTimes)) / baseInv : 0;
  const baseP99 = median(baseTimes.map((t) => p99At.get(t)).filter((v): v is number => v !== undefined));
  /** Over `times`: errors (≥ `minErrors`) at an elevated rate, or an elevated median p99. */
  const above = (times: number[], minErrors: number) => {
    const inv = sumOver(invAt, times);
    const err = sumOver(errAt, times);
    const rate = inv > 0 ? (100 * err) / inv : 0;
    const p99 = median(times.map((x) => p99At.get(x)).filter((v): v is number => v !== undefined));
    const errors = err >= minErrors && rate >= ONSET.errorRateFactor * baseRate && rate >= baseRate + ONSET.errorRateFloorPct;
    return errors || (baseP99 !== null && p99 !== null && p99 >= ONSET.p99Factor * baseP99);
  };
  const elevated = (t: number) => above(periodsFrom(t), ONSET.minErrors);
  const first = Math.ceil(incident.startMs / periodMs) * periodMs;
  const lastStart = incident.endMs - ONSET.rollingPeriods * periodMs;
  let latest: number | null = null;
  for (let t = first; t <= Math.max(first, lastStart); t += periodMs) if (elevated(t)) latest = t;
  if (latest === null) return null;
  let onset = latest;
  let gap = 0;
  for (let t = latest - periodMs; t >= incident.endMs - DEPLOY_LOOKBACK_MS; t -= periodMs) {
    if (elevated(t)) {
      onset = t;
      gap = 0;
    } else if (++gap > ONSET.maxGapWindows) break;
  }
  // The earliest elevated 15 minutes start at `onset`: the rise is at its first elevated period.
  return periodsFrom(onset).find((t) => above([t], 1)) ?? onset;
}

/** Errors, invocations and the median 5-minute p99 of each executed version over a span. */
export function versionStats(m: RunbookMetrics, span: Span): VersionStats[] {
  return m.versions
    .map((version) => ({
      version,
      invocations: sumIn(m.results.get(versionId("inv", version)), span),
      errors: sumIn(m.results.get(versionId("err", version)), span),
      p99DurationMs: median(valuesIn(m.results.get(versionId("p99", version)), span)),
    }))
    .filter((v) => v.invocations > 0);
}

/**
 * How the alias's traffic was split between versions over time, as observed (ListAliases has no
 * history): a new segment starts whenever the set of versions serving traffic changes for at least
 * two periods in a row.
 */
export function trafficShifts(m: RunbookMetrics, span: Span): TrafficShift[] {
  if (m.versions.length === 0) return [];
  const periodMs = PERIOD_S * 1000;
  const series = m.versions.map((v) => new Map((m.results.get(versionId("inv", v))?.timestampsMs ?? []).map((t, i) => [t, m.results.get(versionId("inv", v))!.values[i]])));
  const times: number[] = [];
  for (let t = Math.ceil(span.startMs / periodMs) * periodMs; t < span.endMs; t += periodMs) times.push(t);
  const setAt = (t: number) => m.versions.filter((_, i) => (series[i].get(t) ?? 0) > 0).join(",");
  const segments: { fromMs: number; key: string; times: number[] }[] = [];
  for (let k = 0; k < times.length; k++) {
    const key = setAt(times[k]);
    if (!key) continue; // no traffic this period says nothing about the routing
    const current = segments[segments.length - 1];
    if (current?.key === key) current.times.push(times[k]);
    else if (!current || (k + 1 < times.length && setAt(times[k + 1]) === key)) segments.push({ fromMs: times[k], key, times: [times[k]] });
    else current.times.push(times[k]); // a single odd period: noise, not a shift
  }
  // A segment's shares are the median of its periods' shares: the period in which the alias moved
  // mixes two routings and would skew a total.
  return segments.map((s) => {
    const shareOf = (i: number) =>
      median(s.times.map((t) => {
        const all = series.reduce((a, x) => a + (x.get(t) ?? 0), 0);
        return all ? (series[i].get(t) ?? 0) / all : 0;
      })) ?? 0;
    const shares = m.versions.map((v, i) => [v, Math.round(shareOf(i) * 1000) / 1000] as const).filter(([, share]) => share > 0);
    return { fromMs: s.fromMs, shares: Object.fromEntries(shares) };
  });
}

/** A chart of some of the results over a span, with the same series one day earlier as a dashed baseline. */
export function runbookChart(m: RunbookMetrics, span: Span, series: { id: string; label: string; zero?: boolean; baseline?: boolean; axis?: "right" }[], unit: RunbookChart["unit"]): RunbookChart {
  const periodMs = PERIOD_S * 1000;
  // Complete periods only: the last, still-filling period would look like a sudden drop.
  const window = { startMs: Math.floor(span.startMs / periodMs) * periodMs, endMs: Math.floor(span.endMs / periodMs) * periodMs, periodS: PERIOD_S };
  const columns: Record<string, MetricResult | undefined> = {};
  const zero = new Set<string>();
  for (const s of series) {
    columns[s.id] = m.results.get(s.id);
    if (s.zero) zero.add(s.id);
    if (s.baseline) {
      const r = m.results.get(s.id);
      columns[`${s.id}_base`] = r && { ...r, timestampsMs: r.timestampsMs.map((t) => t + DAY_MS) };
      if (s.zero) zero.add(`${s.id}_base`);
    }
  }
  return {
    unit,
    periodS: PERIOD_S,
    rows: toChartRows(window, columns, zero),
    series: series.flatMap((s) => [
      { key: s.id, label: s.label, dashed: false, axis: s.axis },
      ...(s.baseline ? [{ key: `${s.id}_base`, label: `${s.label}, 1 day earlier`, dashed: true, axis: s.axis }] : []),
    ]),
  };
}

export const versionSeriesId = (version: string) => versionId("inv", version);
