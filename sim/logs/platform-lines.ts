// The lines Lambda itself writes, each as (message, byte length, discovered fields). Formats are
// AWS-FACTS §3 and the real lines in sim/insights/fixtures/text-platform-lines.json and json-lines.json:
//   START RequestId: <id> Version: <v>
//   END RequestId: <id>
//   REPORT RequestId: <id>\tDuration: 14.97 ms\tBilled Duration: 15 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\t
//     + "Init Duration: 145.69 ms\t" on cold starts, and on failures "Status: timeout" or
//     "Status: error\tError Type: Runtime.OutOfMemory" ending the line; with tracing Active a second
//     line "XRAY TraceId: 1-…\tSegmentId: …\tSampled: true" in the same event.
//   INIT_START Runtime Version: nodejs:18.v18\tRuntime Version ARN: arn:aws:lambda:…::runtime:<hex>
//   <time> <id> Task timed out after 3.00 seconds            (the function log on a timeout)
//   RequestId: <id> Error: Runtime exited with error: signal: killed\nRuntime.ExitError   (OOM kill)
// With LogFormat JSON the platform lines are Telemetry-API records instead (Lambda Telemetry API
// schema reference: platform.initStart, platform.start, platform.report with record.metrics.*,
// record.status and, when failing, record.errorType); no END or "Task timed out" line is written.
// Logs Insights discovers @type/@requestId/@duration/… only from the text lines (sim/insights/discover.ts).
import type { Inv } from "./invocation";
import * as text from "./text";

// Local copies: imported bindings are getter calls under tsx/vitest and these run per line.
const { fixed2, fixed2Len, intLen, isoMs, shortCentiLen, utf8Len } = text;

type Fields = Record<string, string | number>;

// ---- Text format ---------------------------------------------------------------------------

export const startText = (inv: Inv) => `START RequestId: ${inv.requestId} Version: ${inv.version}\n`;
// Byte lengths of the fixed parts, measured from the templates themselves (a 36-character request
// id, a 24-character ISO time), so each *Bytes function only adds its variable parts.
const ID = "x".repeat(36);
const ISO = "2026-11-20T12:00:00.000Z";
const START_FIXED = utf8Len(`START RequestId: ${ID} Version: \n`);
export const startTextBytes = (inv: Inv) => START_FIXED + inv.version.length;

export const endText = (inv: Inv) => `END RequestId: ${inv.requestId}\n`;
export const END_TEXT_BYTES = utf8Len(`END RequestId: ${ID}\n`);

export const initText = (inv: Inv) => `INIT_START Runtime Version: ${inv.ctx.runtimeVersion}\tRuntime Version ARN: ${inv.ctx.runtimeVersionArn}\n`;
const INIT_FIXED = utf8Len("INIT_START Runtime Version: \tRuntime Version ARN: \n");
export const initTextBytes = (inv: Inv) => INIT_FIXED + inv.ctx.runtimeVersion.length + inv.ctx.runtimeVersionArn.length;

export const timeoutText = (inv: Inv) => `${isoMs(inv.endMs)} ${inv.requestId} Task timed out after ${inv.ctx.timeoutText} seconds\n`;
const TIMEOUT_FIXED = utf8Len(`${ISO} ${ID} Task timed out after  seconds\n`);
export const timeoutTextBytes = (inv: Inv) => TIMEOUT_FIXED + inv.ctx.timeoutText.length;

export const oomText = (inv: Inv) => `RequestId: ${inv.requestId} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`;
export const OOM_TEXT_BYTES = utf8Len(`RequestId: ${ID} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`);

function statusPart(inv: Inv): string {
  if (inv.status === "timeout") return "Status: timeout";
  if (inv.status === "error" && inv.oom) return "Status: error\tError Type: Runtime.OutOfMemory";
  return "";
}

export function reportText(inv: Inv): string {
  let line = `REPORT RequestId: ${inv.requestId}\tDuration: ${fixed2(inv.durationCenti)} ms\tBilled Duration: ${inv.billedMs} ms\tMemory Size: ${inv.memoryMb} MB\tMax Memory Used: ${inv.maxMemoryMb} MB\t`;
  if (inv.initCenti > 0) line += `Init Duration: ${fixed2(inv.initCenti)} ms\t`;
  line += `${statusPart(inv)}\n`;
  if (inv.ctx.traced) line += `XRAY TraceId: ${inv.traceId}\tSegmentId: ${inv.segmentId}\tSampled: true\n`;
  return line;
}

const REPORT_FIXED = utf8Len(`REPORT RequestId: ${ID}\tDuration:  ms\tBilled Duration:  ms\tMemory Size:  MB\tMax Memory Used:  MB\t\n`);
const INIT_PART = utf8Len("Init Duration:  ms\t");
const TIMEOUT_PART = utf8Len("Status: timeout");
const OOM_PART = utf8Len("Status: error\tError Type: Runtime.OutOfMemory");
const XRAY_PART = utf8Len(`XRAY TraceId: 1-00000000-${"0".repeat(24)}\tSegmentId: ${"0".repeat(16)}\tSampled: true\n`);

export function reportTextBytes(inv: Inv): number {
  let n = REPORT_FIXED + fixed2Len(inv.durationCenti) + intLen(inv.billedMs) + intLen(inv.memoryMb) + intLen(inv.maxMemoryMb);
  if (inv.initCenti > 0) n += INIT_PART + fixed2Len(inv.initCenti);
  if (inv.status === "timeout") n += TIMEOUT_PART;
  else if (inv.status === "error" && inv.oom) n += OOM_PART;
  if (inv.ctx.traced) n += XRAY_PART;
  return n;
}

const MB_TO_BYTES = 1_000_000; // Logs Insights converts MB with ×1,000,000 (AWS-FACTS §3)

/**
 * What Logs Insights discovers in a REPORT line. @requestId and the X-Ray ids are getters so a
 * stats query never pays for building them.
 */
export class ReportFields {
  readonly "@type" = "REPORT";
  readonly "@duration": number;
  readonly "@billedDuration": number;
  readonly "@memorySize": number;
  readonly "@maxMemoryUsed": number;
  declare readonly "@initDuration"?: number;
  // #private: invisible to a query (a field named "inv" must not exist) and to Object.keys.
  readonly #inv: Inv;

  constructor(inv: Inv) {
    this.#inv = inv;
    this["@duration"] = inv.durationCenti / 100;
    this["@billedDuration"] = inv.billedMs;
    this["@memorySize"] = inv.memoryMb * MB_TO_BYTES;
    this["@maxMemoryUsed"] = inv.maxMemoryMb * MB_TO_BYTES;
    if (inv.initCenti > 0) (this as { "@initDuration"?: number })["@initDuration"] = inv.initCenti / 100;
  }

  get "@requestId"(): string {
    return this.#inv.requestId;
  }

  get "@xrayTraceId"(): string | undefined {
    return this.#inv.ctx.traced ? this.#inv.traceId : undefined;
  }

  get "@xraySegmentId"(): string | undefined {
    return this.#inv.ctx.traced ? this.#inv.segmentId : undefined;
  }
}

export class StartEndFields {
  readonly "@type": "START" | "END";
  readonly #inv: Inv;

  constructor(type: "START" | "END", inv: Inv) {
    this["@type"] = type;
    this.#inv = inv;
  }

  get "@requestId"(): string {
    return this.#inv.requestId;
  }
}

/** A plain copy of pre-discovered fields (getters included), for comparing with discoverFields. */
export function plainFields(fields: object): Fields {
  const out: Fields = {};
  const names = new Set<string>(Object.keys(fields));
  for (let proto = Object.getPrototypeOf(fields); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== "constructor") names.add(name);
  }
  for (const name of names) {
    const value = (fields as Record<string, unknown>)[name];
    if (typeof value === "string" || typeof value === "number") out[name] = value;
  }
  return out;
}

// ---- JSON format (Telemetry API records) -----------------------------------------------------

function tracing(inv: Inv) {
  return { spanId: inv.segmentId, type: "X-Amzn-Trace-Id", value: `Root=${inv.traceId};Parent=${inv.segmentId};Sampled=1` };
}

export function initJson(inv: Inv): string {
  const { ctx } = inv;
  return JSON.stringify({
    time: isoMs(inv.initMs),
    type: "platform.initStart",
    record: { initializationType: "on-demand", phase: "init", runtimeVersion: ctx.runtimeVersion, runtimeVersionArn: ctx.runtimeVersionArn, functionName: ctx.spec.name, functionVersion: inv.version },
  });
}

export function initJsonFields(inv: Inv): Fields {
  const { ctx } = inv;
  return {
    time: isoMs(inv.initMs), type: "platform.initStart", "record.initializationType": "on-demand", "record.phase": "init",
    "record.runtimeVersion": ctx.runtimeVersion, "record.runtimeVersionArn": ctx.runtimeVersionArn, "record.functionName": ctx.spec.name, "record.functionVersion": inv.version,
  };
}

const INIT_JSON_FIXED = utf8Len(JSON.stringify({
  time: ISO, type: "platform.initStart",
  record: { initializationType: "on-demand", phase: "init", runtimeVersion: "", runtimeVersionArn: "", functionName: "", functionVersion: "" },
}));
export const initJsonBytes = (inv: Inv) => INIT_JSON_FIXED + inv.ctx.runtimeVersion.length + inv.ctx.runtimeVersionArn.length + utf8Len(inv.ctx.spec.name) + inv.version.length;

export function startJson(inv: Inv): string {
  const record: Record<string, unknown> = { requestId: inv.requestId, version: inv.version };
  if (inv.ctx.traced) record.tracing = tracing(inv);
  return JSON.stringify({ time: isoMs(inv.startMs), type: "platform.start", record });
}

export function startJsonFields(inv: Inv): Fields {
  const f: Fields = { time: isoMs(inv.startMs), type: "platform.start", "record.requestId": inv.requestId, "record.version": inv.version };
  if (inv.ctx.traced) Object.assign(f, tracingFields(inv));
  return f;
}

const SAMPLE_TRACE = "1-00000000-" + "0".repeat(24);
const SAMPLE_SEGMENT = "0".repeat(16);
// ',"tracing":{…}' as it sits inside a record.
const TRACING_BYTES = utf8Len(JSON.stringify({ tracing: { spanId: SAMPLE_SEGMENT, type: "X-Amzn-Trace-Id", value: `Root=${SAMPLE_TRACE};Parent=${SAMPLE_SEGMENT};Sampled=1` } })) - 2 + 1;
const START_JSON_FIXED = utf8Len(JSON.stringify({ time: ISO, type: "platform.start", record: { requestId: ID, version: "" } }));
export const startJsonBytes = (inv: Inv) => START_JSON_FIXED + inv.version.length + (inv.ctx.traced ? TRACING_BYTES : 0);

function tracingFields(inv: Inv): Fields {
  const t = tracing(inv);
  return { "record.tracing.spanId": t.spanId, "record.tracing.type": t.type, "record.tracing.value": t.value };
}

function reportStatus(inv: Inv): { status: string; errorType?: string } {
  if (inv.status === "success") return { status: "success" };
  if (inv.status === "timeout") return { status: "timeout" };
  return { status: "error", errorType: inv.errorType };
}

export function reportJson(inv: Inv): string {
  const metrics: Record<string, number> = {
    durationMs: inv.durationCenti / 100, billedDurationMs: inv.billedMs, memorySizeMB: inv.memoryMb, maxMemoryUsedMB: inv.maxMemoryMb,
  };
  if (inv.initCenti > 0) metrics.initDurationMs = inv.initCenti / 100;
  const record: Record<string, unknown> = { requestId: inv.requestId, metrics };
  if (inv.ctx.traced) record.tracing = tracing(inv);
  Object.assign(record, reportStatus(inv));
  return JSON.stringify({ time: isoMs(inv.endMs), type: "platform.report", record });
}

export function reportJsonFields(inv: Inv): Fields {
  const f: Fields = {
    time: isoMs(inv.endMs), type: "platform.report", "record.requestId": inv.requestId,
    "record.metrics.durationMs": inv.durationCenti / 100, "record.metrics.billedDurationMs": inv.billedMs,
    "record.metrics.memorySizeMB": inv.memoryMb, "record.metrics.maxMemoryUsedMB": inv.maxMemoryMb,
  };
  if (inv.initCenti > 0) f["record.metrics.initDurationMs"] = inv.initCenti / 100;
  if (inv.ctx.traced) Object.assign(f, tracingFields(inv));
  const s = reportStatus(inv);
  f["record.status"] = s.status;
  if (s.errorType) f["record.errorType"] = s.errorType;
  return f;
}

// The four metrics printed as 0 (one digit each) and an empty status.
const REPORT_JSON_FIXED = utf8Len(JSON.stringify({
  time: ISO, type: "platform.report",
  record: { requestId: ID, metrics: { durationMs: 0, billedDurationMs: 0, memorySizeMB: 0, maxMemoryUsedMB: 0 }, status: "" },
})) - 4;
const INIT_METRIC_BYTES = utf8Len(',"initDurationMs":');
const ERROR_TYPE_BYTES = utf8Len(',"errorType":""');

export function reportJsonBytes(inv: Inv): number {
  let n = REPORT_JSON_FIXED + shortCentiLen(inv.durationCenti) + intLen(inv.billedMs) + intLen(inv.memoryMb) + intLen(inv.maxMemoryMb);
  if (inv.initCenti > 0) n += INIT_METRIC_BYTES + shortCentiLen(inv.initCenti);
  if (inv.ctx.traced) n += TRACING_BYTES;
  const s = reportStatus(inv);
  n += s.status.length;
  if (s.errorType) n += ERROR_TYPE_BYTES + utf8Len(s.errorType);
  return n;
}

