// What Compute Optimizer would say about each Lambda function version of the account, worked out
// from the fleet model's own truth (behaviour + memory → duration, memory used, invocation counts),
// so its numbers agree with the metrics and the logs. The rule is the demo's, written to behave as
// Compute Optimizer documents it (sim/README.md, "Compute Optimizer"):
//
// - Coverage (Compute Optimizer User Guide, "Resource requirements", Lambda): memory ≤ 1,792 MB and
//   ≥ 50 invocations in the 14-day look-back. Otherwise finding Unavailable with reason Inconclusive
//   (memory > 1,792 MB) or InsufficientData (< 50 invocations), and no options.
// - MemoryUnderprovisioned when the peak memory used reaches 90 % of the memory size (an
//   out-of-memory kill reports Max Memory Used = Memory Size): options are the three smallest sizes
//   above the current one that keep the true peak under 80 % of memory.
// - MemoryOverprovisioned when a smaller size keeps the peak under 80 % of memory, projects the
//   average duration within 10 % of today's and costs at least 10 % less: up to three such sizes,
//   cheapest first.
// - Optimized otherwise, with the current size as its one option (no savings).
// Sizes are multiples of 64 MB from 128 to 10,240.
import { type Behaviour, cpuPartMs } from "../../model/behaviour";
import { behaviourOf } from "../../model/fleet";
import { inverseNormalCdf } from "../../model/rng";
import type { FunctionSpec, SimModel } from "../../model/types";
import { type VersionUsage, versionUsage } from "../../model/version-usage";
import { LAMBDA_USAGE, SAVINGS_PLAN } from "../../billing/prices";

const DAY_MS = 86_400_000;
export const LOOKBACK_DAYS = 14;
/** Lambda memory Compute Optimizer covers, and the invocations it needs (User Guide, "Resource requirements"). */
export const MAX_COVERED_MEMORY_MB = 1_792;
export const MIN_INVOCATIONS = 50;
const HOURS_PER_MONTH = 730;
const GRID_MB = 64;
const MIN_MEMORY_MB = 128;
const MAX_MEMORY_MB = 10_240;
/** Peak memory at or above this share of the memory size: under-provisioned. */
const UNDER_MEMORY_SHARE = 0.9;
/** A recommended size keeps the peak memory under this share of it. */
const HEADROOM_SHARE = 0.8;
/** A smaller size may project at most this much longer an average duration… */
const MAX_SLOWDOWN = 1.1;
/** …and must save at least this share of the duration cost. */
const MIN_SAVINGS_SHARE = 0.1;
/** LowerBound / UpperBound: the projection if the function were this much less / more CPU-bound than measured. */
const CPU_SHARE_UNCERTAINTY = 0.25;
/** The normal table's tails end near ±3.8 (sim/model/rng.ts): no draw goes beyond. */
const MAX_Z = 3.8;

export type Finding = "Optimized" | "NotOptimized" | "Unavailable";
export type ReasonCode = "MemoryOverprovisioned" | "MemoryUnderprovisioned" | "InsufficientData" | "Inconclusive";
export type PerformanceRisk = "VeryLow" | "Low" | "Medium" | "High";

export interface MemoryOption {
  rank: number;
  memorySize: number;
  projectedUtilizationMetrics: { name: "Duration"; statistic: "LowerBound" | "UpperBound" | "Expected"; value: number }[];
  savingsOpportunity: { savingsOpportunityPercentage: number; estimatedMonthlySavings: { currency: "USD"; value: number } };
  savingsOpportunityAfterDiscounts: { savingsOpportunityPercentage: number; estimatedMonthlySavings: { currency: "USD"; value: number } };
}

/** One LambdaFunctionRecommendation, members as the Compute Optimizer API names them. */
export interface LambdaFunctionRecommendation {
  functionArn: string;
  functionVersion: string;
  accountId: string;
  currentMemorySize: number;
  numberOfInvocations: number;
  utilizationMetrics: { name: "Duration" | "Memory"; statistic: "Maximum" | "Average"; value: number }[];
  lookbackPeriodInDays: number;
  /** Epoch ms here; the wire sends epoch seconds. */
  lastRefreshMs: number;
  finding: Finding;
  findingReasonCodes: ReasonCode[];
  memorySizeRecommendationOptions: MemoryOption[];
  currentPerformanceRisk?: PerformanceRisk;
  effectiveRecommendationPreferences: { savingsEstimationMode: { source: "PublicPricing" } };
  tags: { key: string; value: string }[];
}

/** Recommendations are refreshed daily (User Guide, "Viewing Lambda function recommendations"): at 00:00 UTC. */
export function lastRefreshMs(model: SimModel): number {
  return Math.floor(model.nowMs() / DAY_MS) * DAY_MS;
}

const caches = new WeakMap<SimModel, { refreshMs: number; byFunction: Map<string, LambdaFunctionRecommendation[]> }>();

/** The recommendations of one function: its $LATEST and every version invoked in the look-back, $LATEST first. */
export function recommendationsOf(model: SimModel, spec: FunctionSpec): LambdaFunctionRecommendation[] {
  const refreshMs = lastRefreshMs(model);
  let cache = caches.get(model);
  if (!cache || cache.refreshMs !== refreshMs) caches.set(model, (cache = { refreshMs, byFunction: new Map() }));
  let recs = cache.byFunction.get(spec.name);
  if (!recs) cache.byFunction.set(spec.name, (recs = compute(model, spec, refreshMs)));
  return recs;
}

function compute(model: SimModel, spec: FunctionSpec, refreshMs: number): LambdaFunctionRecommendation[] {
  const usage = versionUsage(model, spec.name, refreshMs - LOOKBACK_DAYS * DAY_MS, refreshMs);
  const versions = [...usage.versions];
  if (!versions.some((v) => v.version === "$LATEST")) versions.push({ version: "$LATEST", memoryMb: spec.memoryMb, invocations: 0, waitMsSum: 0, ooms: 0 });
  const order = (v: string) => (v === "$LATEST" ? -1 : Number(v));
  versions.sort((a, b) => order(a.version) - order(b.version));
  const b = behaviourOf(model.fleet, spec.name);
  return versions.map((v) => recommend(model, spec, b, v, usage.dataMinutes, refreshMs));
}

/** The memory a version really needs at its peak: the model's mean + the normal tail it can reach. */
function peakMemoryNeed(b: Behaviour, invocations: number): number {
  return b.memoryUsedMb + b.memorySpreadMb * tailZ(invocations);
}

/** The standard-normal quantile the largest of n draws typically reaches (capped at the table's tail). */
function tailZ(n: number): number {
  return n <= 1 ? 0 : Math.min(MAX_Z, inverseNormalCdf(1 - 1 / (n + 1)));
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function recommend(model: SimModel, spec: FunctionSpec, b: Behaviour, v: VersionUsage, dataMinutes: number, refreshMs: number): LambdaFunctionRecommendation {
  const n = v.invocations;
  const memoryMb = v.memoryMb;
  const timeoutMs = spec.timeoutS * 1000;
  const lognormalMean = Math.exp((b.sigma * b.sigma) / 2);
  const waitMs = n > 0 ? v.waitMsSum / n : b.waitMs;
  const cpuNow = cpuPartMs(b, memoryMb);
  // Expected average duration at a memory size: the waiting part plus the CPU part at that size
  // (× the lognormal's mean). With cpuScale ≠ 1, the same projection for a function whose CPU-bound
  // share of today's duration were that much larger or smaller (today's duration unchanged).
  const durationAt = (mb: number, cpuScale = 1) => Math.min(timeoutMs, (waitMs + cpuNow + (cpuPartMs(b, mb) - cpuNow) * cpuScale) * lognormalMean);
  const currentDuration = durationAt(memoryMb);
  const spreadAtTail = Math.exp(b.sigma * tailZ(n));
  const maxDuration = Math.min(timeoutMs, Math.max(waitMs * spreadAtTail + cpuNow, waitMs + cpuNow * spreadAtTail));
  const peakNeed = peakMemoryNeed(b, n);
  const memoryMax = v.ooms > 0 ? memoryMb : Math.max(1, Math.min(memoryMb - 1, Math.round(peakNeed)));
  const memoryAvg = Math.max(1, Math.min(memoryMb - 1, b.memoryUsedMb));

  const base: LambdaFunctionRecommendation = {
    functionArn: `${spec.arn}:${v.version}`,
    functionVersion: v.version,
    accountId: model.fleet.accountId,
    currentMemorySize: memoryMb,
    numberOfInvocations: n,
    utilizationMetrics: n > 0
      ? [
        { name: "Duration", statistic: "Maximum", value: round2(maxDuration) },
        { name: "Duration", statistic: "Average", value: round2(currentDuration) },
        { name: "Memory", statistic: "Maximum", value: memoryMax },
        { name: "Memory", statistic: "Average", value: memoryAvg },
      ]
      : [],
    lookbackPeriodInDays: LOOKBACK_DAYS,
    lastRefreshMs: refreshMs,
    finding: "Unavailable",
    findingReasonCodes: [],
    memorySizeRecommendationOptions: [],
    effectiveRecommendationPreferences: { savingsEstimationMode: { source: "PublicPricing" } },
    tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
  };
  if (memoryMb > MAX_COVERED_MEMORY_MB) return { ...base, findingReasonCodes: ["Inconclusive"] };
  if (n < MIN_INVOCATIONS) return { ...base, findingReasonCodes: ["InsufficientData"] };

  const invocationsPerMonth = (n * HOURS_PER_MONTH * 60) / Math.max(1, dataMinutes);
  const pricePerGbS = LAMBDA_USAGE.duration[spec.architecture].usdPerUnit;
  const monthlyCost = (mb: number) => (invocationsPerMonth * durationAt(mb)) / 1000 * (mb / 1024) * pricePerGbS;
  const currentCost = monthlyCost(memoryMb);
  const option = (rank: number, mb: number): MemoryOption => {
    // Bounds: the same projection if the CPU-bound part of today's duration were 25 % smaller / larger.
    const low = durationAt(mb, 1 - CPU_SHARE_UNCERTAINTY);
    const high = durationAt(mb, 1 + CPU_SHARE_UNCERTAINTY);
    const savings = Math.max(0, currentCost - monthlyCost(mb));
    const percentage = currentCost > 0 ? (savings / currentCost) * 100 : 0;
    return {
      rank,
      memorySize: mb,
      projectedUtilizationMetrics: [
        { name: "Duration", statistic: "LowerBound", value: round2(Math.min(low, high)) },
        { name: "Duration", statistic: "UpperBound", value: round2(Math.max(low, high)) },
        { name: "Duration", statistic: "Expected", value: round2(durationAt(mb)) },
      ],
      savingsOpportunity: { savingsOpportunityPercentage: round2(percentage), estimatedMonthlySavings: { currency: "USD", value: round6(savings) } },
      // The account's Compute Savings Plan takes 17 % off Lambda duration (sim/billing/prices.ts).
      savingsOpportunityAfterDiscounts: { savingsOpportunityPercentage: round2(percentage), estimatedMonthlySavings: { currency: "USD", value: round6(savings * (1 - SAVINGS_PLAN.discount)) } },
    };
  };
  const fits = (mb: number) => peakNeed <= HEADROOM_SHARE * mb;
  const risk = performanceRisk(memoryMax / memoryMb, v.ooms > 0, maxDuration / timeoutMs);

  if (memoryMax >= UNDER_MEMORY_SHARE * memoryMb) {
    const sizes: number[] = [];
    for (let mb = gridAbove(memoryMb); mb <= MAX_MEMORY_MB && sizes.length < 3; mb += GRID_MB) if (fits(mb)) sizes.push(mb);
    return { ...base, finding: "NotOptimized", findingReasonCodes: ["MemoryUnderprovisioned"], memorySizeRecommendationOptions: sizes.map((mb, i) => option(i + 1, mb)), currentPerformanceRisk: risk };
  }
  const smaller: { mb: number; cost: number }[] = [];
  for (let mb = MIN_MEMORY_MB; mb < memoryMb; mb += GRID_MB) {
    if (!fits(mb) || durationAt(mb) > MAX_SLOWDOWN * currentDuration) continue;
    const cost = monthlyCost(mb);
    if (cost <= (1 - MIN_SAVINGS_SHARE) * currentCost) smaller.push({ mb, cost });
  }
  if (smaller.length > 0) {
    smaller.sort((x, y) => x.cost - y.cost || x.mb - y.mb);
    return { ...base, finding: "NotOptimized", findingReasonCodes: ["MemoryOverprovisioned"], memorySizeRecommendationOptions: smaller.slice(0, 3).map((s, i) => option(i + 1, s.mb)), currentPerformanceRisk: risk };
  }
  return { ...base, finding: "Optimized", memorySizeRecommendationOptions: [option(1, memoryMb)], currentPerformanceRisk: risk };
}

/** The first grid size strictly above `mb`. */
function gridAbove(mb: number): number {
  return (Math.floor(mb / GRID_MB) + 1) * GRID_MB;
}

/**
 * How likely the current configuration is to fall short (the API's VeryLow … High): out-of-memory
 * kills or ≥ 95 % memory or ≥ 90 % of the timeout is High; ≥ 85 % / 70 % Medium; ≥ 60 % / 50 % Low.
 */
function performanceRisk(memoryShare: number, ooms: boolean, timeoutShare: number): PerformanceRisk {
  if (ooms || memoryShare >= 0.95 || timeoutShare >= 0.9) return "High";
  if (memoryShare >= 0.85 || timeoutShare >= 0.7) return "Medium";
  if (memoryShare >= 0.6 || timeoutShare >= 0.5) return "Low";
  return "VeryLow";
}
