// CloudWatch Lambda Insights: for every invocation of a function with the extension attached, one
// "performance" log event in the log group /aws/lambda-insights, in embedded metric format (EMF),
// made from the same invocation record as the function's REPORT line (same request id, duration,
// billed duration, memory, cold start and init duration).
//
// Shape: AWS's example event (CloudWatch User Guide, "Example telemetry event in CloudWatch Lambda
// Insights", Lambda-Insights-example-event.html; AWS-FACTS §5): the `_aws` block first (Timestamp,
// CloudWatchMetrics with Namespace "LambdaInsights", Dimensions [["function_name"],
// ["function_name","version"]] and the eight metrics with their units, LambdaInsights.ShareTelemetry),
// then event_type, function_name, version, request_id, trace_id, duration, billed_duration,
// billed_mb_ms, cold_start, init_duration, tmp_free, tmp_max, threads_max, used_memory_max,
// total_memory, memory_utilization, cpu_user_time, cpu_system_time, cpu_total_time, fd_use, fd_max,
// tx_bytes, rx_bytes, timeout, shutdown_reason, total_network, agent_version, agent_memory_avg,
// agent_memory_max — in that order.
//
// What the demo puts in them (sim/README.md, "Lambda Insights"):
// - duration / billed_duration / init_duration are the REPORT line's numbers (2-decimal ms; the AWS
//   example shows whole numbers), billed_mb_ms = billed_duration × total_memory (the example:
//   45200 × 256 = 11571200); trace_id only with Active tracing; init_duration only on cold starts.
// - memory_utilization = floor(used_memory_max × 100 / total_memory) (the example: 63 of 256 → 24).
// - cpu_total_time is the CPU time the invocation consumed: its CPU-bound wall-clock part ×
//   min(memory, 1,769 × parallelism) / 1,769 (sim/model/behaviour.ts cpuTimeMs), i.e. the behaviour's
//   cpuMs × the invocation's lognormal spread whatever the memory size, scaled down in proportion when
//   an OOM kill or the timeout cut the invocation short; whole ms. cpu_user_time is 85–92 % of it (a
//   hash of the invocation), cpu_system_time the rest, so cpu_total_time = user + system.
// - timeout: true and shutdown_reason "Timeout" on timeouts (as in the example); an out-of-memory kill
//   has shutdown_reason "Failure" (the Extensions API's shutdown reason "failure"; a guess at how the
//   agent spells it). Neither key on other invocations.
// - tmp_max: 1,076,848 bytes per MB of ephemeral storage (the example: 551,346,176 for 512 MB);
//   tmp_free = tmp_max − ~13 MB of runtime files; threads, file descriptors, network bytes and the
//   agent's memory are plausible per-runtime / per-function numbers from a hash of the invocation.
import { cpuTimeMs } from "../model/behaviour";
import { generateInvocations } from "../model/invocations";
import { minuteHasData } from "../model";
import type { SimModel } from "../model/types";
import { type MinutePlan, planHour } from "../model/traffic";
import type { LogEvent } from "../insights";
import type { FnLogContext } from "./fn-context";
import { Inv } from "./invocation";
import * as text from "./text";
import type { ScanWindow } from "./scan";

const { shortCenti } = text;
const InvCtor = Inv;
const generate = generateInvocations;
const hasData = minuteHasData;

export const LAMBDA_INSIGHTS_GROUP = "/aws/lambda-insights";
/** The agent version the events report (the layer's; not verified against AWS's version table). */
export const AGENT_VERSION = "1.0.333.0";
/** Namespace and dimension sets the events' EMF block declares (and the LambdaInsights metrics CloudWatch holds). */
export const LAMBDA_INSIGHTS_NAMESPACE = "LambdaInsights";
export const LAMBDA_INSIGHTS_METRICS = [
  ["memory_utilization", "Percent"],
  ["total_memory", "Megabytes"],
  ["used_memory_max", "Megabytes"],
  ["cpu_total_time", "Milliseconds"],
  ["tx_bytes", "Bytes"],
  ["rx_bytes", "Bytes"],
  ["total_network", "Bytes"],
  ["init_duration", "Milliseconds"],
] as const;
export type LambdaInsightsMetric = (typeof LAMBDA_INSIGHTS_METRICS)[number][0];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** statfs size of /tmp per MB of ephemeral storage: the AWS example reports 551,346,176 bytes for 512 MB. */
const TMP_BYTES_PER_MB = 1_076_848;
/** Runtime files under /tmp in the AWS example (tmp_max − tmp_free = 13,017,088). */
const TMP_USED_BYTES = 13_017_088;
/** The AWS example's fd_max. */
const FD_MAX = 32_642;
const SALT_INSIGHTS = 0x1e51;

const CLOUDWATCH_METRICS_JSON = JSON.stringify([
  {
    Namespace: LAMBDA_INSIGHTS_NAMESPACE,
    Dimensions: [["function_name"], ["function_name", "version"]],
    Metrics: LAMBDA_INSIGHTS_METRICS.map(([Name, Unit]) => ({ Name, Unit })),
  },
]);
/** The EMF block's fields as Logs Insights discovers them (dot notation, arrays by index), Timestamp apart. */
const AWS_BLOCK_FIELDS: Record<string, string | number> = (() => {
  const out: Record<string, string | number> = {
    "_aws.CloudWatchMetrics.0.Namespace": LAMBDA_INSIGHTS_NAMESPACE,
    "_aws.CloudWatchMetrics.0.Dimensions.0.0": "function_name",
    "_aws.CloudWatchMetrics.0.Dimensions.1.0": "function_name",
    "_aws.CloudWatchMetrics.0.Dimensions.1.1": "version",
  };
  LAMBDA_INSIGHTS_METRICS.forEach(([name, unit], i) => {
    out[`_aws.CloudWatchMetrics.0.Metrics.${i}.Name`] = name;
    out[`_aws.CloudWatchMetrics.0.Metrics.${i}.Unit`] = unit;
  });
  out["_aws.LambdaInsights.ShareTelemetry"] = "true";
  return out;
})();

/** The numbers of one performance event (everything but the fixed EMF block). */
export interface Performance {
  timestampMs: number;
  functionName: string;
  version: string;
  requestId: string;
  traceId?: string;
  durationCenti: number;
  billedDurationMs: number;
  billedMbMs: number;
  coldStart: boolean;
  initDurationCenti?: number;
  tmpFree: number;
  tmpMax: number;
  threadsMax: number;
  usedMemoryMax: number;
  totalMemory: number;
  memoryUtilization: number;
  cpuUserTime: number;
  cpuSystemTime: number;
  cpuTotalTime: number;
  fdUse: number;
  fdMax: number;
  txBytes: number;
  rxBytes: number;
  timeout: boolean;
  shutdownReason?: "Timeout" | "Failure";
  totalNetwork: number;
  agentMemoryAvg: number;
  agentMemoryMax: number;
}

/** What Lambda Insights reports for one invocation. Pure: the same invocation always gives the same numbers. */
export function performanceOf(inv: Inv): Performance {
  const ctx = inv.ctx;
  const b = ctx.fm.behaviour;
  const h0 = inv.detailHash(SALT_INSIGHTS, 0);
  const h1 = inv.detailHash(SALT_INSIGHTS, 1);
  const u = (h: number, shift: number) => ((h >>> shift) & 0xff) / 256;
  const cpuTotalTime = Math.round(cpuTimeMs(b, inv.memoryMb, inv.cpuWallMs));
  const cpuUserTime = Math.round(cpuTotalTime * (0.85 + 0.07 * u(h0, 0)));
  const tmpMax = ctx.spec.ephemeralStorageMb * TMP_BYTES_PER_MB;
  const tmpUsed = TMP_USED_BYTES + 4096 * (h0 >>> 26);
  const [threadsBase, fdBase] = ctx.runtime === "go" ? [8, 14] : ctx.runtime === "node" ? [11, 26] : [4, 19];
  // Network: the downstream calls' requests and responses, which grow with the time spent waiting on them.
  const rxBytes = Math.round((1_200 + 8 * b.waitMs) * (0.7 + 0.6 * u(h1, 0)));
  const txBytes = Math.round((700 + 5 * b.waitMs) * (0.7 + 0.6 * u(h1, 8)));
  const agentMemoryAvg = 9 + ((h1 >>> 16) & 1);
  return {
    timestampMs: inv.endMs,
    functionName: ctx.spec.name,
    version: inv.version,
    requestId: inv.requestId,
    traceId: ctx.traced ? inv.traceId : undefined,
    durationCenti: inv.durationCenti,
    billedDurationMs: inv.billedMs,
    billedMbMs: inv.billedMs * inv.memoryMb,
    coldStart: inv.cold,
    initDurationCenti: inv.cold ? inv.initCenti : undefined,
    tmpFree: tmpMax - tmpUsed,
    tmpMax,
    threadsMax: threadsBase + ((h0 >>> 8) % 4),
    usedMemoryMax: inv.maxMemoryMb,
    totalMemory: inv.memoryMb,
    memoryUtilization: Math.floor((inv.maxMemoryMb * 100) / inv.memoryMb),
    cpuUserTime,
    cpuSystemTime: cpuTotalTime - cpuUserTime,
    cpuTotalTime,
    fdUse: fdBase + ((h0 >>> 12) % 23),
    fdMax: FD_MAX,
    txBytes,
    rxBytes,
    timeout: inv.status === "timeout",
    shutdownReason: inv.status === "timeout" ? "Timeout" : inv.oom ? "Failure" : undefined,
    totalNetwork: rxBytes + txBytes,
    agentMemoryAvg,
    agentMemoryMax: agentMemoryAvg + ((h1 >>> 17) & 1),
  };
}

/** The event's message: one line of JSON, keys in the order of AWS's example. ASCII only. */
export function performanceMessage(p: Performance): string {
  let m = `{"_aws":{"Timestamp":${p.timestampMs},"CloudWatchMetrics":${CLOUDWATCH_METRICS_JSON},"LambdaInsights":{"ShareTelemetry":true}},`;
  m += `"event_type":"performance","function_name":"${p.functionName}","version":"${p.version}","request_id":"${p.requestId}",`;
  if (p.traceId !== undefined) m += `"trace_id":"${p.traceId}",`;
  m += `"duration":${shortCenti(p.durationCenti)},"billed_duration":${p.billedDurationMs},"billed_mb_ms":${p.billedMbMs},"cold_start":${p.coldStart},`;
  if (p.initDurationCenti !== undefined) m += `"init_duration":${shortCenti(p.initDurationCenti)},`;
  m += `"tmp_free":${p.tmpFree},"tmp_max":${p.tmpMax},"threads_max":${p.threadsMax},"used_memory_max":${p.usedMemoryMax},"total_memory":${p.totalMemory},`;
  m += `"memory_utilization":${p.memoryUtilization},"cpu_user_time":${p.cpuUserTime},"cpu_system_time":${p.cpuSystemTime},"cpu_total_time":${p.cpuTotalTime},`;
  m += `"fd_use":${p.fdUse},"fd_max":${p.fdMax},"tx_bytes":${p.txBytes},"rx_bytes":${p.rxBytes},`;
  if (p.timeout) m += `"timeout":true,`;
  if (p.shutdownReason !== undefined) m += `"shutdown_reason":"${p.shutdownReason}",`;
  m += `"total_network":${p.totalNetwork},"agent_version":"${AGENT_VERSION}","agent_memory_avg":${p.agentMemoryAvg},"agent_memory_max":${p.agentMemoryMax}}`;
  return m;
}

/**
 * The fields Logs Insights discovers in the event (JSON discovery: nested keys in dot notation,
 * arrays by index, booleans as text), built without parsing: equal to discoverFields(message).
 */
export function performanceFields(p: Performance): Record<string, string | number> {
  const f: Record<string, string | number> = { "_aws.Timestamp": p.timestampMs, ...AWS_BLOCK_FIELDS };
  f.event_type = "performance";
  f.function_name = p.functionName;
  f.version = p.version;
  f.request_id = p.requestId;
  if (p.traceId !== undefined) f.trace_id = p.traceId;
  f.duration = p.durationCenti / 100;
  f.billed_duration = p.billedDurationMs;
  f.billed_mb_ms = p.billedMbMs;
  f.cold_start = String(p.coldStart);
  if (p.initDurationCenti !== undefined) f.init_duration = p.initDurationCenti / 100;
  f.tmp_free = p.tmpFree;
  f.tmp_max = p.tmpMax;
  f.threads_max = p.threadsMax;
  f.used_memory_max = p.usedMemoryMax;
  f.total_memory = p.totalMemory;
  f.memory_utilization = p.memoryUtilization;
  f.cpu_user_time = p.cpuUserTime;
  f.cpu_system_time = p.cpuSystemTime;
  f.cpu_total_time = p.cpuTotalTime;
  f.fd_use = p.fdUse;
  f.fd_max = p.fdMax;
  f.tx_bytes = p.txBytes;
  f.rx_bytes = p.rxBytes;
  if (p.timeout) f.timeout = "true";
  if (p.shutdownReason !== undefined) f.shutdown_reason = p.shutdownReason;
  f.total_network = p.totalNetwork;
  f.agent_version = AGENT_VERSION;
  f.agent_memory_avg = p.agentMemoryAvg;
  f.agent_memory_max = p.agentMemoryMax;
  return f;
}

/**
 * The extension's log stream: the function's own stream name with the function name inserted after
 * the date, "2026/11/20/<function>[<version>]<environment id>" — the form Lambda uses in a log group
 * shared by several functions (a guess for /aws/lambda-insights; no AWS source names its streams).
 */
export function insightsStreamName(functionName: string, lambdaStream: string): string {
  return `${lambdaStream.slice(0, 11)}${functionName}${lambdaStream.slice(11)}`;
}

/**
 * One performance event. Its message is built at once (its length is the bytes a scan counts; ≈ 1 µs),
 * its discovered fields when first read.
 */
export class InsightsEvent implements LogEvent {
  readonly logGroup = LAMBDA_INSIGHTS_GROUP;
  readonly accountId: string;
  readonly timestampMs: number;
  readonly ingestionTimeMs: number;
  readonly message: string;
  readonly messageBytes: number;
  readonly performance: Performance;
  private found: Record<string, string | number> | undefined;

  constructor(private readonly inv: Inv) {
    this.performance = performanceOf(inv);
    this.accountId = inv.ctx.accountId;
    this.timestampMs = this.performance.timestampMs;
    // The extension sends its event as the invocation ends; it arrives a moment later.
    this.ingestionTimeMs = this.timestampMs + 300 + ((inv.index * 6007) % 900);
    this.message = performanceMessage(this.performance);
    this.messageBytes = this.message.length; // ASCII only
  }

  get fields(): Record<string, string | number> {
    return (this.found ??= performanceFields(this.performance));
  }

  get logStream(): string {
    return insightsStreamName(this.performance.functionName, this.inv.logStream);
  }
}

/** UTF-8 bytes of an invocation's performance event (ASCII: its length). */
export function performanceBytes(inv: Inv): number {
  return performanceMessage(performanceOf(inv)).length;
}

/**
 * Performance events of one function over a query window, an hour at a time (like FunctionLogScan):
 * each invocation's event is stamped at its end, inside its start minute (sim/logs/invocation.ts),
 * so a minute-aligned window holds exactly the events of the invocations its REPORT lines show.
 * With `countOnly` (a query that begins `filter @type = "REPORT"`, which no performance event can
 * pass) events are only counted.
 */
export class InsightsLogScan {
  skippedRecords = 0;
  skippedBytes = 0;
  private plansHourMs = -1;
  private plans: MinutePlan[] = [];

  constructor(
    private readonly model: SimModel,
    private readonly ctx: FnLogContext,
    private readonly window: ScanWindow,
    private readonly countOnly = false,
  ) {}

  hour(hourMs: number, emit: (events: LogEvent[]) => void, fromMinute = 0, toMinute = 60): void {
    const { model, ctx, window } = this;
    if (hourMs + HOUR_MS <= window.startMs || hourMs > window.endMs) return;
    if (this.plansHourMs !== hourMs) {
      this.plans = planHour(ctx.fm, hourMs);
      this.plansHourMs = hourMs;
      ctx.envs.remember(hourMs, this.plans);
    }
    for (let i = fromMinute; i < toMinute; i++) {
      const minuteMs = hourMs + i * MINUTE_MS;
      if (minuteMs + MINUTE_MS <= window.startMs || minuteMs > window.endMs || !hasData(model, minuteMs)) continue;
      let coldOrdinal = 0;
      const out: LogEvent[] = [];
      generate(ctx.fm, this.plans[i], (r) => {
        const inv = new InvCtor(ctx, r, r.coldStart ? coldOrdinal++ : -1);
        if (inv.endMs < window.startMs || inv.endMs > window.endMs) return;
        if (this.countOnly) {
          this.skippedRecords++;
          this.skippedBytes += performanceBytes(inv);
        } else {
          out.push(new InsightsEvent(inv));
        }
      });
      if (out.length > 0) emit(out);
    }
  }
}

/** Functions with Lambda Insights enabled, in fleet order. */
export function insightsFunctions(model: SimModel): string[] {
  return model.fleet.functions.filter((f) => f.lambdaInsights).map((f) => f.name);
}
