// AWS/SQS metrics for the account's queues, derived from the functions that feed or drain them.
// DLQs / on-failure queues receive the events whose every attempt failed (InvocationRecord.sentToDlq);
// an on-call job drains the healthy ones daily at 10:00 UTC, while the growing-dlq incident's queue
// has not been drained since four days before the anchor. Work queues mirror their consumer.
import type { MetricRequest, MetricSeries, QueueSpec } from "./types";
import type { HourBlock } from "./blocks";
import { type ModelContext, type MinuteFeeder, MINUTE_MS, functionModel, seriesOver } from "./context";
import { type FunctionModel, INCIDENT_TIMING } from "./function-model";
import { uniform4 } from "./rng";
import type { Statistic } from "./statistics";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DRAIN_HOUR_UTC = 10;

const METRICS = ["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage", "NumberOfMessagesSent", "NumberOfMessagesReceived", "NumberOfMessagesDeleted"];

export function sqsSeries(ctx: ModelContext, req: MetricRequest, stat: Statistic): MetricSeries | null {
  const keys = Object.keys(req.dimensions);
  if (keys.length !== 1 || keys[0] !== "QueueName" || !METRICS.includes(req.metricName)) return null;
  const queue = ctx.fleet.queues.find((q) => q.name === req.dimensions.QueueName);
  if (!queue) return null;
  const firstDataMs = Math.ceil(queue.createdAtMs / MINUTE_MS) * MINUTE_MS;
  const feed = queue.deadLetterFor ? dlqFeeder(ctx, queue, req, firstDataMs) : workQueueFeeder(ctx, queue, req.metricName);
  return feed && seriesOver(ctx, req, stat, firstDataMs, feed);
}

/** Reads one function's blocks minute by minute, keeping the current hour's block. */
function minuteReader(ctx: ModelContext, fm: FunctionModel): (minuteMs: number) => HourBlock {
  let last: HourBlock | undefined;
  return (minuteMs) => {
    const hourMs = Math.floor(minuteMs / HOUR_MS) * HOUR_MS;
    return last && last.hourMs === hourMs ? last : (last = ctx.blocks.get(fm, hourMs));
  };
}

/** The most recent drain at or before `minuteMs`. */
export function lastDrainMs(ctx: ModelContext, queue: QueueSpec, minuteMs: number): number {
  const drainOffsetMs = DRAIN_HOUR_UTC * HOUR_MS;
  let drainMs = Math.floor((minuteMs - drainOffsetMs) / DAY_MS) * DAY_MS + drainOffsetMs;
  const owner = ctx.fleet.byName.get(queue.deadLetterFor ?? "");
  if (owner?.incident === "growing-dlq") {
    const stoppedMs = ctx.fleet.anchorMs - INCIDENT_TIMING.dlqLastDrainBeforeAnchorMs;
    drainMs = Math.min(drainMs, Math.floor((stoppedMs - drainOffsetMs) / DAY_MS) * DAY_MS + drainOffsetMs);
  }
  return drainMs;
}

interface DlqMinutes {
  fromMs: number;
  sent: Int32Array;
  visible: Int32Array;
  ageS: Float64Array;
  drained: Int32Array;
}

/**
 * Queue state minute by minute over [fromMs, toMs): replays sends from the drain before the window,
 * so depth = messages sent since the last drain, age = time since the oldest of them was sent.
 * A drain happens at the start of its minute (sends in that minute stay).
 */
export function dlqMinutes(ctx: ModelContext, queue: QueueSpec, fromMs: number, toMs: number): DlqMinutes {
  const minutes = Math.max(0, (toMs - fromMs) / MINUTE_MS);
  const out: DlqMinutes = { fromMs, sent: new Int32Array(minutes), visible: new Int32Array(minutes), ageS: new Float64Array(minutes), drained: new Int32Array(minutes) };
  const fm = functionModel(ctx, queue.deadLetterFor!)!;
  const read = minuteReader(ctx, fm);
  let depth = 0;
  let oldestMs = -1;
  for (let m = lastDrainMs(ctx, queue, fromMs - MINUTE_MS); m < toMs; m += MINUTE_MS) {
    const k = (m - fromMs) / MINUTE_MS;
    if (lastDrainMs(ctx, queue, m) === m) {
      if (k >= 0) out.drained[k] = depth;
      depth = 0;
      oldestMs = -1;
    }
    const hourMs = Math.floor(m / HOUR_MS) * HOUR_MS;
    const sent = read(m).total.dlqSent[(m - hourMs) / MINUTE_MS];
    depth += sent;
    if (sent > 0 && oldestMs < 0) oldestMs = m;
    if (k < 0) continue;
    out.sent[k] = sent;
    out.visible[k] = depth;
    out.ageS[k] = depth > 0 ? (m + MINUTE_MS - oldestMs) / 1000 : 0;
  }
  return out;
}

function dlqFeeder(ctx: ModelContext, queue: QueueSpec, req: MetricRequest, firstDataMs: number): MinuteFeeder | null {
  const fromMs = Math.ceil(Math.max(req.startMs, ctx.dataStartMs, firstDataMs) / MINUTE_MS) * MINUTE_MS;
  const toMs = Math.max(fromMs, Math.min(Math.ceil(req.endMs / MINUTE_MS) * MINUTE_MS, Math.floor(ctx.nowMs() / MINUTE_MS) * MINUTE_MS));
  const states = dlqMinutes(ctx, queue, fromMs, toMs);
  const byMetric: Record<string, ArrayLike<number>> = {
    ApproximateNumberOfMessagesVisible: states.visible,
    ApproximateAgeOfOldestMessage: states.ageS,
    NumberOfMessagesSent: states.sent,
    NumberOfMessagesReceived: states.drained,
    NumberOfMessagesDeleted: states.drained,
  };
  const values = byMetric[req.metricName];
  return (acc, h, i) => {
    const k = (h + i * MINUTE_MS - fromMs) / MINUTE_MS;
    if (k >= 0 && k < values.length) acc.addGauge(values[k]);
  };
}

/**
 * A work queue feeding an SQS event source mapping: each invocation takes a batch; failed batches
 * become visible again and are received again, successful ones are deleted; a few messages wait.
 */
function workQueueFeeder(ctx: ModelContext, queue: QueueSpec, metricName: string): MinuteFeeder | null {
  const consumer = ctx.fleet.functions.find((fn) => fn.eventSourceMappings.some((esm) => esm.eventSourceArn === queue.arn));
  const fm = consumer && functionModel(ctx, consumer.name);
  if (!fm) return (acc) => acc.addGauge(0);
  const batch = Math.max(1, Math.round(consumer!.eventSourceMappings[0].batchSize * 0.4));
  const read = minuteReader(ctx, fm);
  const counts = (h: number, i: number) => {
    const a = read(h + i * MINUTE_MS).total;
    const received = a.invocations[i] * batch;
    const deleted = (a.invocations[i] - a.errors[i]) * batch;
    return { received, deleted, visible: Math.ceil(deleted * 0.01) };
  };
  switch (metricName) {
    case "NumberOfMessagesSent":
    case "NumberOfMessagesDeleted":
      return (acc, h, i) => acc.addGauge(counts(h, i).deleted);
    case "NumberOfMessagesReceived":
      return (acc, h, i) => acc.addGauge(counts(h, i).received);
    case "ApproximateNumberOfMessagesVisible":
      return (acc, h, i) => acc.addGauge(counts(h, i).visible);
    case "ApproximateAgeOfOldestMessage":
      return (acc, h, i) => {
        const waiting = counts(h, i).visible > 0;
        acc.addGauge(waiting ? 1 + Math.floor(15 * uniform4(ctx.fleet.seed, fm.nameHash, (h + i * MINUTE_MS) / MINUTE_MS, 0xa9e)) : 0);
      };
  }
  return null;
}
