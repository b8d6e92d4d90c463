// The LambdaInsights namespace: the metrics CloudWatch extracts from the performance events' EMF
// block (sim/logs/lambda-insights.ts), one sample per event, stamped with the event's `_aws.Timestamp`
// minute. Metric names and dimension sets are the block's own: memory_utilization, total_memory,
// used_memory_max, cpu_total_time, tx_bytes, rx_bytes, total_network, init_duration (cold starts
// only), by [function_name] or [function_name, version] (AWS-FACTS §5).
//
// Statistics: Sum, SampleCount, Average, Minimum, Maximum. Percentiles give no data here (CloudWatch
// keeps EMF values as distributions and would answer them; the demo keeps only sums and extremes).
// Periods and "no datapoint without samples" as the model's metricSeries(); any multiple of 60 s.
import { minuteHasData } from "../model";
import { generateInvocations } from "../model/invocations";
import { Lru } from "../model/lru";
import { planHour } from "../model/traffic";
import type { MetricRequest, MetricSeries, SimModel } from "../model/types";
import { type FnLogContext, fnLogContext } from "./fn-context";
import { Inv } from "./invocation";
import { LAMBDA_INSIGHTS_METRICS, LAMBDA_INSIGHTS_NAMESPACE, type Performance, performanceOf } from "./lambda-insights";

export { LAMBDA_INSIGHTS_NAMESPACE };

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** 4 functions × 14 days is 1,344 hours, ≤ 15 KB each. */
const MAX_HOURS_CACHED = 2_000;
const STATISTICS = new Set(["Sum", "SampleCount", "Average", "Minimum", "Maximum"]);
const METRIC_INDEX = new Map<string, number>(LAMBDA_INSIGHTS_METRICS.map(([name], i) => [name, i]));
const M = LAMBDA_INSIGHTS_METRICS.length;
// Per (version, minute, metric): count, sum, min, max.
const SLOTS = 4;

const VALUE_OF: ((p: Performance) => number | undefined)[] = LAMBDA_INSIGHTS_METRICS.map(([name]) => {
  switch (name) {
    case "memory_utilization": return (p) => p.memoryUtilization;
    case "total_memory": return (p) => p.totalMemory;
    case "used_memory_max": return (p) => p.usedMemoryMax;
    case "cpu_total_time": return (p) => p.cpuTotalTime;
    case "tx_bytes": return (p) => p.txBytes;
    case "rx_bytes": return (p) => p.rxBytes;
    case "total_network": return (p) => p.totalNetwork;
    default: return (p) => (p.initDurationCenti === undefined ? undefined : p.initDurationCenti / 100);
  }
});

/** One function's samples over one hour, by executed version. */
type InsightsHour = Map<string, Float64Array>;

const caches = new WeakMap<SimModel, Lru<string, InsightsHour>>();

function hourOf(model: SimModel, ctx: FnLogContext, hourMs: number): InsightsHour {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = new Lru(MAX_HOURS_CACHED)));
  const key = `${ctx.spec.name}@${hourMs}`;
  let hour = cache.get(key);
  if (!hour) cache.set(key, (hour = computeHour(ctx, hourMs)));
  return hour;
}

function computeHour(ctx: FnLogContext, hourMs: number): InsightsHour {
  const hour: InsightsHour = new Map();
  const plans = planHour(ctx.fm, hourMs);
  for (let i = 0; i < 60; i++) {
    let coldOrdinal = 0;
    generateInvocations(ctx.fm, plans[i], (r) => {
      const p = performanceOf(new Inv(ctx, r, r.coldStart ? coldOrdinal++ : -1));
      let cells = hour.get(p.version);
      if (!cells) hour.set(p.version, (cells = newCells()));
      for (let k = 0; k < M; k++) {
        const v = VALUE_OF[k](p);
        if (v === undefined) continue;
        const at = (i * M + k) * SLOTS;
        cells[at]++;
        cells[at + 1] += v;
        if (v < cells[at + 2]) cells[at + 2] = v;
        if (v > cells[at + 3]) cells[at + 3] = v;
      }
    });
  }
  return hour;
}

function newCells(): Float64Array {
  const cells = new Float64Array(60 * M * SLOTS);
  for (let at = 0; at < cells.length; at += SLOTS) {
    cells[at + 2] = Infinity;
    cells[at + 3] = -Infinity;
  }
  return cells;
}

/**
 * LambdaInsights metrics as CloudWatch answers them; null for anything else (another namespace or
 * metric, a function without Lambda Insights, another dimension set, a percentile).
 */
export function lambdaInsightsMetricSeries(model: SimModel, req: MetricRequest): MetricSeries | null {
  if (req.namespace !== LAMBDA_INSIGHTS_NAMESPACE || !STATISTICS.has(req.stat) || req.periodS <= 0 || req.periodS % 60 !== 0) return null;
  const k = METRIC_INDEX.get(req.metricName);
  if (k === undefined) return null;
  const names = Object.keys(req.dimensions).sort();
  const byVersion = names.length === 2 && names[0] === "function_name" && names[1] === "version";
  if (!(byVersion || (names.length === 1 && names[0] === "function_name"))) return null;
  const spec = model.fleet.byName.get(req.dimensions.function_name);
  if (!spec?.lambdaInsights) return null;
  const ctx = fnLogContext(model, spec.name)!;
  const version = byVersion ? req.dimensions.version : undefined;

  const periodMs = req.periodS * 1000;
  const series: MetricSeries = { timestampsMs: [], values: [] };
  const acc = { n: 0, sum: 0, min: Infinity, max: -Infinity };
  let periodStartMs = NaN;
  const flush = () => {
    if (acc.n === 0) return;
    series.timestampsMs.push(periodStartMs);
    series.values.push(statistic(req.stat, acc));
  };
  const firstMs = Math.ceil(req.startMs / MINUTE_MS) * MINUTE_MS;
  const untilMs = Math.min(req.endMs, Math.floor(model.nowMs() / MINUTE_MS) * MINUTE_MS);
  for (let m = firstMs; m < untilMs; m += MINUTE_MS) {
    if (!minuteHasData(model, m)) continue;
    const hourMs = Math.floor(m / HOUR_MS) * HOUR_MS;
    const i = (m - hourMs) / MINUTE_MS;
    const at = (i * M + k) * SLOTS;
    let n = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const [v, cells] of hourOf(model, ctx, hourMs)) {
      if (version !== undefined && v !== version) continue;
      if (cells[at] === 0) continue;
      n += cells[at];
      sum += cells[at + 1];
      min = Math.min(min, cells[at + 2]);
      max = Math.max(max, cells[at + 3]);
    }
    if (n === 0) continue;
    const p = req.startMs + Math.floor((m - req.startMs) / periodMs) * periodMs;
    if (p !== periodStartMs) {
      flush();
      Object.assign(acc, { n: 0, sum: 0, min: Infinity, max: -Infinity });
      periodStartMs = p;
    }
    acc.n += n;
    acc.sum += sum;
    acc.min = Math.min(acc.min, min);
    acc.max = Math.max(acc.max, max);
  }
  flush();
  return series;
}

function statistic(stat: string, a: { n: number; sum: number; min: number; max: number }): number {
  switch (stat) {
    case "Sum":
      return a.sum;
    case "SampleCount":
      return a.n;
    case "Average":
      return a.sum / a.n;
    case "Minimum":
      return a.min;
    default:
      return a.max;
  }
}
