// Aggregations for stats (AWS CWL_QuerySyntax "Aggregation Functions in the Stats Command").
// pct() is EXACT here: every value of a group is kept (8 bytes each) and the nearest-rank
// percentile is read from the sorted values — the smallest value with at least p % of the values
// at or below it. AWS does not document its percentile method (CloudWatch percentiles are
// approximations); exact values make hand-checked tests possible.
import type { Getter } from "./compile";
import { naturalCompare, toNum, type Value } from "./values";

export interface Accumulator {
  add(row: unknown): void;
  result(): Value;
}

/** Values of one expression in one group, shared by every pct() over that expression. */
export class ValueCollector {
  private values = new Float64Array(16);
  private count = 0;
  private sorted = true;

  push(x: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.count++] = x;
    this.sorted = false;
  }

  /** Nearest-rank percentile, p in [0, 100]. */
  percentile(p: number): number | undefined {
    if (this.count === 0) return undefined;
    const view = this.values.subarray(0, this.count);
    if (!this.sorted) {
      view.sort();
      this.sorted = true;
    }
    const rank = Math.min(this.count, Math.max(1, Math.ceil((p / 100) * this.count)));
    return view[rank - 1];
  }
}

class CountAll implements Accumulator {
  private n = 0;
  add(): void {
    this.n++;
  }
  result(): Value {
    return this.n;
  }
}

/** count(field): records where the field is present. */
class CountPresent implements Accumulator {
  private n = 0;
  constructor(private readonly arg: Getter) {}
  add(row: unknown): void {
    if (this.arg(row) !== undefined) this.n++;
  }
  result(): Value {
    return this.n;
  }
}

// count_distinct is exact here; AWS: "If the field has very high cardinality … the value
// returned by count_distinct is just an approximation."
class CountDistinct implements Accumulator {
  private readonly seen = new Set<Value>();
  constructor(private readonly arg: Getter) {}
  add(row: unknown): void {
    const v = this.arg(row);
    if (v !== undefined) this.seen.add(v);
  }
  result(): Value {
    return this.seen.size;
  }
}

/** sum, avg and stddev (sample, n − 1; AWS does not say which), via Welford's method. */
class Moments implements Accumulator {
  private n = 0;
  private sum = 0;
  private mean = 0;
  private m2 = 0;
  constructor(private readonly arg: Getter, private readonly what: "sum" | "avg" | "stddev") {}
  add(row: unknown): void {
    const x = toNum(this.arg(row));
    if (x !== x) return; // NaN: missing or not a number
    this.n++;
    this.sum += x;
    if (this.what === "stddev") {
      const delta = x - this.mean;
      this.mean += delta / this.n;
      this.m2 += delta * (x - this.mean);
    }
  }
  result(): Value {
    if (this.n === 0) return undefined;
    if (this.what === "sum") return this.sum;
    if (this.what === "avg") return this.sum / this.n;
    return this.n < 2 ? 0 : Math.sqrt(this.m2 / (this.n - 1));
  }
}

/** min/max: numerically while every value is a number, else in AWS sort order. */
class Extreme implements Accumulator {
  private best: Value;
  private numeric = true;
  private bestNumber = NaN;
  constructor(private readonly arg: Getter, private readonly sign: 1 | -1) {}
  add(row: unknown): void {
    const v = this.arg(row);
    if (v === undefined) return;
    const x = typeof v === "number" ? v : toNum(v);
    if (this.numeric && x === x) {
      if (this.bestNumber !== this.bestNumber || (x - this.bestNumber) * this.sign > 0) this.bestNumber = x;
      return;
    }
    if (this.numeric) {
      this.numeric = false;
      this.best = this.bestNumber === this.bestNumber ? this.bestNumber : undefined;
    }
    if (this.best === undefined || naturalCompare(v, this.best) * this.sign > 0) this.best = v;
  }
  result(): Value {
    if (this.numeric) return this.bestNumber === this.bestNumber ? this.bestNumber : undefined;
    return this.best;
  }
}

/** earliest/latest: the value from the event with the earliest/latest @timestamp. */
class ByTime implements Accumulator {
  private bestTs = NaN;
  private best: Value;
  constructor(private readonly arg: Getter, private readonly ts: Getter, private readonly sign: 1 | -1) {}
  add(row: unknown): void {
    const v = this.arg(row);
    if (v === undefined) return;
    const t = toNum(this.ts(row));
    if (this.bestTs !== this.bestTs || (t - this.bestTs) * this.sign > 0) {
      this.bestTs = t;
      this.best = v;
    }
  }
  result(): Value {
    return this.best;
  }
}

class Percentile implements Accumulator {
  constructor(
    private readonly arg: Getter,
    private readonly collector: ValueCollector,
    private readonly feeds: boolean, // the first pct() over an expression feeds the shared collector
    private readonly p: number,
  ) {}
  add(row: unknown): void {
    if (!this.feeds) return;
    const x = toNum(this.arg(row));
    if (x === x) this.collector.push(x);
  }
  result(): Value {
    return this.collector.percentile(this.p);
  }
}

export interface AggregateSpec {
  name: string; // lower-case function name
  arg?: Getter;
  argText?: string;
  p?: number;
  timestamp?: Getter;
}

/** One accumulator per aggregate for a new group; pct() over the same expression share values. */
export function createAccumulators(specs: AggregateSpec[]): Accumulator[] {
  const collectors = new Map<string, ValueCollector>();
  return specs.map((spec) => {
    const arg = spec.arg ?? (() => undefined);
    switch (spec.name) {
      case "count":
        return spec.arg ? new CountPresent(arg) : new CountAll();
      case "count_distinct":
        return new CountDistinct(arg);
      case "sum":
      case "avg":
      case "stddev":
        return new Moments(arg, spec.name);
      case "min":
      case "sortsfirst":
        return new Extreme(arg, -1);
      case "max":
      case "sortslast":
        return new Extreme(arg, 1);
      case "earliest":
      case "latest":
        return new ByTime(arg, spec.timestamp!, spec.name === "earliest" ? -1 : 1);
      default: {
        const key = spec.argText ?? "";
        const shared = collectors.get(key);
        const collector = shared ?? new ValueCollector();
        collectors.set(key, collector);
        return new Percentile(arg, collector, shared === undefined, spec.p ?? 50);
      }
    }
  });
}
