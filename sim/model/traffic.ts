// Per-minute demand, throttles, concurrency and cold starts of one function. Everything here is
// cheap (a few draws per minute, no per-invocation work) so the warm pool of any minute can be
// rebuilt from the 15 minutes before it, and any hour can be computed without the hours before it.
import { type FunctionModel, type MinuteConditions, conditionsAt, meanDurationMs, memoryOfVersion } from "./function-model";
import { routingAt } from "./fleet-versions";
import { Rng, hash4, stochasticRound, uniform4 } from "./rng";

export const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** An idle environment survives 5 minutes for sure, then is reclaimed linearly until 15 minutes. */
export const WARM_WINDOW_MIN = 15;
const SURE_WARM_MIN = 5;
/** Lambda recycles environments after a few hours even when busy. */
const ENVIRONMENT_LIFETIME_MIN = 180;
const SALT_DEMAND = 0xd3a1;
const SALT_HOUR_NOISE = 0x40f5;
const SALT_PLAN = 0x91a7;

/** Weekday traffic relative to the daily peak at 19:00 UTC (US afternoon); night trough 0.1, mean ≈ 0.38. */
export function diurnalFactor(tMs: number): number {
  const hourUtc = (tMs % DAY_MS) / HOUR_MS;
  const wave = (1 + Math.cos((2 * Math.PI * (hourUtc - 19)) / 24)) / 2;
  return 0.1 + 0.9 * wave * wave * wave;
}

/** Saturdays and Sundays (UTC) carry about half of a weekday's traffic. */
export function weeklyFactor(tMs: number): number {
  const dayOfWeek = (Math.floor(tMs / DAY_MS) + 4) % 7; // 1 Jan 1970 was a Thursday
  return dayOfWeek === 0 || dayOfWeek === 6 ? 0.55 : 1;
}

/** Expected requests in the minute for a diurnal function (±6 % hour-to-hour texture). */
export function expectedDemand(fm: FunctionModel, minuteMs: number): number {
  const hourNoise = 0.94 + 0.12 * uniform4(fm.fleet.seed, fm.nameHash, Math.floor(minuteMs / HOUR_MS), SALT_HOUR_NOISE);
  return fm.behaviour.peakRps * 60 * diurnalFactor(minuteMs) * weeklyFactor(minuteMs) * hourNoise;
}

/** What happened in one minute before any single invocation is drawn. */
export interface MinutePlan {
  minuteMs: number;
  demand: number; // requests that arrived
  invocations: number; // requests that ran (demand − throttles)
  throttles: number;
  /** Environments busy at the minute's peak = ConcurrentExecutions Maximum (≤ reserved concurrency). */
  concurrency: number;
  /** Mean duration the minute's concurrency was computed with. */
  meanDurationMs: number;
  conditions: MinuteConditions;
  /** Filled by planMinute (they need the warm pool); 0 in a bare minuteBase. */
  coldStarts: number;
  ooms: number;
}

/** Demand, throttles and peak concurrency of one minute; planMinute adds its cold starts and OOMs. */
export function minuteBase(fm: FunctionModel, minuteMs: number, rng: Rng): MinutePlan {
  const minuteIndex = minuteMs / MINUTE_MS;
  rng.reseed(hash4(fm.fleet.seed, fm.nameHash, minuteIndex, SALT_DEMAND));
  const conditions = conditionsAt(fm, minuteMs);
  const meanMs = meanDurationMs(fm, conditions, memoryOfVersion(fm, executedPrimary(fm, minuteMs)));
  const b = fm.behaviour;
  let demand: number;
  let peak: number;
  if (b.pattern === "scheduled") {
    demand = (minuteIndex + (fm.nameHash % b.everyMin)) % b.everyMin === 0 ? 1 : 0;
    peak = demand;
  } else if (b.pattern === "bursty") {
    // Bursts arrive together, so each burst needs as many environments as it has requests.
    const burstOdds = b.burstPerMin * (0.3 + 0.7 * diurnalFactor(minuteMs)) * weeklyFactor(minuteMs);
    demand = rng.next() < burstOdds ? 1 + rng.poisson(b.burstExtraMean) : 0;
    peak = demand;
  } else {
    demand = rng.poisson(expectedDemand(fm, minuteMs));
    peak = peakConcurrency(demand, (demand * meanMs) / MINUTE_MS, rng.next());
  }
  const { throttles, concurrency } = throttle(fm, demand, peak, meanMs, rng.next());
  return { minuteMs, demand, invocations: demand - throttles, throttles, concurrency, meanDurationMs: meanMs, conditions, coldStarts: 0, ooms: 0 };
}

/**
 * Little's law gives the mean in-flight count λ; the minute's peak sits 1.5–2.5 standard deviations
 * above it (Poisson arrivals), never above the requests that could overlap.
 */
function peakConcurrency(demand: number, inFlight: number, u: number): number {
  if (demand === 0) return 0;
  const z = 1.5 + u;
  return Math.min(demand + Math.floor(inFlight), Math.max(1, Math.ceil(inFlight + z * Math.sqrt(inFlight))));
}

/** Reserved concurrency: requests beyond it are rejected (Erlang-B loss), the peak is capped at it. */
function throttle(fm: FunctionModel, demand: number, peak: number, meanMs: number, u: number): { throttles: number; concurrency: number } {
  const limit = fm.reservedConcurrency;
  let throttles = 0;
  if (peak > limit) {
    const offeredLoad = (demand * meanMs) / MINUTE_MS;
    throttles = Math.min(demand, stochasticRound(demand * erlangB(offeredLoad, limit), u));
  }
  const concurrency = throttles > 0 ? limit : Math.min(peak, limit);
  return { throttles, concurrency };
}

/** Erlang-B blocking probability: share of arrivals that find all `servers` busy. */
export function erlangB(offeredLoad: number, servers: number): number {
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (offeredLoad * blocking) / (k + offeredLoad * blocking);
  return blocking;
}

/** The version the alias sends most traffic to at `minuteMs` ($LATEST for unaliased functions). */
export function executedPrimary(fm: FunctionModel, minuteMs: number): string {
  return fm.alias ? (routingAt(fm.alias, minuteMs)?.version ?? fm.alias.history[0].version) : "$LATEST";
}

/** Share of environments last used `idleMin` minutes ago that are still warm. */
function survivingShare(idleMin: number): number {
  if (idleMin <= SURE_WARM_MIN) return 1;
  return Math.max(0, (WARM_WINDOW_MIN - idleMin) / (WARM_WINDOW_MIN - SURE_WARM_MIN));
}

/**
 * Cold starts = environments that had to be created: demand above the warm pool, recycled
 * environments, and replacements for environments killed by an out-of-memory error.
 * `previousConcurrency[k - 1]` is the concurrency k minutes earlier (k = 1..15).
 */
export function planMinute(fm: FunctionModel, base: MinutePlan, previousConcurrency: ArrayLike<number>, rng: Rng): MinutePlan {
  rng.reseed(hash4(fm.fleet.seed, fm.nameHash, base.minuteMs / MINUTE_MS, SALT_PLAN));
  let warm = fm.provisionedConcurrency;
  for (let k = 1; k <= WARM_WINDOW_MIN; k++) warm = Math.max(warm, Math.floor(previousConcurrency[k - 1] * survivingShare(k)));
  const onDemandWarm = Math.max(0, Math.min(base.concurrency, warm) - fm.provisionedConcurrency);
  const recycled = stochasticRound(onDemandWarm / ENVIRONMENT_LIFETIME_MIN, rng.next());
  const ooms = base.conditions.oomRate > 0 ? Math.min(base.invocations, rng.poisson(base.invocations * base.conditions.oomRate)) : 0;
  const fresh = Math.max(0, base.concurrency - warm);
  base.coldStarts = Math.min(base.invocations, fresh + recycled + ooms);
  base.ooms = ooms;
  return base;
}

/** The plan of one minute on its own: rebuilds the 15 minutes before it for the warm pool. */
export function planOneMinute(fm: FunctionModel, minuteMs: number): MinutePlan {
  const rng = new Rng(0);
  const previous = new Array<number>(WARM_WINDOW_MIN);
  for (let k = 1; k <= WARM_WINDOW_MIN; k++) previous[k - 1] = minuteBase(fm, minuteMs - k * MINUTE_MS, rng).concurrency;
  return planMinute(fm, minuteBase(fm, minuteMs, rng), previous, rng);
}

/** Plans of the 60 minutes of an hour, sharing the 15-minute look-back between neighbours. */
export function planHour(fm: FunctionModel, hourMs: number): MinutePlan[] {
  const rng = new Rng(0);
  const concurrency: number[] = [];
  for (let k = WARM_WINDOW_MIN; k >= 1; k--) concurrency.push(minuteBase(fm, hourMs - k * MINUTE_MS, rng).concurrency);
  const plans: MinutePlan[] = [];
  const previous = new Array<number>(WARM_WINDOW_MIN);
  for (let i = 0; i < 60; i++) {
    const minuteMs = hourMs + i * MINUTE_MS;
    const base = minuteBase(fm, minuteMs, rng);
    for (let k = 1; k <= WARM_WINDOW_MIN; k++) previous[k - 1] = concurrency[concurrency.length - k];
    plans.push(planMinute(fm, base, previous, rng));
    concurrency.push(base.concurrency);
  }
  return plans;
}
