// Shared by the sim/model tests: one fixed instant and helpers to read series.
import type { MetricSeries, SimModel } from "./types";

/** Thursday 20 Nov 2025, 18:00 UTC: a US-afternoon weekday, so busy-hour incidents are live. */
export const ANCHOR_MS = Date.UTC(2025, 10, 20, 18, 0);
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function series(model: SimModel, metricName: string, dimensions: Record<string, string>, stat: string, startMs: number, endMs: number, periodS: number, namespace = "AWS/Lambda"): MetricSeries {
  const result = model.metricSeries({ namespace, metricName, dimensions, stat, startMs, endMs, periodS });
  if (!result) throw new Error(`no such metric: ${namespace} ${metricName} ${JSON.stringify(dimensions)}`);
  return result;
}

export const total = (s: MetricSeries) => s.values.reduce((sum, v) => sum + v, 0);

/** Values by timestamp, so two series can be compared minute by minute. */
export const byTime = (s: MetricSeries) => new Map(s.timestampsMs.map((t, k) => [t, s.values[k]]));
