// The model's shared state: the fleet, its clock, the data window and the block caches.
import type { Fleet, MetricRequest, MetricSeries } from "./types";
import { BlockStore, HOUR_MS } from "./blocks";
import { type FunctionModel, functionModelOf } from "./function-model";
import { PeriodAccumulator, type Statistic } from "./statistics";

export const MINUTE_MS = 60_000;
/** CloudWatch keeps 1-minute data for 15 days; the model publishes the last 14 (DESIGN.md). */
export const RETENTION_MS = 14 * 86_400_000;

export interface ModelContext {
  fleet: Fleet;
  nowMs(): number;
  dataStartMs: number;
  blocks: BlockStore;
}

export function createContext(fleet: Fleet, nowMs: () => number, maxBlocks?: number): ModelContext {
  const dataStartMs = Math.ceil((fleet.anchorMs - RETENTION_MS) / MINUTE_MS) * MINUTE_MS;
  return { fleet, nowMs, dataStartMs, blocks: new BlockStore(maxBlocks) };
}

export function functionModel(ctx: ModelContext, name: string): FunctionModel | undefined {
  const spec = ctx.fleet.byName.get(name);
  return spec && functionModelOf(ctx.fleet, spec);
}

/**
 * Whether a minute has data: within retention and complete (its last invocation has started
 * before now), so metrics never show a minute that logs could still add to.
 */
export function minuteHasData(ctx: ModelContext, minuteMs: number): boolean {
  return minuteMs >= ctx.dataStartMs && minuteMs + MINUTE_MS <= ctx.nowMs();
}

/** Calls `feed(acc, hourMs, minuteOfHour)` for each minute with data in a period. */
export type MinuteFeeder = (acc: PeriodAccumulator, hourMs: number, minuteOfHour: number) => void;

/**
 * CloudWatch period semantics: periods start at startMs and step by periodS; each period's
 * datapoint is stamped at its start; periods with no samples have no datapoint.
 */
export function seriesOver(ctx: ModelContext, req: MetricRequest, stat: Statistic, firstDataMs: number, feed: MinuteFeeder): MetricSeries {
  const series: MetricSeries = { timestampsMs: [], values: [] };
  const periodMs = Math.max(1, Math.round(req.periodS / 60)) * MINUTE_MS;
  const fromMs = Math.max(ctx.dataStartMs, firstDataMs);
  const untilMs = Math.min(req.endMs, Math.floor(ctx.nowMs() / MINUTE_MS) * MINUTE_MS);
  const acc = new PeriodAccumulator();
  // Jump over whole periods before the first minute with data (a query may start months earlier).
  const skippedPeriods = Math.max(0, Math.floor((fromMs - req.startMs) / periodMs));
  for (let periodStartMs = req.startMs + skippedPeriods * periodMs; periodStartMs < req.endMs; periodStartMs += periodMs) {
    const periodEndMs = Math.min(periodStartMs + periodMs, untilMs);
    if (periodEndMs <= fromMs) continue;
    if (periodStartMs >= untilMs) break;
    acc.reset();
    const firstMinuteMs = Math.ceil(Math.max(periodStartMs, fromMs) / MINUTE_MS) * MINUTE_MS;
    for (let m = firstMinuteMs; m < periodEndMs; m += MINUTE_MS) {
      const hourMs = Math.floor(m / HOUR_MS) * HOUR_MS;
      feed(acc, hourMs, (m - hourMs) / MINUTE_MS);
    }
    const value = acc.value(stat);
    if (value !== undefined) {
      series.timestampsMs.push(periodStartMs);
      series.values.push(value);
    }
  }
  return series;
}
