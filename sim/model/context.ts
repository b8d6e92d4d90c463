// The model's shared state: the fleet, its clock, the data window and the block caches.
import type { Fleet, MetricRequest, MetricSeries } from "./types";
import { BlockStore, DEFAULT_MAX_BLOCKS, HOUR_MS } from "./blocks";
import { type FunctionModel, functionModelOf } from "./function-model";
import { PeriodAccumulator, type SampleSink, SpanSummary, type Statistic } from "./statistics";

export const MINUTE_MS = 60_000;
/** CloudWatch keeps 1-minute data for 15 days; the model publishes the last 14 (DESIGN.md). */
export const RETENTION_MS = 14 * 86_400_000;

export interface ModelContext {
  fleet: Fleet;
  nowMs(): number;
  dataStartMs: number;
  blocks: BlockStore;
  /** Whole hours of a period are read from per-hour summaries; off only to check them against the minutes (tests). */
  hourSummaries: boolean;
}

export function createContext(fleet: Fleet, nowMs: () => number, maxBlocks?: number): ModelContext {
  const dataStartMs = Math.ceil((fleet.anchorMs - RETENTION_MS) / MINUTE_MS) * MINUTE_MS;
  return { fleet, nowMs, dataStartMs, blocks: new BlockStore(maxBlocks ?? defaultMaxBlocks(fleet)), hourSummaries: true };
}

/**
 * An overview refresh reads every function's last 24 h: 25 hour blocks each, 26 when its window
 * crosses an hour. A bound below fleet × that makes an LRU evict each block just before it is read
 * again, so nothing is ever warm; 30 hours a function leaves room for detail pages. ~10 KB a block.
 */
const HOURS_CACHED_PER_FUNCTION = 30;

function defaultMaxBlocks(fleet: Fleet): number {
  return Math.max(DEFAULT_MAX_BLOCKS, fleet.functions.length * HOURS_CACHED_PER_FUNCTION);
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

/**
 * Calls `feed(acc, hourMs, minuteOfHour)` for each minute with data in a period. `hourSummary`, when
 * present, gives all 60 minutes of an hour at once (see summarisedByHour).
 */
export type MinuteFeeder = ((acc: SampleSink, hourMs: number, minuteOfHour: number) => void) & { hourSummary?: (hourMs: number) => SpanSummary };

/** What holds an hour's summaries (its block), so they are evicted with it. */
export interface SummaryHolder {
  summaries?: Map<string, SpanSummary>;
}

/**
 * Adds `hourSummary` to a feeder whose minutes depend only on the hour's block: the summary is
 * recorded from the feeder itself on first use and kept on the block under `key`, which must name
 * everything else the feeder's output depends on (metric, version).
 */
export function summarisedByHour(feed: MinuteFeeder, key: string, holderOf: (hourMs: number) => SummaryHolder): MinuteFeeder {
  feed.hourSummary = (hourMs) => {
    const holder = holderOf(hourMs);
    const summaries = (holder.summaries ??= new Map());
    let summary = summaries.get(key);
    if (!summary) {
      summary = SpanSummary.record((sink) => {
        for (let i = 0; i < 60; i++) feed(sink, hourMs, i);
      });
      summaries.set(key, summary);
    }
    return summary;
  };
  return feed;
}

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
  const hourSummary = ctx.hourSummaries ? feed.hourSummary : undefined;
  // Jump over whole periods before the first minute with data (a query may start months earlier).
  const skippedPeriods = Math.max(0, Math.floor((fromMs - req.startMs) / periodMs));
  for (let periodStartMs = req.startMs + skippedPeriods * periodMs; periodStartMs < req.endMs; periodStartMs += periodMs) {
    const periodEndMs = Math.min(periodStartMs + periodMs, untilMs);
    if (periodEndMs <= fromMs) continue;
    if (periodStartMs >= untilMs) break;
    acc.reset();
    const firstMinuteMs = Math.ceil(Math.max(periodStartMs, fromMs) / MINUTE_MS) * MINUTE_MS;
    // Minutes in order, whole hours inside the period at once (they all have data: the period is
    // clipped to [fromMs, untilMs)), the partial hours at its edges minute by minute.
    for (let m = firstMinuteMs; m < periodEndMs; ) {
      const hourMs = Math.floor(m / HOUR_MS) * HOUR_MS;
      if (hourSummary && m === hourMs && m + HOUR_MS <= periodEndMs) {
        acc.addSpan(hourSummary(hourMs));
        m += HOUR_MS;
      } else {
        feed(acc, hourMs, (m - hourMs) / MINUTE_MS);
        m += MINUTE_MS;
      }
    }
    const value = acc.value(stat);
    if (value !== undefined) {
      series.timestampsMs.push(periodStartMs);
      series.values.push(value);
    }
  }
  return series;
}
