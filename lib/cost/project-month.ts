// A function's measured usage priced as a month (or any span), term by term. Pure and shared with
// the browser: the cost panel and the right-sizing what-if price a memory size with it.
import { durationCost, ephemeralStorageCost, gbOfMb, logsIngestionCost, provisionedConcurrencyCost, provisionedDurationCost, requestsCost, xrayCost, type CostTerm } from "@/lib/cost/lambda-cost";
import { HOURS_PER_MONTH, PRICE_LISTS, type Architecture } from "@/lib/cost/prices";
import { scaledUsage } from "@/lib/cost/usage";

export type MeasuredInputs = {
  sampleHours: number; // how long the sample the figures below cover
  invocations: number; // REPORT lines in the sample (= the Invocations metric)
  coldStarts: number;
  avgDurationMs: number | null;
  avgBilledDurationMs: number | null; // INIT included: billed since 1 Aug 2025
  gbSeconds: number; // Σ billed duration × memory size, from the REPORT lines
  billedSeconds: number; // Σ billed duration: ephemeral storage above 512 MB is billed for it
  ephemeralStorageMb: number;
  memorySizeMb: number;
  logBytes: number | null; // AWS/Logs IncomingBytes of the log group; null when unavailable
  tracesRecorded: number | null; // null: tracing off
  sampling: { rule: string; fixedRate: number; reservoirSize: number } | null; // what decides the traces (null: tracing off)
  tracesAtLambdaDefault: number | null; // had Lambda's own 1/s + 5 % applied
  provisionedConcurrency: number; // allocated on the function's qualifiers now
  provisionedSinceMs: number | null; // the newest configuration's LastModified: as configured now since then
};

/** The week's measured usage → every term of a projected month (or of `hours`, e.g. the sample itself). Pure. */
export function projectMonth(m: MeasuredInputs, architecture: Architecture, region: string, hours = HOURS_PER_MONTH): CostTerm[] {
  const prices = PRICE_LISTS[region] ?? PRICE_LISTS["us-east-1"];
  const u = scaledUsage(m, hours);
  const gbSeconds = u.gbSeconds;
  // Provisioned environments serve what fits in them, at the lower rate; the overflow is on demand.
  const onProvisioned = Math.min(gbSeconds, m.provisionedConcurrency * gbOfMb(m.memorySizeMb) * hours * 3600);
  const terms = [requestsCost({ requests: u.invocations, prices }), durationCost({ gbSeconds: gbSeconds - onProvisioned, architecture, prices })];
  if (m.provisionedConcurrency > 0) {
    terms.push(provisionedConcurrencyCost({ concurrency: m.provisionedConcurrency, memoryMb: m.memorySizeMb, seconds: hours * 3600, architecture, prices }));
    terms.push(provisionedDurationCost({ gbSeconds: onProvisioned, architecture, prices }));
  }
  if (m.ephemeralStorageMb > 512) terms.push(ephemeralStorageCost({ storageMb: m.ephemeralStorageMb, durationSeconds: u.billedSeconds, prices }));
  if (u.logGb !== null) terms.push(logsIngestionCost({ gb: u.logGb, prices }));
  if (u.traces !== null) terms.push(xrayCost({ traces: u.traces, prices }));
  return terms;
}
