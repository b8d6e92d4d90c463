// Per-minute aggregates of one hour, struct-of-arrays (60 slots each), built by feeding it the
// generator's invocations. Histograms are sparse: per minute, the touched buckets and their counts.
import { BUCKET_COUNT, BUCKET_FLOOR_MS, BUCKET_GROWTH } from "./histogram";
import type { InvocationRecord } from "./invocations";

export const MINUTES_PER_HOUR = 60;
// Local copies of the bucket constants: imported bindings cost a getter call per use in this hot path.
const FLOOR_MS = BUCKET_FLOOR_MS;
const LOG_GROWTH = Math.log(BUCKET_GROWTH);
const LAST_BUCKET = BUCKET_COUNT - 1;

// One allocation for all of a block's per-minute arrays: 150,000 blocks × 14 small buffers cost
// about as much again in allocator and ArrayBuffer overhead as their contents.
const FLOAT_ARRAYS = 6;
const INT_ARRAYS = 7;
const SLAB_BYTES = FLOAT_ARRAYS * MINUTES_PER_HOUR * 8 + INT_ARRAYS * MINUTES_PER_HOUR * 4 + (MINUTES_PER_HOUR + 1) * 4;

class Slab {
  private readonly buffer = new ArrayBuffer(SLAB_BYTES);
  private offset = 0;
  f64(): Float64Array {
    const a = new Float64Array(this.buffer, this.offset, MINUTES_PER_HOUR);
    this.offset += a.byteLength;
    return a;
  }
  i32(length = MINUTES_PER_HOUR): Int32Array {
    const a = new Int32Array(this.buffer, this.offset, length);
    this.offset += a.byteLength;
    return a;
  }
}

export class MinuteAggregates {
  private readonly slab = new Slab(); // Float64 views first: they need 8-byte alignment
  /** Sums in hundredths of a ms: exact integers, so window sums equal the sums of REPORT values. */
  readonly durationSumCentiMs = this.slab.f64();
  readonly initDurationSumCentiMs = this.slab.f64();
  readonly billedDurationSumMs = this.slab.f64();
  /** Billed duration × memory, the bill's GB-seconds numerator (MB·ms). */
  readonly billedMbMs = this.slab.f64();
  readonly durationMinMs = this.slab.f64().fill(Infinity);
  readonly durationMaxMs = this.slab.f64().fill(-Infinity);
  readonly invocations = this.slab.i32();
  readonly errors = this.slab.i32(); // status error or timeout (both count as Errors)
  readonly timeouts = this.slab.i32();
  readonly ooms = this.slab.i32();
  readonly coldStarts = this.slab.i32();
  readonly dlqSent = this.slab.i32();
  readonly maxMemoryUsedMb = this.slab.i32();
  /** histOffsets[i]..histOffsets[i + 1] index minute i's entries in histBuckets / histCounts. */
  readonly histOffsets = this.slab.i32(MINUTES_PER_HOUR + 1);
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
    // Both in one buffer too: counts first (4-byte aligned), then buckets.
    const n = this.buckets.length;
    const buffer = new ArrayBuffer(n * 6);
    a.histCounts = new Uint32Array(buffer, 0, n);
    a.histCounts.set(this.counts);
    a.histBuckets = new Uint16Array(buffer, n * 4, n);
    a.histBuckets.set(this.buckets);
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
