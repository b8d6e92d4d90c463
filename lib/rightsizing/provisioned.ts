// Provisioned concurrency advice from utilisation and the cost terms. Pure.
import { monthlyComputeUsd, type FunctionStats, type Recommendation } from "@/lib/rightsizing/model";

/** Peak utilisation below this and the allocation is larger than the traffic needs. */
export const LOW_UTILISATION = 0.6;
/** Cold starts must be at least this share of invocations before keeping environments warm is worth it. */
export const COLD_START_SHARE = 0.01;

export type ProvisionedAdvice =
  | { kind: "reduce"; configured: number; peakUtilisation: number; suggested: number; savingUsd: number; reason: string }
  | { kind: "add"; suggested: number; extraUsd: number; coldStartsRemovedPerMonth: number; reason: string };

/** The value at share `q` of the sorted values (nearest rank). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] : 0;
}

/**
 * `hourlyInvocations`: Invocations per hour (× the average duration: the hour's mean concurrency; CloudWatch's
 * Average of ConcurrentExecutions only averages the minutes with traffic); `hourlyPeakUtilisation`: hourly maxima of
 * ProvisionedConcurrencyUtilization (0–1). Reduce an allocation whose peak stays under 60 %, to what would
 * run at 60 % at that peak; suggest one for a latency-sensitive function (synchronous, under a second)
 * with a steady floor of traffic (the 5th percentile hour ≥ 1 environment busy) and frequent cold starts.
 */
export function provisionedAdvice(s: FunctionStats, r: Recommendation, hourlyInvocations: readonly number[], hourlyPeakUtilisation: readonly number[], region = "us-east-1"): ProvisionedAdvice | null {
  const atSize = (pc: number) => monthlyComputeUsd({ ...s, provisionedConcurrency: pc }, s.memoryMb, s.avgBilledDurationMs, s.architecture, region);
  if (s.provisionedConcurrency > 0) {
    if (!hourlyPeakUtilisation.length) return null;
    const peak = Math.max(...hourlyPeakUtilisation);
    if (peak >= LOW_UTILISATION) return null;
    const suggested = Math.max(1, Math.ceil((peak * s.provisionedConcurrency) / LOW_UTILISATION));
    if (suggested >= s.provisionedConcurrency) return null;
    return {
      kind: "reduce",
      configured: s.provisionedConcurrency,
      peakUtilisation: peak,
      suggested,
      savingUsd: atSize(s.provisionedConcurrency) - atSize(suggested),
      reason: `peak utilisation ${Math.round(peak * 100)} % of ${s.provisionedConcurrency} over ${s.days} days: ${suggested} would run at most at ${Math.round((peak * s.provisionedConcurrency * 100) / suggested)} %`,
    };
  }
  const coldShare = s.invocations ? s.coldStarts / s.invocations : 0;
  // Hours with no datapoint had no invocations: they count as zero.
  const hours = Math.round(s.days * 24);
  const hourlyConcurrency = [...hourlyInvocations.map((n) => (n * s.avgDurationMs) / 3_600_000), ...Array(Math.max(0, hours - hourlyInvocations.length)).fill(0)];
  const floor = Math.floor(quantile(hourlyConcurrency, 0.05));
  const latencySensitive = r.finding !== "not-enough-data" && s.p50DurationMs < 1000;
  if (!latencySensitive || floor < 1 || coldShare < COLD_START_SHARE) return null;
  return {
    kind: "add",
    suggested: floor,
    extraUsd: atSize(floor) - atSize(0),
    // Cold starts land where traffic rises above what is warm; the floor's share of busy environments is a ceiling on what it removes.
    coldStartsRemovedPerMonth: ((s.coldStarts / s.days) * 730) / 24 * Math.min(1, floor / Math.max(1, quantile(hourlyConcurrency, 0.9))),
    reason: `${(coldShare * 100).toFixed(1)} % cold starts and at least ${floor} environment${floor > 1 ? "s" : ""} busy in 95 % of hours`,
  };
}
