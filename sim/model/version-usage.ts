// How much each version of a function ran over a stretch of time, from the traffic plans alone (no
// invocation is generated except in the rare minutes an alias splits traffic between two versions):
// cheap enough to cover 14 days of the whole fleet in about a second. Counts are exactly what the
// Invocations metric (per ExecutedVersion) adds up to over the same minutes.
import type { SimModel } from "./types";
import { minuteHasData } from "./index";
import { functionModelOf, memoryOfVersion } from "./function-model";
import { routingAt } from "./fleet-versions";
import { generateInvocations } from "./invocations";
import { planHour } from "./traffic";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export interface VersionUsage {
  version: string;
  /** The memory the version runs with (versions keep the memory they were published with). */
  memoryMb: number;
  invocations: number;
  /** Σ over its invocations of the minute's mean waiting time (downstream slowness included), ms. */
  waitMsSum: number;
  /** Invocations killed for running out of memory (the plans' exact OOM counts). */
  ooms: number;
}

export interface FunctionUsage {
  /** Minutes in the window that have data (the model keeps 14 days up to now). */
  dataMinutes: number;
  /** Versions that ran at least once, in order of first appearance. */
  versions: VersionUsage[];
}

/** Per-version usage of `fn` over the minutes of [fromMs, toMs) that have data. */
export function versionUsage(model: SimModel, fn: string, fromMs: number, toMs: number): FunctionUsage {
  const spec = model.fleet.byName.get(fn);
  if (!spec) throw new Error(`unknown function ${fn}`);
  const fm = functionModelOf(model.fleet, spec);
  const byVersion = new Map<string, VersionUsage>();
  const usageOf = (version: string) => {
    let u = byVersion.get(version);
    if (!u) byVersion.set(version, (u = { version, memoryMb: memoryOfVersion(fm, version), invocations: 0, waitMsSum: 0, ooms: 0 }));
    return u;
  };
  let dataMinutes = 0;
  for (let hourMs = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hourMs < toMs; hourMs += HOUR_MS) {
    if (!minuteHasData(model, hourMs) && !minuteHasData(model, hourMs + HOUR_MS - MINUTE_MS)) continue;
    for (const plan of planHour(fm, hourMs)) {
      if (plan.minuteMs < fromMs || plan.minuteMs >= toMs || !minuteHasData(model, plan.minuteMs)) continue;
      dataMinutes++;
      if (plan.invocations === 0) continue;
      const c = plan.conditions;
      const waitMs = fm.behaviour.waitMs * (1 + c.slowShare * (c.slowFactor - 1));
      const routing = fm.alias ? (routingAt(fm.alias, plan.minuteMs) ?? fm.alias.history[0]) : undefined;
      const split = routing?.additionalVersionWeights && Object.values(routing.additionalVersionWeights).some((w) => w > 0);
      if (split) {
        // A canary minute: which invocation went where is the generator's draw, so run it.
        generateInvocations(fm, plan, (r) => {
          const u = usageOf(r.executedVersion);
          u.invocations++;
          u.waitMsSum += waitMs;
          if (r.errorType === "Runtime.OutOfMemory") u.ooms++;
        });
      } else {
        const u = usageOf(routing?.version ?? "$LATEST");
        u.invocations += plan.invocations;
        u.waitMsSum += plan.invocations * waitMs;
        u.ooms += plan.ooms;
      }
    }
  }
  return { dataMinutes, versions: [...byVersion.values()] };
}
