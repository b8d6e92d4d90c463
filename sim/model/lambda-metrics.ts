// AWS/Lambda metrics by dimension set: {FunctionName}, {FunctionName, Resource},
// {FunctionName, Resource, ExecutedVersion} (the set SAM/CodeDeploy canary alarms use) and none
// (Region-wide). Every number is read from blocks made by the invocation generator.
import type { MetricRequest, MetricSeries } from "./types";
import { BlockStore, type HourBlock } from "./blocks";
import { type ModelContext, type MinuteFeeder, functionModel, seriesOver, summarisedByHour } from "./context";
import type { FunctionModel } from "./function-model";
import type { MinuteAggregates } from "./minute-aggregates";
import type { Statistic } from "./statistics";
import { accountFeeder } from "./account-metrics";

/** What a query selects: all of a function's traffic, or one executed version behind its alias. */
interface Selection {
  fm: FunctionModel;
  version?: string;
}

export function lambdaSeries(ctx: ModelContext, req: MetricRequest, stat: Statistic): MetricSeries | null {
  const keys = Object.keys(req.dimensions).sort().join(",");
  if (keys === "") {
    const feed = accountFeeder(ctx, req.metricName);
    return feed && seriesOver(ctx, req, stat, ctx.dataStartMs, feed);
  }
  const selection = select(ctx, keys, req.dimensions);
  if (!selection) return null;
  const { fm, version } = selection;
  const read = blockReader(ctx, fm);
  const feed = version === undefined ? functionFeeder(read, fm, req.metricName) : versionFeeder(read, version, req.metricName);
  // A feeder reads only the function's hour blocks, so an hour's summary depends on the metric and version alone.
  return feed && seriesOver(ctx, req, stat, ctx.dataStartMs, summarisedByHour(feed, `${req.metricName}@${version ?? ""}`, read));
}

function select(ctx: ModelContext, keys: string, d: Record<string, string>): Selection | null {
  const fm = functionModel(ctx, d.FunctionName ?? "");
  if (!fm) return null;
  if (keys === "FunctionName") return { fm };
  const aliasResource = fm.alias && `${fm.spec.name}:${fm.alias.name}`;
  if (keys === "FunctionName,Resource") {
    // Prod traffic goes through the alias, staging calls the function unqualified ($LATEST).
    if (d.Resource === (aliasResource ?? fm.spec.name)) return { fm };
    return null;
  }
  if (keys === "ExecutedVersion,FunctionName,Resource") {
    if (!aliasResource || d.Resource !== aliasResource) return null;
    return fm.spec.versions.some((v) => v.version === d.ExecutedVersion) ? { fm, version: d.ExecutedVersion } : null;
  }
  return null;
}

/** Caches the block of the hour being read: consecutive minutes mostly share one. */
function blockReader(ctx: ModelContext, fm: FunctionModel): (hourMs: number) => HourBlock {
  let last: HourBlock | undefined;
  return (hourMs) => (last && last.hourMs === hourMs ? last : (last = ctx.blocks.get(fm, hourMs)));
}

function durationFeed(acc: Parameters<MinuteFeeder>[0], a: MinuteAggregates, i: number): void {
  acc.addHistogram(a.invocations[i], a.durationSumMs(i), a.durationMinMs[i], a.durationMaxMs[i], a.histBuckets, a.histCounts, a.histOffsets[i], a.histOffsets[i + 1]);
}

function functionFeeder(read: (hourMs: number) => HourBlock, fm: FunctionModel, metricName: string): MinuteFeeder | null {
  const pc = fm.provisionedConcurrency;
  switch (metricName) {
    case "Invocations":
      return (acc, h, i) => { const n = read(h).total.invocations[i]; acc.addBinary(n, n); };
    case "Errors":
      return (acc, h, i) => { const a = read(h).total; acc.addBinary(a.invocations[i], a.errors[i]); };
    case "Throttles":
      // One sample per request: 1 if throttled. Throttled requests are not Invocations.
      return (acc, h, i) => { const b = read(h); acc.addBinary(b.total.invocations[i] + b.throttles[i], b.throttles[i]); };
    case "Duration":
      return (acc, h, i) => durationFeed(acc, read(h).total, i);
    case "ConcurrentExecutions":
      return (acc, h, i) => { const b = read(h); if (b.total.invocations[i] + b.throttles[i] > 0) acc.addGauge(b.concurrency[i]); };
    case "DeadLetterErrors":
      // One sample per attempt to deliver to the DLQ; none of them fail in this account.
      if (!fm.spec.deadLetterQueueName) return null;
      return (acc, h, i) => acc.addBinary(read(h).total.dlqSent[i], 0);
  }
  if (pc > 0) return provisionedFeeder(read, pc, metricName);
  return null;
}

/** PC metrics: PC environments serve up to `pc` concurrent requests; the rest spills to on-demand. */
function provisionedFeeder(read: (hourMs: number) => HourBlock, pc: number, metricName: string): MinuteFeeder | null {
  const served = (b: HourBlock, i: number) => {
    const n = b.total.invocations[i];
    return b.concurrency[i] <= pc ? n : Math.floor((n * pc) / b.concurrency[i]);
  };
  switch (metricName) {
    case "ProvisionedConcurrentExecutions":
      return (acc, h, i) => { const b = read(h); if (b.total.invocations[i] > 0) acc.addGauge(Math.min(pc, b.concurrency[i])); };
    case "ProvisionedConcurrencyUtilization":
      return (acc, h, i) => { const b = read(h); if (b.total.invocations[i] > 0) acc.addGauge(Math.min(pc, b.concurrency[i]) / pc); };
    case "ProvisionedConcurrencyInvocations":
      return (acc, h, i) => { const b = read(h); acc.addBinary(b.total.invocations[i], served(b, i)); };
    case "ProvisionedConcurrencySpilloverInvocations":
      return (acc, h, i) => { const b = read(h); acc.addBinary(b.total.invocations[i], b.total.invocations[i] - served(b, i)); };
  }
  return null;
}

/** {FunctionName, Resource: fn:alias, ExecutedVersion}: what each version behind the alias did. */
function versionFeeder(read: (hourMs: number) => HourBlock, version: string, metricName: string): MinuteFeeder | null {
  const aggregates = (h: number) => BlockStore.versionAggregates(read(h), version);
  switch (metricName) {
    case "Invocations":
      return (acc, h, i) => { const a = aggregates(h); if (a) acc.addBinary(a.invocations[i], a.invocations[i]); };
    case "Errors":
      return (acc, h, i) => { const a = aggregates(h); if (a) acc.addBinary(a.invocations[i], a.errors[i]); };
    case "Duration":
      return (acc, h, i) => { const a = aggregates(h); if (a) durationFeed(acc, a, i); };
  }
  return null;
}
