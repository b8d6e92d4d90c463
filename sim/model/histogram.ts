// Log-spaced duration buckets, ~2 % wide, so percentiles from merged per-minute histograms are
// within about 1 % of the exact value (CloudWatch's own percentiles are approximations too).

export const BUCKET_GROWTH = 1.02;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);
/** Values below this land in bucket 0; Lambda reports durations with 0.01 ms resolution. */
export const BUCKET_FLOOR_MS = 0.5;
/** 900 s (the maximum Lambda timeout) fits below the last bucket. */
export const BUCKET_COUNT = Math.ceil(Math.log(900_001 / BUCKET_FLOOR_MS) / LOG_GROWTH) + 1;

export function bucketOf(durationMs: number): number {
  if (durationMs <= BUCKET_FLOOR_MS) return 0;
  const index = Math.floor(Math.log(durationMs / BUCKET_FLOOR_MS) / LOG_GROWTH) + 1;
  return index < BUCKET_COUNT ? index : BUCKET_COUNT - 1;
}

/**
 * A value inside bucket `bucket` at `fraction` (0–1) of its samples, assuming they spread evenly on
 * the log scale: distinct percentiles for distinct distributions, not every value a bucket middle.
 */
function positionInBucketMs(bucket: number, fraction: number): number {
  if (bucket === 0) return BUCKET_FLOOR_MS;
  return BUCKET_FLOOR_MS * Math.pow(BUCKET_GROWTH, bucket - 1 + Math.min(1, Math.max(0, fraction)));
}

/** Dense scratch histogram: merge sparse minute histograms into it, read a percentile, reset. */
export class DenseHistogram {
  readonly counts = new Float64Array(BUCKET_COUNT);
  total = 0;
  private lowest = BUCKET_COUNT;
  private highest = -1;

  add(bucket: number, count: number): void {
    this.counts[bucket] += count;
    this.total += count;
    if (bucket < this.lowest) this.lowest = bucket;
    if (bucket > this.highest) this.highest = bucket;
  }

  /**
   * The value at percentile `percent` (0–100): the bucket whose cumulative count reaches percent %
   * of the samples, interpolated within it, clamped to the exact min/max so p0/p100 and single samples are exact.
   */
  percentile(percent: number, minMs: number, maxMs: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.total));
    let seen = 0;
    for (let b = this.lowest; b <= this.highest; b++) {
      const before = seen;
      seen += this.counts[b];
      if (seen >= rank) return Math.min(maxMs, Math.max(minMs, positionInBucketMs(b, (rank - before - 0.5) / this.counts[b])));
    }
    return maxMs;
  }

  reset(): void {
    if (this.highest >= 0) this.counts.fill(0, this.lowest, this.highest + 1);
    this.total = 0;
    this.lowest = BUCKET_COUNT;
    this.highest = -1;
  }
}
