// CloudWatch statistics over the samples of one period. Samples arrive pre-summarised per minute
// in one of three shapes: 0/1 samples (Invocations, Errors, Throttles…), a duration histogram, or
// one value per minute (gauges such as ConcurrentExecutions or SQS queue depth).
import { DenseHistogram } from "./histogram";

export type Statistic =
  | { kind: "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" }
  | { kind: "percentile"; percent: number };

/** Parses a CloudWatch statistic name: Sum, Average, Minimum, Maximum, SampleCount, pNN or pNN.N… */
export function parseStatistic(stat: string): Statistic | null {
  if (stat === "Sum" || stat === "Average" || stat === "Minimum" || stat === "Maximum" || stat === "SampleCount") return { kind: stat };
  const match = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
  if (!match) return null;
  const percent = Number(match[1]);
  return percent <= 100 ? { kind: "percentile", percent } : null;
}

/** Where a metric's minutes put their samples: a period being accumulated, or a span being summarised. */
export interface SampleSink {
  addBinary(count: number, ones: number): void;
  addHistogram(count: number, sum: number, min: number, max: number, buckets: Uint16Array, counts: Uint32Array, from: number, to: number): void;
  addGauge(value: number): void;
}

type Shape = "none" | "binary" | "histogram" | "gauge";

export class PeriodAccumulator implements SampleSink {
  sampleCount = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private ones = 0; // binary samples: how many were 1
  private shape: Shape = "none";
  private readonly gaugeValues: number[] = [];
  private readonly gaugeSpans: number[][] = []; // gauge values of whole spans taken by addSpan, not copied
  private readonly histogram = new DenseHistogram();

  reset(): void {
    this.sampleCount = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.ones = 0;
    this.shape = "none";
    this.gaugeValues.length = 0;
    this.gaugeSpans.length = 0;
    this.histogram.reset();
  }

  /**
   * Every sample of a span at once (a whole hour of minutes), leaving the accumulator exactly as
   * feeding those minutes one by one would: counts, extremes and histogram buckets merge in any
   * order; the sum takes the span's increments in their order (floating-point addition is not
   * associative) unless they are whole numbers whose total is exact either way.
   */
  addSpan(span: SpanSummary): void {
    if (span.shape === "none") return;
    this.shape = span.shape;
    this.sampleCount += span.sampleCount;
    this.ones += span.ones;
    this.min = Math.min(this.min, span.min);
    this.max = Math.max(this.max, span.max);
    const total = span.wholeTotal;
    if (total !== null && Number.isSafeInteger(this.sum) && this.sum >= 0 && Number.isSafeInteger(this.sum + total)) this.sum += total;
    else for (const x of span.increments) this.sum += x;
    const { buckets, counts } = span;
    for (let k = 0; k < buckets.length; k++) this.histogram.add(buckets[k], counts[k]);
    if (span.gaugeValues.length > 0) this.gaugeSpans.push(span.gaugeValues);
  }

  /** `count` samples of which `ones` are 1 and the rest 0 (Errors: one sample per invocation). */
  addBinary(count: number, ones: number): void {
    if (count <= 0) return;
    this.shape = "binary";
    this.sampleCount += count;
    this.sum += ones;
    this.ones += ones;
    this.min = Math.min(this.min, ones === count ? 1 : 0);
    this.max = Math.max(this.max, ones > 0 ? 1 : 0);
  }

  /** A minute of a histogrammed metric: its count, sum, extremes and sparse buckets. */
  addHistogram(count: number, sum: number, min: number, max: number, buckets: Uint16Array, counts: Uint32Array, from: number, to: number): void {
    if (count <= 0) return;
    this.shape = "histogram";
    this.sampleCount += count;
    this.sum += sum;
    this.min = Math.min(this.min, min);
    this.max = Math.max(this.max, max);
    for (let k = from; k < to; k++) this.histogram.add(buckets[k], counts[k]);
  }

  /** One sample (a gauge published once a minute). */
  addGauge(value: number): void {
    this.shape = "gauge";
    this.sampleCount++;
    this.sum += value;
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
    this.gaugeValues.push(value);
  }

  /** The statistic's value, or undefined when the period has no samples (CloudWatch: no datapoint). */
  value(stat: Statistic): number | undefined {
    if (this.sampleCount === 0) return undefined;
    switch (stat.kind) {
      case "Sum":
        return this.sum;
      case "Average":
        return this.sum / this.sampleCount;
      case "Minimum":
        return this.min;
      case "Maximum":
        return this.max;
      case "SampleCount":
        return this.sampleCount;
      case "percentile":
        return this.percentile(stat.percent);
    }
  }

  /** Nearest-rank percentile: the smallest sample with at least `percent` % of samples at or below it. */
  private percentile(percent: number): number {
    const rank = Math.max(1, Math.ceil((percent / 100) * this.sampleCount));
    if (this.shape === "binary") return rank <= this.sampleCount - this.ones ? 0 : 1;
    if (this.shape === "histogram") return this.histogram.percentile(percent, this.min, this.max);
    const sorted = this.gaugeValues.concat(...this.gaugeSpans).sort((a, b) => a - b);
    return sorted[rank - 1];
  }
}

const SCRATCH = new DenseHistogram();
const NONE: number[] = [];

/**
 * The samples a span of minutes fed, recorded through the same SampleSink calls a PeriodAccumulator
 * takes, so PeriodAccumulator.addSpan can take the whole span with an identical result. Built once
 * per (hour block, metric) and cached on the block: a 24 h period then reads 23 summaries and the
 * minutes of the two partial hours instead of 1,440 minutes.
 */
export class SpanSummary implements SampleSink {
  shape: Shape = "none";
  sampleCount = 0;
  ones = 0;
  min = Infinity;
  max = -Infinity;
  /** The non-zero increments of the sum, in order (adding ±0 to a sum that starts at +0 changes nothing). */
  increments: number[] = [];
  /** Their total when they are all non-negative whole numbers and it is exact; else null. */
  wholeTotal: number | null = 0;
  buckets: number[] = [];
  counts: number[] = [];
  gaugeValues: number[] = [];
  private dense: DenseHistogram | null = null;

  /** Records what `feedAll` feeds: the scratch histogram is shared, so summaries are built one at a time. */
  static record(feedAll: (sink: SampleSink) => void): SpanSummary {
    const summary = new SpanSummary();
    feedAll(summary);
    return summary.finish();
  }

  addBinary(count: number, ones: number): void {
    if (count <= 0) return;
    this.shape = "binary";
    this.sampleCount += count;
    this.ones += ones;
    this.addToSum(ones);
    this.min = Math.min(this.min, ones === count ? 1 : 0);
    this.max = Math.max(this.max, ones > 0 ? 1 : 0);
  }

  addHistogram(count: number, sum: number, min: number, max: number, buckets: Uint16Array, counts: Uint32Array, from: number, to: number): void {
    if (count <= 0) return;
    this.shape = "histogram";
    this.sampleCount += count;
    this.addToSum(sum);
    this.min = Math.min(this.min, min);
    this.max = Math.max(this.max, max);
    const dense = (this.dense ??= SCRATCH);
    for (let k = from; k < to; k++) dense.add(buckets[k], counts[k]);
  }

  addGauge(value: number): void {
    this.shape = "gauge";
    this.sampleCount++;
    this.addToSum(value);
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
    this.gaugeValues.push(value);
  }

  /** Ends recording: the histogram becomes sparse, and increments whose exact total is kept are dropped. */
  private finish(): this {
    if (this.dense) {
      const counts = this.dense.counts;
      for (let b = 0; b < counts.length; b++) {
        if (counts[b] > 0) {
          this.buckets.push(b);
          this.counts.push(counts[b]);
        }
      }
      this.dense.reset();
      this.dense = null;
    }
    // Kept on every cached hour block: exact-size copies (push leaves spare capacity), one shared empty array.
    const keep = (xs: number[]) => (xs.length === 0 ? NONE : xs.slice());
    this.increments = this.wholeTotal !== null ? NONE : keep(this.increments);
    this.buckets = keep(this.buckets);
    this.counts = keep(this.counts);
    this.gaugeValues = keep(this.gaugeValues);
    return this;
  }

  private addToSum(x: number): void {
    if (x === 0) return;
    this.increments.push(x);
    if (this.wholeTotal === null) return;
    const total = this.wholeTotal + x;
    this.wholeTotal = x > 0 && Number.isSafeInteger(x) && Number.isSafeInteger(total) ? total : null;
  }
}
