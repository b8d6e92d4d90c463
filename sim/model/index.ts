// The demo account's fleet model: createModel() is the only entry point the wire layer uses.
// See sim/README.md, "Fleet and incidents", for what the fleet holds and where each incident shows.
import type { AlarmSpec, AlarmState, MetricRequest, MetricSeries, SimModel } from "./types";
import { alarmState } from "./alarms";
import { createContext, minuteHasData as hasData, type ModelContext, MINUTE_MS } from "./context";
import { createFleet, DEFAULT_FUNCTION_COUNT } from "./fleet";
import { HOUR_MS } from "./blocks";
import { type FunctionModel, functionModelOf } from "./function-model";
import { generateInvocations, type InvocationVisitor } from "./invocations";
import { planHour } from "./traffic";
import { lambdaSeries } from "./lambda-metrics";
import { samplingOf, tracesOfMinute } from "./sampling";
import { sqsSeries } from "./sqs-metrics";
import { parseStatistic } from "./statistics";

export interface CreateModelOptions {
  seed?: number;
  functionCount?: number;
  /** The reference instant incidents are placed against; floored to the minute. Default: now. */
  anchorMs?: number;
  /** Freeze the model's clock (tests, reproducible demos). Default: the real clock. */
  fixedNowMs?: number;
  /** Share another model's clock (the other regions of an account); wins over fixedNowMs. */
  clock?: () => number;
  /** The region the fleet lives in (its ARNs, queue and alarm ARNs). Default us-east-1. */
  region?: string;
  /** Bound of the (function, hour) block cache. */
  maxBlocks?: number;
}

const contexts = new WeakMap<SimModel, ModelContext>();

export function createModel(opts: CreateModelOptions = {}): SimModel {
  const anchorMs = Math.floor((opts.anchorMs ?? Date.now()) / MINUTE_MS) * MINUTE_MS;
  const fleet = createFleet(opts.seed ?? 42, opts.functionCount ?? DEFAULT_FUNCTION_COUNT, anchorMs, opts.region);
  const fixedNowMs = opts.fixedNowMs;
  const nowMs = opts.clock ?? (fixedNowMs === undefined ? () => Date.now() : () => fixedNowMs);
  const ctx = createContext(fleet, nowMs, opts.maxBlocks);
  const metricSeries = (req: MetricRequest): MetricSeries | null => {
    const stat = parseStatistic(req.stat);
    if (!stat || req.periodS <= 0 || req.periodS % 60 !== 0) return null;
    if (req.namespace === "AWS/Lambda") return lambdaSeries(ctx, req, stat);
    if (req.namespace === "AWS/SQS") return sqsSeries(ctx, req, stat);
    return null;
  };
  const model: SimModel = {
    fleet,
    nowMs,
    metricSeries,
    alarmState: (alarm: AlarmSpec, atMs: number): AlarmState => alarmState(metricSeries, alarm, atMs),
  };
  contexts.set(model, ctx);
  return model;
}

/** Whether `minuteMs` has data in `model` (within the 14 days kept, and complete before now). */
export function minuteHasData(model: SimModel, minuteMs: number): boolean {
  return hasData(contextOf(model), minuteMs);
}

/**
 * Every invocation of `fn` that started in [fromMs, toMs) and has data (see minuteHasData), in time
 * order: what Logs Insights scans. Same generator as the metrics, so REPORT lines and metrics agree.
 */
export function invocationsBetween(model: SimModel, fn: string, fromMs: number, toMs: number, visit: InvocationVisitor): void {
  const ctx = contextOf(model);
  const spec = model.fleet.byName.get(fn);
  if (!spec) throw new Error(`unknown function ${fn}`);
  const fm = functionModelOf(model.fleet, spec);
  const firstHourMs = Math.floor(Math.max(fromMs, ctx.dataStartMs) / HOUR_MS) * HOUR_MS;
  for (let hourMs = firstHourMs; hourMs < toMs; hourMs += HOUR_MS) {
    for (const plan of planHour(fm, hourMs)) {
      if (plan.minuteMs + MINUTE_MS <= fromMs || plan.minuteMs >= toMs || !hasData(ctx, plan.minuteMs)) continue;
      generateInvocations(fm, plan, (r) => {
        const t = r.timestampMs;
        if (t >= fromMs && t < toMs) visit(r);
      });
    }
  }
}

export interface FunctionUsage {
  invocations: number; // billed requests
  billedDurationMs: number;
  /** Σ billed duration × memory size (MB·ms); GB-seconds = billedMbMs / 1024 / 1000. */
  billedMbMs: number;
}

/** What a function is billed for over whole minutes in [fromMs, toMs): the bill's usage, from the blocks. */
export function functionUsage(model: SimModel, fn: string, fromMs: number, toMs: number): FunctionUsage | null {
  const ctx = contextOf(model);
  const spec = model.fleet.byName.get(fn);
  if (!spec) return null;
  const fm = functionModelOf(model.fleet, spec);
  const usage: FunctionUsage = { invocations: 0, billedDurationMs: 0, billedMbMs: 0 };
  for (let m = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS; m < toMs; m += MINUTE_MS) {
    if (!hasData(ctx, m)) continue;
    const hourMs = Math.floor(m / HOUR_MS) * HOUR_MS;
    const a = ctx.blocks.get(fm, hourMs).total;
    const i = (m - hourMs) / MINUTE_MS;
    usage.invocations += a.invocations[i];
    usage.billedDurationMs += a.billedDurationSumMs[i];
    usage.billedMbMs += a.billedMbMs[i];
  }
  return usage;
}

// Traces per (function, hour), one count a minute: 4 traced functions × 14 days is ~1,400 small arrays.
const traceBlocks = new WeakMap<FunctionModel, Map<number, Int32Array>>();

/**
 * X-Ray traces `fn` records over whole minutes in [fromMs, toMs) with data: 0 for functions without
 * Active tracing, null for unknown functions. Sampling follows the account's rules and Lambda's fixed
 * rate as sim/model/sampling.ts explains; what X-Ray bills as traces recorded.
 */
export function tracesRecorded(model: SimModel, fn: string, fromMs: number, toMs: number): number | null {
  const ctx = contextOf(model);
  const spec = model.fleet.byName.get(fn);
  if (!spec) return null;
  const sampling = samplingOf(model.fleet, spec);
  if (!sampling) return 0;
  const fm = functionModelOf(model.fleet, spec);
  let byHour = traceBlocks.get(fm);
  if (!byHour) traceBlocks.set(fm, (byHour = new Map()));
  let traces = 0;
  for (let m = Math.ceil(fromMs / MINUTE_MS) * MINUTE_MS; m < toMs; m += MINUTE_MS) {
    if (!hasData(ctx, m)) continue;
    const hourMs = Math.floor(m / HOUR_MS) * HOUR_MS;
    let block = byHour.get(hourMs);
    if (!block) {
      const counts = new Int32Array(60);
      planHour(fm, hourMs).forEach((plan, i) => {
        counts[i] = tracesOfMinute(fm, plan, sampling);
      });
      byHour.set(hourMs, (block = counts));
    }
    traces += block[(m - hourMs) / MINUTE_MS];
  }
  return traces;
}

function contextOf(model: SimModel): ModelContext {
  const ctx = contexts.get(model);
  if (!ctx) throw new Error("not a model made by createModel()");
  return ctx;
}

/** Cache statistics, for benchmarks and the meter. */
export function modelStats(model: SimModel): { blocksCached: number; blocksComputed: number } {
  const ctx = contextOf(model);
  return { blocksCached: ctx.blocks.size, blocksComputed: ctx.blocks.blocksComputed };
}

export { createFleet } from "./fleet";
export { invocationsOfMinute, InvocationRecord, requestIdOf, type InvocationStatus, type InvocationVisitor } from "./invocations";
export type { MinutePlan } from "./traffic";
export { INCIDENT_TIMING } from "./function-model";
export { LAMBDA_SAMPLING, samplingOf, samplingRules, type Sampling, type SamplingRuleSpec } from "./sampling";
export { BAD_DEPLOY } from "./fleet-versions";
export type * from "./types";
