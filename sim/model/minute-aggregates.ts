// Per-minute aggregates of one hour, struct-of-arrays (60 slots each), built by feeding it the
// generator's invocations. Histograms are sparse: per minute, the touched buckets and their counts.
import { BUCKET_COUNT, BUCKET_FLOOR_MS, BUCKET_GROWTH } from "./histogram";
import type { InvocationRecord } from "./invocations";

export const MINUTES_PER_HOUR = 60;
// Local copies of the bucket constants: imported bindings cost a getter call per use in this hot path.
const FLOOR_MS = BUCKET_FLOOR_MS;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);
const LAST_BUCKET = BUCKET_COUNT - 1;

export class MinuteAggregates {
  readonly invocations = new Int32Array(MINUTES_PER_HOUR);
  readonly errors = new Int32Array(MINUTES_PER_HOUR); // status error or timeout (both count as Errors)
  readonly timeouts = new Int32Array(MINUTES_PER_HOUR);
  readonly ooms = new Int32Array(MINUTES_PER_HOUR);
  readonly coldStarts = new Int32Array(MINUTES_PER_HOUR);
  readonly dlqSent = new Int32Array(MINUTES_PER_HOUR);
  readonly maxMemoryUsedMb = new Int32Array(MINUTES_PER_HOUR);
  /** Sums in hundredths of a ms: exact integers, so window sums equal the sums of REPORT values. */
  readonly durationSumCentiMs = new Float64Array(MINUTES_PER_HOUR);
  readonly initDurationSumCentiMs = new Float64Array(MINUTES_PER_HOUR);
  readonly billedDurationSumMs = new Float64Array(MINUTES_PER_HOUR);
  /** Billed duration × memory, the bill's GB-seconds numerator (MB·ms). */
  readonly billedMbMs = new Float64Array(MINUTES_PER_HOUR);
  readonly durationMinMs = new Float64Array(MINUTES_PER_HOUR).fill(Infinity);
  readonly durationMaxMs = new Float64Array(MINUTES_PER_HOUR).fill(-Infinity);
  /** histOffsets[i]..histOffsets[i + 1] index minute i's entries in histBuckets / histCounts. */
  readonly histOffsets = new Int32Array(MINUTES_PER_HOUR + 1);
  histBuckets: Uint16Array = new Uint16Array(0);
  histCounts: Uint32Array = new Uint32Array(0);

  durationSumMs(i: number): number {
    return this.durationSumCentiMs[i] / 100;
  }
}

// Slots of the running totals of the current minute (one Float64Array: one base, constant offsets).
const INV = 0, ERR = 1, TIMEOUT = 2, OOM = 3, COLD = 4, DLQ = 5, MAXMEM = 6, DUR_CENTI = 7, INIT_CENTI = 8, BILLED = 9, BILLED_MB_MS = 10, DUR_MIN = 11, DUR_MAX = 12;
const SLOTS = 13;

/** Scratch state for building one MinuteAggregates; reusable across blocks. */
export class AggregatesBuilder {
  private readonly dense = new Uint32Array(BUCKET_COUNT);
  private readonly current = new Float64Array(SLOTS);
  private touched: number[] = [];
  private buckets: number[] = [];
  private counts: number[] = [];
  private aggregates = new MinuteAggregates();
  private minute = 0;

  start(): void {
    this.aggregates = new MinuteAggregates();
    this.buckets = [];
    this.counts = [];
    this.minute = 0;
    this.resetCurrent();
  }

  /** Moves to minute `i` (0–59), closing the minutes before it. */
  toMinute(i: number): void {
    while (this.minute < i) this.closeMinute();
  }

  add(r: InvocationRecord): void {
    const c = this.current;
    const d = r.durationMs;
    c[INV]++;
    if (r.status !== "success") {
      c[ERR]++;
      if (r.status === "timeout") c[TIMEOUT]++;
      else if (r.errorType === "Runtime.OutOfMemory") c[OOM]++;
    }
    if (r.coldStart) {
      c[COLD]++;
      c[INIT_CENTI] += Math.round(r.initDurationMs! * 100);
    }
    if (r.sentToDlq) c[DLQ]++;
    if (r.maxMemoryUsedMb > c[MAXMEM]) c[MAXMEM] = r.maxMemoryUsedMb;
    c[DUR_CENTI] += Math.round(d * 100);
    c[BILLED] += r.billedDurationMs;
    c[BILLED_MB_MS] += r.billedDurationMs * r.memorySizeMb;
    if (d < c[DUR_MIN]) c[DUR_MIN] = d;
    if (d > c[DUR_MAX]) c[DUR_MAX] = d;
    const bucket = d <= FLOOR_MS ? 0 : Math.min(LAST_BUCKET, Math.floor(Math.log(d / FLOOR_MS) / LOG_GROWTH) + 1); // = bucketOf(d)
    if (this.dense[bucket]++ === 0) this.touched.push(bucket);
  }

  finish(): MinuteAggregates {
    this.toMinute(MINUTES_PER_HOUR);
    const a = this.aggregates;
    a.histBuckets = Uint16Array.from(this.buckets);
    a.histCounts = Uint32Array.from(this.counts);
    return a;
  }

  private resetCurrent(): void {
    this.current.fill(0);
    this.current[DUR_MIN] = Infinity;
    this.current[DUR_MAX] = -Infinity;
  }

  private closeMinute(): void {
    const a = this.aggregates;
    const c = this.current;
    const i = this.minute;
    a.invocations[i] = c[INV];
    a.errors[i] = c[ERR];
    a.timeouts[i] = c[TIMEOUT];
    a.ooms[i] = c[OOM];
    a.coldStarts[i] = c[COLD];
    a.dlqSent[i] = c[DLQ];
    a.maxMemoryUsedMb[i] = c[MAXMEM];
    a.durationSumCentiMs[i] = c[DUR_CENTI];
    a.initDurationSumCentiMs[i] = c[INIT_CENTI];
    a.billedDurationSumMs[i] = c[BILLED];
    a.billedMbMs[i] = c[BILLED_MB_MS];
    a.durationMinMs[i] = c[DUR_MIN];
    a.durationMaxMs[i] = c[DUR_MAX];
    this.resetCurrent();
    // Unsorted on purpose: readers merge into a dense histogram, where order does not matter.
    for (const bucket of this.touched) {
      this.buckets.push(bucket);
      this.counts.push(this.dense[bucket]);
      this.dense[bucket] = 0;
    }
    this.touched.length = 0;
    this.minute++;
    a.histOffsets[this.minute] = this.buckets.length;
  }
}
