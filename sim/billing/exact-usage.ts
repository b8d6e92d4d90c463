// What one function was billed for in one hour, from the invocation generator itself: the same
// invocations the metrics (blocks) and the log lines (sim/logs) are made of, so the bill agrees with
// CloudWatch (Invocations, billed GB-s = functionUsage) and with Logs Insights (bytes of the lines).
import { minuteHasData, tracesRecorded } from "../model";
import { type InvocationRecord, generateInvocations } from "../model/invocations";
import { planHour } from "../model/traffic";
import type { SimModel } from "../model/types";
import type { FnLogContext } from "../logs/fn-context";
import { Inv } from "../logs/invocation";
import { invocationLogBytes } from "../logs/scan";
import { MINUTE_MS } from "./calendar";

// Local copies: imported bindings are getter calls under tsx/vitest and these run per invocation.
const generate = generateInvocations;
const logBytesOf = invocationLogBytes;
const InvCtor = Inv;
const hasData = minuteHasData;

/** Sums over the minutes of an hour that have data (minutesWithData of 60). */
export interface HourUsage {
  minutesWithData: number;
  invocations: number;
  /** Σ billed duration × memory (MB·ms) of invocations on on-demand environments. */
  onDemandMbMs: number;
  /** … of invocations served by provisioned-concurrency environments (billed at the PC duration rate). */
  provisionedMbMs: number;
  /** UTF-8 bytes of every log line the invocations wrote. */
  logBytes: number;
  /** Async events whose every attempt failed and that went to the DLQ / on-failure queue. */
  dlqSent: number;
  /** Invocations that ended in error or timeout. */
  errors: number;
  /** X-Ray traces recorded (the model's sampling of Active functions: sim/model/sampling.ts). */
  traces: number;
}

export const emptyHour = (): HourUsage => ({ minutesWithData: 0, invocations: 0, onDemandMbMs: 0, provisionedMbMs: 0, logBytes: 0, dlqSent: 0, errors: 0, traces: 0 });

/**
 * One pass of the generator over the minutes of `hourMs` with data. Provisioned concurrency serves
 * up to `pc` of a minute's concurrent requests, the rest spill over to on-demand, with the minute's
 * billed MB·ms split in the same proportion as the ProvisionedConcurrencyInvocations metric splits
 * its invocations.
 */
export function exactHourUsage(model: SimModel, ctx: FnLogContext, hourMs: number): HourUsage {
  const fm = ctx.fm;
  const pc = fm.provisionedConcurrency;
  const plans = planHour(fm, hourMs);
  const out = emptyHour();
  let invocations = 0;
  let mbMs = 0;
  let logBytes = 0;
  let dlqSent = 0;
  let errors = 0;
  const visit = (r: InvocationRecord) => {
    invocations++;
    mbMs += r.billedDurationMs * r.memorySizeMb;
    logBytes += logBytesOf(new InvCtor(ctx, r, -1));
    if (r.sentToDlq) dlqSent++;
    if (r.status !== "success") errors++;
  };
  for (let i = 0; i < 60; i++) {
    const minuteMs = hourMs + i * MINUTE_MS;
    if (!hasData(model, minuteMs)) continue;
    out.minutesWithData++;
    const plan = plans[i];
    invocations = 0;
    mbMs = 0;
    generate(fm, plan, visit);
    const served = pc === 0 || invocations === 0 ? 0 : plan.concurrency <= pc ? invocations : Math.floor((invocations * pc) / plan.concurrency);
    const provisionedMbMs = served === 0 ? 0 : served === invocations ? mbMs : (mbMs * served) / invocations;
    out.invocations += invocations;
    out.provisionedMbMs += provisionedMbMs;
    out.onDemandMbMs += mbMs - provisionedMbMs;
  }
  out.logBytes = logBytes;
  out.dlqSent = dlqSent;
  out.errors = errors;
  out.traces = ctx.traced ? (tracesRecorded(model, ctx.spec.name, hourMs, hourMs + 3_600_000) ?? 0) : 0;
  return out;
}
