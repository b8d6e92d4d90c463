// Usage of the hours before the model's 14 days of data: the expectation of the same traffic model
// (the diurnal × weekly curve and hour-to-hour texture of sim/model/traffic.ts) times what each
// invocation of the function costs, measured on the exact days. No invocation is generated, so a
// year of the fleet costs a few hundred thousand cheap evaluations.
import { LAMBDA_SAMPLING, type Sampling, samplingOf, samplingRules } from "../model";
import { type FunctionModel, conditionsAt, meanDurationMs, memoryOfVersion } from "../model/function-model";
import { diurnalFactor, erlangB, executedPrimary, expectedDemand, weeklyFactor } from "../model/traffic";
import { HOUR_MS, MINUTE_MS } from "./calendar";
import type { HourUsage } from "./exact-usage";

/** Σ over the minutes of each UTC hour of the day of diurnalFactor (it depends only on the time of day). */
const DIURNAL_SUM_BY_HOUR = Array.from({ length: 24 }, (_, h) => {
  let sum = 0;
  for (let m = 0; m < 60; m++) sum += diurnalFactor(h * HOUR_MS + m * MINUTE_MS);
  return sum;
});

/**
 * Requests expected to arrive in the hour at `hourMs` (throttled ones included), as the model draws
 * them: Poisson around expectedDemand for diurnal functions, one call every `everyMin` minutes for
 * scheduled ones, clumps of 1 + Poisson(extra) for bursty ones.
 */
export function expectedDemandInHour(fm: FunctionModel, hourMs: number): number {
  const b = fm.behaviour;
  const hourOfDay = Math.floor((hourMs % 86_400_000) / HOUR_MS);
  if (b.pattern === "scheduled") {
    // Minutes m with (m + nameHash mod every) ≡ 0 (mod every), as minuteBase schedules them.
    const first = hourMs / MINUTE_MS + (fm.nameHash % b.everyMin);
    const firstHit = Math.ceil(first / b.everyMin) * b.everyMin;
    return firstHit >= first + 60 ? 0 : Math.floor((first + 59 - firstHit) / b.everyMin) + 1;
  }
  if (b.pattern === "bursty") {
    return b.burstPerMin * weeklyFactor(hourMs) * (0.3 * 60 + 0.7 * DIURNAL_SUM_BY_HOUR[hourOfDay]) * (1 + b.burstExtraMean);
  }
  // expectedDemand is peak × diurnal × weekly × the hour's texture; only diurnal varies within the hour.
  return (expectedDemand(fm, hourMs) / diurnalFactor(hourMs)) * DIURNAL_SUM_BY_HOUR[hourOfDay];
}

/**
 * Requests expected to run in the hour: the demand less what reserved concurrency throttles. The
 * model throttles a minute's demand by Erlang-B when its peak concurrency passes the limit; here the
 * hour's mean minute stands for all its minutes, and the peak is taken 2 σ above Little's law.
 */
export function expectedInvocationsInHour(fm: FunctionModel, hourMs: number): number {
  const demand = expectedDemandInHour(fm, hourMs);
  const limit = fm.reservedConcurrency;
  if (!Number.isFinite(limit) || demand === 0) return demand;
  const midMs = hourMs + 30 * MINUTE_MS;
  const meanMs = meanDurationMs(fm, conditionsAt(fm, midMs), memoryOfVersion(fm, executedPrimary(fm, midMs)));
  const inFlight = ((demand / 60) * meanMs) / MINUTE_MS;
  if (inFlight + 2 * Math.sqrt(inFlight) <= limit) return demand;
  return demand * (1 - erlangB(inFlight, limit));
}

/** What an invocation of the function costs on average, measured over whole days of exact data. */
export interface Calibration {
  /** Invocations per expected invocation (expectedInvocationsInHour): what the approximations miss, ≈ 1. */
  invocationsPerDemand: number;
  mbMsPerInvocation: number;
  /** Share of billed MB·ms served by provisioned concurrency (0 without it). */
  provisionedShare: number;
  logBytesPerInvocation: number;
  dlqSentPerInvocation: number;
  errorsPerInvocation: number;
}

export function calibrate(exact: HourUsage[], expectedInvocations: number): Calibration {
  const sum = exact.reduce(
    (s, h) => {
      s.invocations += h.invocations;
      s.mbMs += h.onDemandMbMs + h.provisionedMbMs;
      s.provisionedMbMs += h.provisionedMbMs;
      s.logBytes += h.logBytes;
      s.dlqSent += h.dlqSent;
      s.errors += h.errors;
      return s;
    },
    { invocations: 0, mbMs: 0, provisionedMbMs: 0, logBytes: 0, dlqSent: 0, errors: 0 },
  );
  const per = (x: number) => (sum.invocations > 0 ? x / sum.invocations : 0);
  return {
    invocationsPerDemand: expectedInvocations > 0 ? sum.invocations / expectedInvocations : 0,
    mbMsPerInvocation: per(sum.mbMs),
    provisionedShare: sum.mbMs > 0 ? sum.provisionedMbMs / sum.mbMs : 0,
    logBytesPerInvocation: per(sum.logBytes),
    dlqSentPerInvocation: per(sum.dlqSent),
    errorsPerInvocation: per(sum.errors),
  };
}

/**
 * Expected usage of `minutes` minutes of the hour at `hourMs` (minutes without data: before the
 * model's 14 days). `provisioned` says whether provisioned concurrency was configured then.
 */
export function expectedHourUsage(fm: FunctionModel, c: Calibration, hourMs: number, minutes: number, provisioned: boolean): HourUsage {
  const invocations = expectedInvocationsInHour(fm, hourMs) * (minutes / 60) * c.invocationsPerDemand;
  const mbMs = invocations * c.mbMsPerInvocation;
  const provisionedMbMs = provisioned ? mbMs * c.provisionedShare : 0;
  return {
    minutesWithData: 0,
    invocations,
    onDemandMbMs: mbMs - provisionedMbMs,
    provisionedMbMs,
    logBytes: invocations * c.logBytesPerInvocation,
    dlqSent: invocations * c.dlqSentPerInvocation,
    errors: invocations * c.errorsPerInvocation,
    traces: 0,
  };
}

/**
 * The sampling a function's requests had at `atMs`: the model's (sim/model/sampling.ts), except that
 * a rule created later did not decide yet — the Default rule (or, before it, Lambda's own rate) did.
 */
export function samplingAt(fm: FunctionModel, atMs: number): Sampling | null {
  const sampling = samplingOf(fm.fleet, fm.spec);
  if (!sampling) return null;
  const rules = samplingRules(fm.fleet);
  const rule = rules.find((r) => r.ruleName === sampling.decidedBy);
  if (!rule || rule.createdAtMs <= atMs) return sampling;
  const fallback = rules.find((r) => r.ruleName === "Default" && r.createdAtMs <= atMs);
  return fallback ? { decidedBy: fallback.ruleName, reservoirPerSecond: fallback.reservoirSize, fixedRate: fallback.fixedRate } : LAMBDA_SAMPLING;
}

/**
 * Expected traces recorded for `invocations` spread evenly over `seconds`: per second, the first
 * `reservoir` requests of Poisson(λ) arrivals are sampled, then `fixedRate` of the rest.
 */
export function expectedTraces(invocations: number, seconds: number, sampling: Sampling): number {
  if (invocations <= 0 || seconds <= 0) return 0;
  const lambda = invocations / seconds;
  // E[min(N, r)] = Σ_{k<r} P(N > k)
  let pmf = Math.exp(-lambda);
  let cdf = pmf;
  let reservoirMean = 0;
  for (let k = 0; k < sampling.reservoirPerSecond; k++) {
    reservoirMean += 1 - cdf;
    pmf *= lambda / (k + 1);
    cdf += pmf;
  }
  return seconds * (reservoirMean + sampling.fixedRate * (lambda - reservoirMean));
}
