// Lambda against an always-on container doing the same work. Pure, shared with the browser.
import { estimateMonthlyCost, type EstimateInput } from "@/lib/cost/lambda-cost";
import { HOURS_PER_MONTH } from "@/lib/cost/prices";

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/**
 * Default container: one Fargate task, 1 vCPU and 2 GB, Linux/x86 in us-east-1: $0.04048 per
 * vCPU-hour + $0.004445 per GB-hour = $0.04937 an hour (https://aws.amazon.com/fargate/pricing/,
 * read through agreeing secondary copies, 2026-11). Any hourly price can be given instead.
 */
export const DEFAULT_CONTAINER = { vcpu: 1, memoryGb: 2, usdPerHour: 0.04048 + 2 * 0.004445 };

/** Load: the share of the month one execution environment is busy (1 = always running a request). */
export const requestsAtLoad = (load: number, durationMs: number) => (load * SECONDS_PER_MONTH * 1000) / Math.max(durationMs, 1);

/** Lambda's monthly cost (exact, before cent rounding) when one environment is busy `load` of the time. */
export function lambdaMonthlyAtLoad(load: number, fn: Pick<EstimateInput, "durationMs" | "memoryMb" | "architecture" | "region">): number {
  const { terms } = estimateMonthlyCost({ ...fn, requests: requestsAtLoad(load, fn.durationMs) });
  return terms.reduce((a, t) => a + t.exactUsd, 0);
}

/**
 * Where Lambda starts to cost more than `containers` always-on containers doing the same work:
 * Lambda grows linearly with load and the container is flat, so the break-even is their ratio.
 * Null when Lambda stays cheaper even at 100 % load.
 */
export function breakEvenLoad(fn: Pick<EstimateInput, "durationMs" | "memoryMb" | "architecture" | "region">, containerUsdPerHour: number): number | null {
  const full = lambdaMonthlyAtLoad(1, fn);
  const load = (containerUsdPerHour * HOURS_PER_MONTH) / full;
  return load <= 1 ? load : null;
}

/** A function's actual load: its average concurrency (requests × duration over the month). */
export const actualLoad = (requestsPerMonth: number, durationMs: number) => (requestsPerMonth * durationMs) / 1000 / SECONDS_PER_MONTH;

/** Rows for the chart: load 0–100 % in 5 % steps, both monthly costs. */
export function comparisonRows(fn: Pick<EstimateInput, "durationMs" | "memoryMb" | "architecture" | "region">, containerUsdPerHour: number) {
  return Array.from({ length: 21 }, (_, i) => ({ loadPct: i * 5, lambdaUsd: lambdaMonthlyAtLoad(i / 20, fn), containerUsd: containerUsdPerHour * HOURS_PER_MONTH }));
}
