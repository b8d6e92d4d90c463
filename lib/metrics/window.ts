import "server-only";
import { rangeSeconds, type Range } from "@/lib/ranges";

export type TimeWindow = { startMs: number; endMs: number; periodS: number };

// CloudWatch keeps 1-minute data 15 days, 5-minute data 63 days, 1-hour data 455 days
// (GetMetricData API reference, "Period"); our longest range is 14 days, so 60 s is always available.
export const CHART_PERIODS_S = [60, 300, 900, 3_600, 10_800, 21_600, 86_400] as const;
/** A chart shows at most this many points a series: enough detail, well under 100,800 points a call. */
export const MAX_POINTS_PER_SERIES = 360;

/** The smallest standard period that keeps a series of `rangeS` seconds within MAX_POINTS_PER_SERIES. */
export function chartPeriodS(rangeS: number): number {
  return CHART_PERIODS_S.find((p) => rangeS / p <= MAX_POINTS_PER_SERIES) ?? 86_400;
}

const MINUTE_MS = 60_000;

/**
 * The window ending at the last whole minute. End aligned to the minute so that every request in the
 * same minute shares one cache entry; start aligned to the period as AWS recommends.
 */
export function chartWindow(range: Range, nowMs: number): TimeWindow {
  const periodS = chartPeriodS(rangeSeconds(range));
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const periodMs = periodS * 1000;
  const startMs = Math.floor((endMs - rangeSeconds(range) * 1000) / periodMs) * periodMs;
  return { startMs, endMs, periodS };
}

/** One period covering the whole range: the fleet overview wants one number per metric and function. */
export function summaryWindow(range: Range, nowMs: number): TimeWindow {
  const endMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const periodS = rangeSeconds(range);
  return { startMs: endMs - periodS * 1000, endMs, periodS };
}
