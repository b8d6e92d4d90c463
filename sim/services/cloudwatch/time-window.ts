// Which period buckets a GetMetricData query covers, the way CloudWatch works them out.
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * CloudWatch rounds StartTime down by its age: under 15 days to the minute, 15–63 days to 5 minutes,
 * older to the hour (GetMetricData API reference, StartTime). Buckets then step by Period from there.
 */
export function roundStartMs(startMs: number, nowMs: number): number {
  const ageMs = nowMs - startMs;
  const unitMs = ageMs < 15 * DAY_MS ? MINUTE_MS : ageMs < 63 * DAY_MS ? 5 * MINUTE_MS : HOUR_MS;
  return Math.floor(startMs / unitMs) * unitMs;
}

/**
 * How far back datapoints exist at a period: 1-minute data for 15 days, 5-minute for 63 days,
 * 1-hour for 455 days; older data is only kept aggregated at the coarser period
 * (GetMetricData API reference, retention). A 120 s period is built from 1-minute data, 600 s from 5-minute.
 */
export function retentionMs(periodS: number): number {
  if (periodS % 3600 === 0) return 455 * DAY_MS;
  if (periodS % 300 === 0) return 63 * DAY_MS;
  return 15 * DAY_MS;
}

export interface BucketWindow {
  /** First bucket start (inclusive) and end of the last bucket (exclusive), both on the bucket grid. */
  startMs: number;
  endMs: number;
}

/**
 * The buckets [start + k·P, start + (k+1)·P) whose start lies before EndTime (exclusive) and before
 * "now" (no data exists yet at or after it), skipping buckets older than the period's retention.
 * Null when no bucket qualifies.
 */
export function bucketWindow(startTimeMs: number, endTimeMs: number, periodS: number, nowMs: number): BucketWindow | null {
  const periodMs = periodS * 1000;
  const gridStartMs = roundStartMs(startTimeMs, nowMs);
  const cutoffMs = nowMs - retentionMs(periodS);
  const firstK = cutoffMs > gridStartMs ? Math.ceil((cutoffMs - gridStartMs) / periodMs) : 0;
  const lastExclusiveK = Math.ceil((Math.min(endTimeMs, nowMs) - gridStartMs) / periodMs);
  if (lastExclusiveK <= firstK) return null;
  return { startMs: gridStartMs + firstK * periodMs, endMs: gridStartMs + lastExclusiveK * periodMs };
}

