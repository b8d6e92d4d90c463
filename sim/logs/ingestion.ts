// CloudWatch Logs' own metrics, namespace AWS/Logs: IncomingBytes and IncomingLogEvents per log group
// (dimension LogGroupName) and for the whole account (no dimension), one minute at a time, from
// exactly the events the account holds: the generated Lambda lines and the stored events
// (PutLogEvents, imports).
//
// IncomingBytes is the UTF-8 size of the log event messages, nothing added per event: "The volume of
// log events in uncompressed bytes uploaded to CloudWatch Logs" (CloudWatch Logs User Guide,
// "Monitoring with CloudWatch metrics", awsdocs/amazon-cloudwatch-logs-user-guide
// CloudWatch-Logs-Monitoring-CloudWatch-Metrics.md). The 26 bytes per event in the PutLogEvents API
// reference belong to the *batch size limit* ("the sum of all event messages in UTF-8, plus 26 bytes
// for each log event"), not to the metric; AWS documents no per-event overhead for IncomingBytes or
// for the DataProcessing-Bytes it bills, so a bill estimate that wants the worst case can add
// 26 × IncomingLogEvents. These are the same sizes Logs Insights adds up as bytesScanned (messageBytes
// of every scanned event), so over whole minutes IncomingBytes equals what a query scanning those
// minutes reports.
//
// Timestamps: an event counts in the minute of its own timestamp. AWS publishes these metrics as the
// events arrive; Lambda's lines arrive 0.2–1 s after they are stamped (sim/logs/scan.ts), so on AWS
// the last second's lines of a minute may count in the next one. Here minutes agree with Logs
// Insights windows instead.
//
// Statistics: AWS documents Sum only. Here every log event is one sample: IncomingBytes' SampleCount
// is the event count and Average/Minimum/Maximum the mean/smallest/largest event; IncomingLogEvents'
// samples are all 1. A minute without events has no datapoint. Percentiles give no data.
import type { MetricRequest, MetricSeries, SimModel } from "../model/types";
import { minuteHasData } from "../model";
import { generateInvocations } from "../model/invocations";
import { Lru } from "../model/lru";
import { planHour } from "../model/traffic";
import type { FnLogContext } from "./fn-context";
import { Inv } from "./invocation";
import { performanceBytes } from "./lambda-insights";
import { findLogGroup, type LogGroupInfo, logGroups } from "./log-groups";
import { eachLineBytes } from "./scan";
import type { LogStore } from "./store";

// Local copies: imported bindings are getter calls under tsx/vitest and these run per line.
const InvCtor = Inv;
const generate = generateInvocations;
const lineBytes = eachLineBytes;
const insightsBytes = performanceBytes;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** (function, hour) blocks kept: 40 functions × 14 days is 13,440, ~1 KB each. */
const MAX_HOURS_CACHED = 20_000;

export const LOGS_NAMESPACE = "AWS/Logs";
export const INGESTION_METRICS = ["IncomingBytes", "IncomingLogEvents"] as const;
const STATISTICS = new Set(["Sum", "SampleCount", "Average", "Minimum", "Maximum"]);

/** What one log group (or the account) ingested in one minute. */
class MinuteTotals {
  events = 0;
  bytes = 0;
  minBytes = Infinity;
  maxBytes = -Infinity;

  reset(): void {
    this.events = 0;
    this.bytes = 0;
    this.minBytes = Infinity;
    this.maxBytes = -Infinity;
  }

  addOne(bytes: number): void {
    this.events++;
    this.bytes += bytes;
    if (bytes < this.minBytes) this.minBytes = bytes;
    if (bytes > this.maxBytes) this.maxBytes = bytes;
  }

  addMinute(events: number, bytes: number, minBytes: number, maxBytes: number): void {
    if (events === 0) return;
    this.events += events;
    this.bytes += bytes;
    if (minBytes < this.minBytes) this.minBytes = minBytes;
    if (maxBytes > this.maxBytes) this.maxBytes = maxBytes;
  }
}

/** A function's generated lines over one hour, per minute. */
interface IngestionHour {
  events: Int32Array;
  bytes: Float64Array;
  minBytes: Int32Array;
  maxBytes: Int32Array;
}

const caches = new WeakMap<SimModel, Lru<string, IngestionHour>>();

/** What a group's generated events are: a function's own Lambda lines, or its Lambda Insights events. */
type Source = "lines" | "insights";

function hourOf(model: SimModel, ctx: FnLogContext, hourMs: number, source: Source): IngestionHour {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = new Lru(MAX_HOURS_CACHED)));
  const key = source === "lines" ? `${ctx.spec.name}@${hourMs}` : `${ctx.spec.name}#insights@${hourMs}`;
  let hour = cache.get(key);
  if (!hour) cache.set(key, (hour = generatedHour(ctx, hourMs, source)));
  return hour;
}

/** Every minute of the hour, whether or not it has data yet (callers check minuteHasData). */
function generatedHour(ctx: FnLogContext, hourMs: number, source: Source): IngestionHour {
  const hour: IngestionHour = { events: new Int32Array(60), bytes: new Float64Array(60), minBytes: new Int32Array(60), maxBytes: new Int32Array(60) };
  const totals = new MinuteTotals();
  const add = (bytes: number) => totals.addOne(bytes);
  const plans = planHour(ctx.fm, hourMs);
  for (let i = 0; i < 60; i++) {
    totals.reset();
    let coldOrdinal = 0;
    // One performance event per invocation, stamped at its end inside its start minute (sim/logs/lambda-insights.ts).
    if (source === "insights") generate(ctx.fm, plans[i], (r) => add(insightsBytes(new InvCtor(ctx, r, r.coldStart ? coldOrdinal++ : -1))));
    else generate(ctx.fm, plans[i], (r) => lineBytes(new InvCtor(ctx, r, r.coldStart ? coldOrdinal++ : -1), add));
    hour.events[i] = totals.events;
    hour.bytes[i] = totals.bytes;
    hour.minBytes[i] = totals.events > 0 ? totals.minBytes : 0;
    hour.maxBytes[i] = totals.events > 0 ? totals.maxBytes : 0;
  }
  return hour;
}

/**
 * Adds what `groups` ingested in each minute of [fromMs, toMs) that is over (ends at or before the
 * model's "now"; generated lines only in minutes the model has data for), calling `visit` once per
 * minute that has any event. Stored events count in the minute of their timestamp.
 */
function eachMinute(model: SimModel, groups: LogGroupInfo[], fromMs: number, toMs: number, visit: (minuteMs: number, totals: MinuteTotals) => void): void {
  const firstMs = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS;
  const untilMs = Math.min(toMs, Math.floor(model.nowMs() / MINUTE_MS) * MINUTE_MS);
  const stored = new Map<number, MinuteTotals>();
  for (const group of groups) {
    for (const ev of group.stored?.events ?? []) {
      if (!(ev.timestampMs >= firstMs && ev.timestampMs < untilMs)) continue;
      const m = Math.floor(ev.timestampMs / MINUTE_MS) * MINUTE_MS;
      let t = stored.get(m);
      if (!t) stored.set(m, (t = new MinuteTotals()));
      t.addOne(ev.messageBytes ?? Buffer.byteLength(typeof ev.message === "string" ? ev.message : ev.message(), "utf8"));
    }
  }
  const fns = groups.flatMap((g) => g.functions);
  const insights = groups.flatMap((g) => g.insights ?? []);
  const totals = new MinuteTotals();
  for (let m = firstMs; m < untilMs; m += MINUTE_MS) {
    const generated = fns.length + insights.length > 0 && minuteHasData(model, m);
    const fromStore = stored.get(m);
    if (!generated && !fromStore) continue;
    totals.reset();
    if (generated) {
      const hourMs = Math.floor(m / HOUR_MS) * HOUR_MS;
      const i = (m - hourMs) / MINUTE_MS;
      for (const ctx of fns) {
        const h = hourOf(model, ctx, hourMs, "lines");
        totals.addMinute(h.events[i], h.bytes[i], h.minBytes[i], h.maxBytes[i]);
      }
      for (const ctx of insights) {
        const h = hourOf(model, ctx, hourMs, "insights");
        totals.addMinute(h.events[i], h.bytes[i], h.minBytes[i], h.maxBytes[i]);
      }
    }
    if (fromStore) totals.addMinute(fromStore.events, fromStore.bytes, fromStore.minBytes, fromStore.maxBytes);
    if (totals.events > 0) visit(m, totals);
  }
}

/** The groups a dimension set names: one group by LogGroupName, every group for none; null otherwise. */
function groupsFor(model: SimModel, store: LogStore, dimensions: Record<string, string>): LogGroupInfo[] | null {
  const names = Object.keys(dimensions);
  if (names.length === 0) return logGroups(model, store);
  if (names.length !== 1 || names[0] !== "LogGroupName") return null;
  const group = findLogGroup(model, store, dimensions.LogGroupName);
  return group ? [group] : null;
}

/**
 * AWS/Logs IncomingBytes / IncomingLogEvents as CloudWatch answers them, with the model's period
 * semantics (periods from startMs by periodS, stamped at their start, none without samples); null
 * for anything else (another metric or dimension set, an unknown group, a percentile).
 */
export function logsMetricSeries(model: SimModel, store: LogStore, req: MetricRequest): MetricSeries | null {
  if (req.namespace !== LOGS_NAMESPACE || !(INGESTION_METRICS as readonly string[]).includes(req.metricName)) return null;
  if (!STATISTICS.has(req.stat) || req.periodS <= 0 || req.periodS % 60 !== 0) return null;
  const groups = groupsFor(model, store, req.dimensions);
  if (!groups) return null;
  const bytes = req.metricName === "IncomingBytes";
  const periodMs = req.periodS * 1000;
  const series: MetricSeries = { timestampsMs: [], values: [] };
  let periodStartMs = NaN;
  const acc = new MinuteTotals();
  const flush = () => {
    if (acc.events === 0) return;
    series.timestampsMs.push(periodStartMs);
    series.values.push(statistic(req.stat, acc, bytes));
  };
  eachMinute(model, groups, req.startMs, req.endMs, (minuteMs, t) => {
    const p = req.startMs + Math.floor((minuteMs - req.startMs) / periodMs) * periodMs;
    if (p !== periodStartMs) {
      flush();
      acc.reset();
      periodStartMs = p;
    }
    acc.addMinute(t.events, t.bytes, t.minBytes, t.maxBytes);
  });
  flush();
  return series;
}

function statistic(stat: string, t: MinuteTotals, bytes: boolean): number {
  switch (stat) {
    case "Sum":
      return bytes ? t.bytes : t.events;
    case "SampleCount":
      return t.events;
    case "Average":
      return bytes ? t.bytes / t.events : 1;
    case "Minimum":
      return bytes ? t.minBytes : 1;
    default:
      return bytes ? t.maxBytes : 1;
  }
}

export interface Ingestion {
  events: number;
  /** IncomingBytes: UTF-8 bytes of the messages, no per-event overhead (see above). */
  bytes: number;
}

/**
 * What a log group (or, without one, the whole account) ingested over the minutes in [fromMs, toMs)
 * that are over: Σ IncomingLogEvents and Σ IncomingBytes, for a bill ($0.50 per GB ingested,
 * AWS-FACTS §2). Null for a group the account does not have.
 */
export function logsIngestion(model: SimModel, store: LogStore, logGroupName: string | undefined, fromMs: number, toMs: number): Ingestion | null {
  const groups = groupsFor(model, store, logGroupName === undefined ? {} : { LogGroupName: logGroupName });
  if (!groups) return null;
  const total: Ingestion = { events: 0, bytes: 0 };
  eachMinute(model, groups, fromMs, toMs, (_m, t) => {
    total.events += t.events;
    total.bytes += t.bytes;
  });
  return total;
}
