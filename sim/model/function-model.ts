// Everything the generator needs about one function, derived once from its spec and behaviour,
// and the incident conditions in force at a given minute.
import type { AliasSpec, Fleet, FunctionSpec } from "./types";
import { type Behaviour, cpuPartMs, handlerErrorKinds, initRangeMs } from "./behaviour";
import { behaviourOf } from "./fleet";
import { hashString } from "./rng";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface FunctionModel {
  fleet: Fleet;
  spec: FunctionSpec;
  behaviour: Behaviour;
  /** Position in fleet.functions (the block-cache key), or -1 for a spec that is not in the fleet. */
  index: number;
  nameHash: number;
  timeoutMs: number;
  initLowMs: number;
  initHighMs: number;
  errorKinds: readonly string[];
  /** The alias all traffic goes through (prod functions invoke `live`); undefined → unqualified ($LATEST). */
  alias?: AliasSpec;
  reservedConcurrency: number; // Infinity when unreserved
  provisionedConcurrency: number; // 0 when none
  /** Version whose errors make the bad deploy (bad-deploy only). */
  badVersion?: string;
}

const models = new WeakMap<Fleet, Map<FunctionSpec, FunctionModel>>();

/** The (cached) model of a fleet function; a modified copy of a spec gets a fresh, uncached model. */
export function functionModelOf(fleet: Fleet, spec: FunctionSpec): FunctionModel {
  let byFn = models.get(fleet);
  if (!byFn) models.set(fleet, (byFn = new Map()));
  const cached = byFn.get(spec);
  if (cached) return cached;
  const index = fleet.byName.get(spec.name) === spec ? fleet.functions.indexOf(spec) : -1;
  const model = buildModel(fleet, spec, index);
  if (index >= 0) byFn.set(spec, model);
  return model;
}

function buildModel(fleet: Fleet, spec: FunctionSpec, index: number): FunctionModel {
  const [initLowMs, initHighMs] = initRangeMs(spec.runtime);
  const alias = spec.aliases.find((a) => a.name === "live");
  return {
    fleet,
    spec,
    behaviour: behaviourOf(fleet, spec.name),
    index,
    nameHash: hashString(spec.name),
    timeoutMs: spec.timeoutS * 1000,
    initLowMs,
    initHighMs,
    errorKinds: handlerErrorKinds(spec.runtime),
    alias,
    reservedConcurrency: spec.reservedConcurrency ?? Infinity,
    provisionedConcurrency: spec.provisionedConcurrency?.requested ?? 0,
    badVersion: spec.incident === "bad-deploy" ? spec.versions[spec.versions.length - 1]?.version : undefined,
  };
}

/** The memory an invocation of `version` runs with (versions keep the memory they were published with). */
export function memoryOfVersion(fm: FunctionModel, version: string): number {
  if (version === "$LATEST") return fm.spec.memoryMb;
  return fm.spec.versions.find((v) => v.version === version)?.memoryMb ?? fm.spec.memoryMb;
}

/** What is true of a function during one minute: error rates, downstream slowness, OOM and DLQ odds. */
export interface MinuteConditions {
  errorRate: number;
  badVersionErrorRate: number;
  /** Share of invocations whose downstream wait is multiplied by slowFactor. */
  slowShare: number;
  slowFactor: number;
  oomRate: number;
  /** Share of failed invocations whose event ends in the DLQ / on-failure queue after retries. */
  dlqShareOfErrors: number;
}

export const INCIDENT_TIMING = {
  /** growing-dlq: failures rise this long before the anchor; the queue's last drain was a day earlier. */
  dlqRiseBeforeAnchorMs: 3 * DAY_MS,
  dlqLastDrainBeforeAnchorMs: 4 * DAY_MS,
  /** slow-downstream: the product table starts answering slowly this long before the anchor. */
  slowdownBeforeAnchorMs: 6 * HOUR_MS,
};

export function conditionsAt(fm: FunctionModel, minuteMs: number): MinuteConditions {
  const anchorMs = fm.fleet.anchorMs;
  const c: MinuteConditions = { errorRate: fm.behaviour.errorRate, badVersionErrorRate: 0.12, slowShare: 0, slowFactor: 1, oomRate: 0, dlqShareOfErrors: 0 };
  switch (fm.spec.incident) {
    case "near-oom":
      c.oomRate = 0.004;
      break;
    case "growing-dlq": {
      // Transient failures before; then a share of recipients starts bouncing for good, growing.
      const sinceRiseMs = minuteMs - (anchorMs - INCIDENT_TIMING.dlqRiseBeforeAnchorMs);
      c.dlqShareOfErrors = 0.05;
      if (sinceRiseMs >= 0) {
        c.errorRate = 0.06 + 0.06 * Math.min(1, sinceRiseMs / INCIDENT_TIMING.dlqRiseBeforeAnchorMs);
        c.dlqShareOfErrors = 0.3;
      }
      break;
    }
    case "slow-downstream":
      if (minuteMs >= anchorMs - INCIDENT_TIMING.slowdownBeforeAnchorMs) {
        c.slowShare = 0.1;
        c.slowFactor = 5;
      }
      break;
  }
  return c;
}

/** Expected (mean) duration in a minute: the Little's-law input for concurrency, not a metric. */
export function meanDurationMs(fm: FunctionModel, c: MinuteConditions, memoryMb: number): number {
  const b = fm.behaviour;
  const lognormalMean = Math.exp((b.sigma * b.sigma) / 2);
  const waitMs = b.waitMs * (1 + c.slowShare * (c.slowFactor - 1));
  return Math.min(fm.timeoutMs, (waitMs + cpuPartMs(b, memoryMb)) * lognormalMean);
}
