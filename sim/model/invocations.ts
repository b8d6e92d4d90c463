// THE invocation generator: the single source of truth. Metrics (blocks.ts) and, later, REPORT log
// lines are both made by running this over a minute, so counts and billed sums agree exactly.
import type { Fleet, FunctionSpec } from "./types";
import { type FunctionModel, functionModelOf, memoryOfVersion } from "./function-model";
import { routingAt } from "./fleet-versions";
import { type MinutePlan, planOneMinute } from "./traffic";
import { Rng, hash4, lognormalTable } from "./rng";
import { cpuPartMs } from "./behaviour";

// Local, not imported: imported bindings are getter calls under tsx/vitest, and this loop is hot.
const MINUTE_MS = 60_000;
const SALT_INVOCATIONS = 0x1a7e;
const SALT_REQUEST_ID = 0x2e9d;

export type InvocationStatus = "success" | "error" | "timeout";

/**
 * One invocation. The generator reuses a single record for a whole minute: copy the fields you
 * keep. `requestId` is built only when read (most consumers never need it).
 */
export class InvocationRecord {
  index = 0; // position within the minute, 0-based, in start-time order
  offsetMs = 0; // start time − minute start, integer ms in [0, 60000)
  executedVersion = "$LATEST";
  durationMs = 0; // 2 decimals, as in REPORT lines
  /**
   * The CPU part of the wall-clock duration that actually ran, ms (not rounded): the draw
   * `cpuPartMs × spread`, scaled down in proportion when the invocation was cut short (an OOM
   * kill, the timeout). The CPU time it consumed is this × min(memory, 1,769 × parallelism) / 1,769
   * (`cpuTimeMs` in behaviour.ts): Lambda Insights' cpu_total_time.
   */
  cpuWallMs = 0;
  initDurationMs: number | undefined = undefined; // only on cold starts
  billedDurationMs = 0; // ceil(duration + init): INIT is billed (AWS-FACTS §2, since 1 Aug 2025)
  memorySizeMb = 0;
  maxMemoryUsedMb = 0; // integer MB
  status: InvocationStatus = "success";
  errorType: string | undefined = undefined; // Runtime.OutOfMemory | Sandbox.Timedout | a handler error
  coldStart = false;
  /** Async only: the event failed every attempt and was sent to the DLQ / on-failure destination. */
  sentToDlq = false;

  constructor(
    private readonly seed: number,
    private readonly nameHash: number,
    readonly minuteMs: number,
  ) {}

  get timestampMs(): number {
    return this.minuteMs + this.offsetMs;
  }

  get requestId(): string {
    return requestIdOf(this.seed, this.nameHash, this.minuteMs, this.index);
  }
}

/** A version-4-shaped UUID, stable for (seed, function, minute, index). */
export function requestIdOf(seed: number, nameHash: number, minuteMs: number, index: number): string {
  const minuteIndex = minuteMs / MINUTE_MS;
  let hex = "";
  for (let word = 0; word < 4; word++) hex += hash4(seed ^ (word * 0x9e3779b9), nameHash, minuteIndex, index * 4 + word + SALT_REQUEST_ID).toString(16).padStart(8, "0");
  const variant = "89ab"[parseInt(hex[16], 16) & 3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type InvocationVisitor = (invocation: InvocationRecord) => void;

/**
 * Runs `visit` over every invocation of `fn` that started in the minute at `minuteMs` (which must be
 * minute-aligned), in start-time order, and returns the minute's plan (throttles, concurrency…).
 * Pure: the same (fleet seed, function, minute) always gives the same invocations. It does not know
 * the model's clock; callers keep to minutes with data (see `minuteHasData`).
 */
export function invocationsOfMinute(model: { fleet: Fleet }, fn: FunctionSpec | string, minuteMs: number, visit: InvocationVisitor): MinutePlan {
  const spec = typeof fn === "string" ? model.fleet.byName.get(fn) : fn;
  if (!spec) throw new Error(`unknown function ${String(fn)}`);
  if (minuteMs % MINUTE_MS !== 0) throw new Error(`minuteMs must be minute-aligned, got ${minuteMs}`);
  const fm = functionModelOf(model.fleet, spec);
  const plan = planOneMinute(fm, minuteMs);
  generateInvocations(fm, plan, visit);
  return plan;
}

/**
 * Index of the next event of a Bernoulli(p) sequence after index `after` (geometric skip):
 * one draw per event instead of one per invocation. `logMiss` = ln(1 − p).
 */
function nextEventAfter(rng: Rng, after: number, logMiss: number): number {
  if (logMiss === 0) return Infinity;
  return after + 1 + Math.floor(Math.log(1 - rng.next()) / logMiss);
}

/** Exactly `count` of `n` invocations, evenly spaced with a random phase (one draw per minute). */
class EvenPicks {
  private picked = 0;
  private nextAt: number;
  private readonly phase: number;

  constructor(rng: Rng, private readonly count: number, private readonly n: number) {
    this.phase = rng.next();
    this.nextAt = count > 0 ? Math.floor((this.phase * n) / count) : Infinity;
  }

  take(i: number): boolean {
    if (i !== this.nextAt) return false;
    this.picked++;
    this.nextAt = this.picked < this.count ? Math.floor(((this.picked + this.phase) * this.n) / this.count) : Infinity;
    return true;
  }
}

/** Per-minute constants for the (at most two) versions the alias routes to: [primary, canary]. */
interface VersionMix {
  versions: [string, string];
  canaryWeight: number;
  memoryMb: [number, number];
  cpuMs: [number, number];
  errorRate: [number, number];
}

function versionMix(fm: FunctionModel, plan: MinutePlan): VersionMix {
  const routing = fm.alias ? (routingAt(fm.alias, plan.minuteMs) ?? fm.alias.history[0]) : undefined;
  const primary = routing?.version ?? "$LATEST";
  const [canary, canaryWeight] = Object.entries(routing?.additionalVersionWeights ?? {})[0] ?? [primary, 0];
  const versions: [string, string] = [primary, canary];
  const memoryMb = versions.map((v) => memoryOfVersion(fm, v)) as [number, number];
  const c = plan.conditions;
  return {
    versions,
    canaryWeight,
    memoryMb,
    cpuMs: memoryMb.map((mb) => cpuPartMs(fm.behaviour, mb)) as [number, number],
    errorRate: versions.map((v) => (v === fm.badVersion ? c.badVersionErrorRate : c.errorRate)) as [number, number],
  };
}

export function generateInvocations(fm: FunctionModel, plan: MinutePlan, visit: InvocationVisitor): void {
  const n = plan.invocations;
  if (n === 0) return;
  const rng = new Rng(hash4(fm.fleet.seed, fm.nameHash, plan.minuteMs / MINUTE_MS, SALT_INVOCATIONS));
  const b = fm.behaviour;
  const { slowShare, slowFactor, dlqShareOfErrors } = plan.conditions;
  const { versions, canaryWeight, memoryMb: memories, cpuMs, errorRate } = versionMix(fm, plan);
  const { waitMs, memoryUsedMb, memorySpreadMb } = b;
  const dlqShare = fm.spec.invocation === "async" ? dlqShareOfErrors : 0;
  const bursty = b.pattern === "bursty";
  const spread = lognormalTable(b.sigma);
  const record = new InvocationRecord(fm.fleet.seed, fm.nameHash, plan.minuteMs);
  // Bursty traffic arrives together at one instant; everything else is spread over the minute.
  const burstStartMs = bursty ? Math.floor(rng.next() * 50_000) : 0;
  const colds = new EvenPicks(rng, plan.coldStarts, n);
  const ooms = new EvenPicks(rng, plan.ooms, n);
  // Rare events are placed by geometric skips: canary routing, slow downstream calls, and errors
  // (counted per version, since each version has its own error rate).
  const logCanaryMiss = Math.log1p(-canaryWeight);
  const logSlowMiss = Math.log1p(-slowShare);
  const logErrorMiss = [Math.log1p(-errorRate[0]), Math.log1p(-errorRate[1])];
  let nextCanary = nextEventAfter(rng, -1, logCanaryMiss);
  let nextSlow = nextEventAfter(rng, -1, logSlowMiss);
  const seen = [0, 0];
  const nextError = [nextEventAfter(rng, -1, logErrorMiss[0]), nextEventAfter(rng, -1, logErrorMiss[1])];
  for (let i = 0; i < n; i++) {
    record.index = i;
    record.offsetMs = bursty ? burstStartMs + i * (1 + Math.floor(rng.next() * 200)) : Math.floor(((i + rng.next()) * MINUTE_MS) / n);
    let v = 0;
    if (i === nextCanary) {
      v = 1;
      nextCanary = nextEventAfter(rng, i, logCanaryMiss);
    }
    const memoryMb = memories[v];
    const cold = colds.take(i);
    const oom = ooms.take(i);
    let waitFactor = 1;
    if (i === nextSlow) {
      waitFactor = slowFactor;
      nextSlow = nextEventAfter(rng, i, logSlowMiss);
    }
    // Two draws in this order (wait, then CPU), exactly as `wait × spread × factor + cpu × spread`
    // always drew them, so every generated value is unchanged by keeping the CPU part apart.
    const waitPartMs = waitMs * rng.fromTable(spread) * waitFactor;
    const cpuWallMs = cpuMs[v] * rng.fromTable(spread);
    const durationMs = waitPartMs + cpuWallMs;
    record.maxMemoryUsedMb = Math.max(1, Math.min(memoryMb - 1, Math.round(memoryUsedMb + memorySpreadMb * rng.normal())));
    const nthOfVersion = seen[v]++;
    const failed = nthOfVersion === nextError[v];
    if (failed) nextError[v] = nextEventAfter(rng, nthOfVersion, logErrorMiss[v]);
    const ranMs = settleOutcome(record, fm, rng, durationMs, memoryMb, oom, failed);
    record.cpuWallMs = ranMs < durationMs ? (cpuWallMs * ranMs) / durationMs : cpuWallMs;
    fillTimes(record, fm, ranMs, cold ? rng.next() : -1);
    record.executedVersion = versions[v];
    record.memorySizeMb = memoryMb;
    record.coldStart = cold;
    record.sentToDlq = dlqShare > 0 && record.status !== "success" && rng.next() < dlqShare;
    visit(record);
  }
}

/** Status and error type; returns the duration as reported (cut short by an OOM kill or the timeout). */
function settleOutcome(record: InvocationRecord, fm: FunctionModel, rng: Rng, durationMs: number, memoryMb: number, oom: boolean, failed: boolean): number {
  record.status = "success";
  record.errorType = undefined;
  if (oom) {
    // Killed part-way through, at the memory limit (newer REPORT lines: Max Memory Used == Memory Size).
    record.status = "error";
    record.errorType = "Runtime.OutOfMemory";
    record.maxMemoryUsedMb = memoryMb;
    return durationMs * (0.3 + 0.6 * rng.next());
  }
  if (durationMs >= fm.timeoutMs) {
    record.status = "timeout";
    record.errorType = "Sandbox.Timedout";
    return fm.timeoutMs;
  }
  if (failed) {
    record.status = "error";
    record.errorType = fm.errorKinds[Math.floor(rng.next() * fm.errorKinds.length)];
  }
  return durationMs;
}

/** Durations in whole hundredths of a ms so that billed = ceil(duration + init) has no float drift. */
function fillTimes(record: InvocationRecord, fm: FunctionModel, durationMs: number, initU: number): void {
  const durationCenti = Math.max(1, Math.round(durationMs * 100));
  let initCenti = 0;
  if (initU >= 0) {
    initCenti = Math.round((fm.initLowMs + (fm.initHighMs - fm.initLowMs) * Math.pow(initU, 1.5)) * 100);
    record.initDurationMs = initCenti / 100;
  } else {
    record.initDurationMs = undefined;
  }
  record.durationMs = durationCenti / 100;
  record.billedDurationMs = Math.ceil((durationCenti + initCenti) / 100);
}
