// (function, hour) blocks of per-minute aggregates: computed from the generator on first use and
// kept in a bounded LRU, so 5,000 functions × 14 days is possible without holding it all.
import type { FunctionModel } from "./function-model";
import { routingAt } from "./fleet-versions";
import { generateInvocations } from "./invocations";
import { AggregatesBuilder, MINUTES_PER_HOUR, MinuteAggregates } from "./minute-aggregates";
import { Lru } from "./lru";
import type { SpanSummary } from "./statistics";
import { planHour } from "./traffic";

export const HOUR_MS = 3_600_000;
export const DEFAULT_MAX_BLOCKS = 50_000;

export interface HourBlock {
  hourMs: number;
  total: MinuteAggregates;
  /** Requests rejected by reserved concurrency (not in Invocations). */
  throttles: Int32Array;
  /** ConcurrentExecutions Maximum per minute (= the reserved limit in minutes with throttles). */
  concurrency: Int32Array;
  /** Per executed version, only when more than one version ran in the hour; else `version` ran all. */
  byVersion: Map<string, MinuteAggregates> | null;
  version: string;
  /** Per-metric summaries of the whole hour, made on first use (context.ts summarisedByHour). */
  summaries?: Map<string, SpanSummary>;
}

/** Versions the function's traffic can reach during the hour. */
function versionsInHour(fm: FunctionModel, hourMs: number): string[] {
  if (!fm.alias) return ["$LATEST"];
  const versions = new Set<string>();
  for (let i = 0; i < MINUTES_PER_HOUR; i++) {
    const routing = routingAt(fm.alias, hourMs + i * 60_000) ?? fm.alias.history[0];
    versions.add(routing.version);
    for (const [version, weight] of Object.entries(routing.additionalVersionWeights ?? {})) if (weight > 0) versions.add(version);
  }
  return [...versions];
}

export function buildHourBlock(fm: FunctionModel, hourMs: number, builder = new AggregatesBuilder()): HourBlock {
  const plans = planHour(fm, hourMs);
  const versions = versionsInHour(fm, hourMs);
  const perVersion = versions.length > 1 ? new Map(versions.map((v) => [v, new AggregatesBuilder()])) : null;
  builder.start();
  perVersion?.forEach((b) => b.start());
  const perMinute = new Int32Array(2 * MINUTES_PER_HOUR); // one allocation for both (see minute-aggregates.ts)
  const throttles = perMinute.subarray(0, MINUTES_PER_HOUR);
  const concurrency = perMinute.subarray(MINUTES_PER_HOUR);
  for (let i = 0; i < MINUTES_PER_HOUR; i++) {
    const plan = plans[i];
    throttles[i] = plan.throttles;
    concurrency[i] = plan.invocations + plan.throttles > 0 ? plan.concurrency : 0;
    builder.toMinute(i);
    if (perVersion) {
      perVersion.forEach((b) => b.toMinute(i));
      generateInvocations(fm, plan, (r) => {
        builder.add(r);
        perVersion.get(r.executedVersion)!.add(r);
      });
    } else {
      generateInvocations(fm, plan, (r) => builder.add(r));
    }
  }
  return {
    hourMs,
    total: builder.finish(),
    throttles,
    concurrency,
    byVersion: perVersion && new Map([...perVersion].map(([v, b]) => [v, b.finish()])),
    version: versions[0],
  };
}

export class BlockStore {
  private readonly lru: Lru<number, HourBlock>;
  private readonly builder = new AggregatesBuilder();
  blocksComputed = 0;

  constructor(maxBlocks = DEFAULT_MAX_BLOCKS) {
    this.lru = new Lru(maxBlocks);
  }

  get size(): number {
    return this.lru.size;
  }

  /** The block of the hour starting at `hourMs` (hour-aligned). */
  get(fm: FunctionModel, hourMs: number): HourBlock {
    if (fm.index < 0) return buildHourBlock(fm, hourMs, this.builder);
    const key = fm.index * 10_000_000 + hourMs / HOUR_MS;
    let block = this.lru.get(key);
    if (!block) {
      block = buildHourBlock(fm, hourMs, this.builder);
      this.blocksComputed++;
      this.lru.set(key, block);
    }
    return block;
  }

  /** Aggregates of one executed version in a block (undefined when that version did not run). */
  static versionAggregates(block: HourBlock, version: string): MinuteAggregates | undefined {
    if (block.byVersion) return block.byVersion.get(version);
    return block.version === version ? block.total : undefined;
  }
}
