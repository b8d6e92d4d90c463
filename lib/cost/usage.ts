// A sample's measured usage scaled to another span (a 730-hour month by default). Pure, shared with
// the browser: the cost panel, the calculator's prefill and the drill-down show these figures.
import type { MeasuredInputs } from "@/lib/cost/project-month";
import { BYTES_PER_GB, HOURS_PER_MONTH } from "@/lib/cost/prices";

export type ScaledUsage = { invocations: number; gbSeconds: number; billedSeconds: number; logGb: number | null; traces: number | null };

export function scaledUsage(m: MeasuredInputs, hours = HOURS_PER_MONTH): ScaledUsage {
  const k = hours / m.sampleHours;
  return {
    invocations: m.invocations * k,
    gbSeconds: m.gbSeconds * k,
    billedSeconds: m.billedSeconds * k,
    logGb: m.logBytes === null ? null : (m.logBytes * k) / BYTES_PER_GB,
    traces: m.tracesRecorded === null ? null : m.tracesRecorded * k,
  };
}
