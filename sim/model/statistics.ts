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

export class PeriodAccumulator {
  sampleCount = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private ones = 0; // binary samples: how many were 1
  private shape: "none" | "binary" | "histogram" | "gauge" = "none";
  private readonly gaugeValues: number[] = [];
  private readonly histogram = new DenseHistogram();

  reset(): void {
    this.sampleCount = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.ones = 0;
    this.shape = "none";
    this.gaugeValues.length = 0;
    this.histogram.reset();
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
    const sorted = [...this.gaugeValues].sort((a, b) => a - b);
    return sorted[rank - 1];
  }
}
