// Region-wide AWS/Lambda metrics (no dimensions): the sum over every function of the account,
// built per hour from the function blocks and cached separately (one block per hour, not per function).
import { type ModelContext, type MinuteFeeder, summarisedByHour } from "./context";
import { functionModelOf } from "./function-model";
import { BUCKET_COUNT } from "./histogram";
import { Lru } from "./lru";
import { MINUTES_PER_HOUR } from "./minute-aggregates";
import type { SpanSummary } from "./statistics";

interface AccountBlock {
  hourMs: number;
  invocations: Int32Array;
  errors: Int32Array;
  throttles: Int32Array;
  /** Sum of the functions' peak concurrency: an upper bound of the account's peak, as close as minutes allow. */
  concurrency: Int32Array;
  unreservedConcurrency: Int32Array;
  durationSumMs: Float64Array;
  durationMinMs: Float64Array;
  durationMaxMs: Float64Array;
  histOffsets: Int32Array;
  histBuckets: Uint16Array;
  histCounts: Uint32Array;
  summaries?: Map<string, SpanSummary>;
}

const MAX_ACCOUNT_BLOCKS = 2_000;
const caches = new WeakMap<ModelContext, Lru<number, AccountBlock>>();

function accountBlock(ctx: ModelContext, hourMs: number): AccountBlock {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Lru(MAX_ACCOUNT_BLOCKS)));
  let block = cache.get(hourMs);
  if (!block) cache.set(hourMs, (block = buildAccountBlock(ctx, hourMs)));
  return block;
}

function buildAccountBlock(ctx: ModelContext, hourMs: number): AccountBlock {
  const n = MINUTES_PER_HOUR;
  const out = {
    hourMs,
    invocations: new Int32Array(n), errors: new Int32Array(n), throttles: new Int32Array(n),
    concurrency: new Int32Array(n), unreservedConcurrency: new Int32Array(n),
    durationSumMs: new Float64Array(n), durationMinMs: new Float64Array(n).fill(Infinity), durationMaxMs: new Float64Array(n).fill(-Infinity),
  };
  const dense = new Uint32Array(n * BUCKET_COUNT);
  for (const spec of ctx.fleet.functions) {
    const block = ctx.blocks.get(functionModelOf(ctx.fleet, spec), hourMs);
    const a = block.total;
    for (let i = 0; i < n; i++) {
      out.invocations[i] += a.invocations[i];
      out.errors[i] += a.errors[i];
      out.throttles[i] += block.throttles[i];
      out.concurrency[i] += block.concurrency[i];
      if (spec.reservedConcurrency === undefined) out.unreservedConcurrency[i] += block.concurrency[i];
      out.durationSumMs[i] += a.durationSumMs(i);
      out.durationMinMs[i] = Math.min(out.durationMinMs[i], a.durationMinMs[i]);
      out.durationMaxMs[i] = Math.max(out.durationMaxMs[i], a.durationMaxMs[i]);
      for (let k = a.histOffsets[i]; k < a.histOffsets[i + 1]; k++) dense[i * BUCKET_COUNT + a.histBuckets[k]] += a.histCounts[k];
    }
  }
  return { ...out, ...sparseHistograms(dense) };
}

function sparseHistograms(dense: Uint32Array): Pick<AccountBlock, "histOffsets" | "histBuckets" | "histCounts"> {
  const histOffsets = new Int32Array(MINUTES_PER_HOUR + 1);
  const buckets: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < MINUTES_PER_HOUR; i++) {
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
      const count = dense[i * BUCKET_COUNT + bucket];
      if (count > 0) {
        buckets.push(bucket);
        counts.push(count);
      }
    }
    histOffsets[i + 1] = buckets.length;
  }
  return { histOffsets, histBuckets: Uint16Array.from(buckets), histCounts: Uint32Array.from(counts) };
}

export function accountFeeder(ctx: ModelContext, metricName: string): MinuteFeeder | null {
  let last: AccountBlock | undefined;
  const read = (hourMs: number) => (last && last.hourMs === hourMs ? last : (last = accountBlock(ctx, hourMs)));
  const feed = accountMinutes(read, metricName);
  return feed && summarisedByHour(feed, metricName, read);
}

function accountMinutes(read: (hourMs: number) => AccountBlock, metricName: string): MinuteFeeder | null {
  switch (metricName) {
    case "Invocations":
      return (acc, h, i) => { const n = read(h).invocations[i]; acc.addBinary(n, n); };
    case "Errors":
      return (acc, h, i) => { const b = read(h); acc.addBinary(b.invocations[i], b.errors[i]); };
    case "Throttles":
      return (acc, h, i) => { const b = read(h); acc.addBinary(b.invocations[i] + b.throttles[i], b.throttles[i]); };
    case "Duration":
      return (acc, h, i) => { const b = read(h); acc.addHistogram(b.invocations[i], b.durationSumMs[i], b.durationMinMs[i], b.durationMaxMs[i], b.histBuckets, b.histCounts, b.histOffsets[i], b.histOffsets[i + 1]); };
    case "ConcurrentExecutions":
      return (acc, h, i) => { const b = read(h); if (b.invocations[i] + b.throttles[i] > 0) acc.addGauge(b.concurrency[i]); };
    case "UnreservedConcurrentExecutions":
      return (acc, h, i) => { const b = read(h); if (b.invocations[i] + b.throttles[i] > 0) acc.addGauge(b.unreservedConcurrency[i]); };
  }
  return null;
}

