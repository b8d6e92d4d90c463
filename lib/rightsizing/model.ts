// Memory right-sizing from a function's own production data: how its duration would change at
// another memory size, and which size is cheapest within a latency tolerance and a memory margin.
// Pure and shared with the browser (the what-if slider projects as you drag).
//
// Lambda allocates CPU in proportion to memory: 1,769 MB is one vCPU's worth, 10,240 MB six
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html). Duration is split into a
// CPU part, which scales with 1,769 / min(memory, 1,769 × threads), and a waiting part (network,
// downstream calls), which does not. How much is CPU comes from evidence, best first: Lambda
// Insights' cpu_total_time; runs at two or more memory sizes; else a documented default with a wide range.
import { projectMonth, type MeasuredInputs } from "@/lib/cost/project-month";
import { HOURS_PER_MONTH, type Architecture } from "@/lib/cost/prices";
import { formatDurationMs } from "@/lib/format";

export const MB_PER_VCPU = 1_769;
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;
const MAX_THREADS = 6; // 10,240 MB buys six vCPUs

export const DEFAULTS = {
  /** Projected p99 may rise at most this much over today's. */
  toleranceShare: 0.1,
  /** Memory above the p99.9 of max memory used, and never below the highest seen + 5 %. */
  memoryMarginShare: 0.15,
  /** Projected p99 must stay under this share of the timeout. */
  timeoutShare: 0.8,
  /** Compute Optimizer's bar: fewer invocations in the lookback and we do not recommend. */
  minInvocations: 50,
  /** Without evidence: half the duration is CPU, with the whole range 0–100 % shown and lower confidence. */
  defaultCpuShare: 0.5,
  /** A smaller size saving less than this share of the compute cost is not worth a change: optimal. */
  optimalSavingShare: 0.1,
};
export type Settings = typeof DEFAULTS;

export type CpuEvidence =
  | { source: "lambda-insights"; cpuTimeMs: number; durationMs: number; samples: number } // averages at the current memory size
  | { source: "memory-sizes"; points: { memoryMb: number; avgDurationMs: number; invocations: number }[] }
  | { source: "none" };

/** What the lookback says about one function at its current memory size. */
export type FunctionStats = {
  name: string;
  memoryMb: number;
  timeoutS: number;
  architecture: Architecture;
  runtime: string;
  ephemeralStorageMb: number;
  days: number; // span of the lookback
  invocations: number;
  coldStarts: number;
  avgDurationMs: number;
  p50DurationMs: number;
  p99DurationMs: number;
  avgBilledDurationMs: number; // INIT included (billed since 1 Aug 2025)
  memoryUsedMb: { p50: number; p99: number; p999: number; max: number };
  timeouts: number;
  outOfMemory: number;
  cpu: CpuEvidence;
  provisionedConcurrency: number;
};

/** Share of today's duration that is CPU, its plausible range, and how many threads the code keeps busy. */
export type CpuSplit = { share: number; low: number; high: number; threads: number; source: CpuEvidence["source"]; detail: string };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const usableMb = (memoryMb: number, threads: number) => Math.min(memoryMb, MB_PER_VCPU * threads);

export function cpuSplit(s: Pick<FunctionStats, "memoryMb" | "avgDurationMs" | "cpu">, settings: Settings = DEFAULTS): CpuSplit {
  const e = s.cpu;
  if (e.source === "lambda-insights" && e.durationMs > 0) {
    // cpu_total_time is CPU consumed; below one vCPU it is stretched by the share of a vCPU the memory
    // buys. More CPU than wall time means several threads: at least that many vCPUs are usable.
    const threads = clamp(Math.ceil(e.cpuTimeMs / e.durationMs - 0.05), 1, MAX_THREADS);
    const wallMs = (e.cpuTimeMs * MB_PER_VCPU) / usableMb(s.memoryMb, threads);
    const share = clamp(wallMs / e.durationMs, 0, 1);
    // measured directly: ± 20 % of the share, ± 1 point
    return { share, low: clamp(share * 0.8 - 0.01, 0, 1), high: clamp(share * 1.2 + 0.01, 0, 1), threads, source: e.source, detail: `Lambda Insights: ${e.cpuTimeMs.toFixed(1)} ms CPU of ${e.durationMs.toFixed(1)} ms on average (${e.samples.toLocaleString("en-US")} invocations)` };
  }
  if (e.source === "memory-sizes") {
    const fit = fitWaitAndCpu(e.points);
    if (fit) {
      const cpuNowMs = (fit.cpuMsAtOneVcpu * MB_PER_VCPU) / usableMb(s.memoryMb, 1);
      const share = clamp(cpuNowMs / (fit.waitMs + cpuNowMs), 0, 1);
      const sizes = e.points.map((p) => `${p.memoryMb} MB: ${p.avgDurationMs.toFixed(0)} ms`).join(", ");
      // fitted across sizes (other versions, other traffic): ± 30 %, ± 5 points
      return { share, low: clamp(share * 0.7 - 0.05, 0, 1), high: clamp(share * 1.3 + 0.05, 0, 1), threads: 1, source: e.source, detail: `runs at several memory sizes (${sizes})` };
    }
  }
  return { share: settings.defaultCpuShare, low: 0, high: 1, threads: 1, source: "none", detail: `no CPU evidence: assumed ${Math.round(settings.defaultCpuShare * 100)} % CPU, anywhere from 0 to 100 %` };
}

/**
 * Least squares of avg duration = wait + cpu × 1,769 / min(memory, 1,769) over the sizes a function
 * ran at, weighted by invocations. Null when the sizes do not differ below one vCPU.
 */
export function fitWaitAndCpu(points: { memoryMb: number; avgDurationMs: number; invocations: number }[]): { waitMs: number; cpuMsAtOneVcpu: number } | null {
  const pts = points.filter((p) => p.invocations > 0).map((p) => ({ x: MB_PER_VCPU / usableMb(p.memoryMb, 1), y: p.avgDurationMs, w: p.invocations }));
  const w = pts.reduce((a, p) => a + p.w, 0);
  if (pts.length < 2 || w === 0) return null;
  const mx = pts.reduce((a, p) => a + p.w * p.x, 0) / w;
  const my = pts.reduce((a, p) => a + p.w * p.y, 0) / w;
  const sxx = pts.reduce((a, p) => a + p.w * (p.x - mx) ** 2, 0);
  if (sxx < 1e-9 * w) return null;
  const slope = Math.max(0, pts.reduce((a, p) => a + p.w * (p.x - mx) * (p.y - my), 0) / sxx);
  return { waitMs: Math.max(0, my - slope * mx), cpuMsAtOneVcpu: slope };
}

/** Duration at `toMb` over duration at `fromMb`, for a CPU share of `share` at `fromMb`. */
export function durationRatio(fromMb: number, toMb: number, share: number, threads = 1): number {
  return 1 - share + (share * usableMb(fromMb, threads)) / usableMb(toMb, threads);
}

export type Projection = {
  memoryMb: number;
  p50Ms: number;
  p99Ms: number;
  p99RangeMs: [number, number]; // over the CPU share's plausible range
  avgBilledMs: number;
  monthlyUsd: number; // requests + duration (+ provisioned concurrency, ephemeral storage), list prices
  monthlyUsdArm64: number;
};

/** The lookback as the cost module's measured inputs, at `memoryMb` with billed duration `avgBilledMs`. */
function measuredAt(s: FunctionStats, memoryMb: number, avgBilledMs: number): MeasuredInputs {
  const hours = s.days * 24;
  return {
    sampleHours: hours,
    invocations: s.invocations,
    coldStarts: s.coldStarts,
    avgDurationMs: null,
    avgBilledDurationMs: avgBilledMs,
    gbSeconds: (s.invocations * avgBilledMs * memoryMb) / 1024 / 1000,
    billedSeconds: (s.invocations * avgBilledMs) / 1000,
    ephemeralStorageMb: s.ephemeralStorageMb,
    memorySizeMb: memoryMb,
    logBytes: null,
    tracesRecorded: null,
    sampling: null,
    tracesAtLambdaDefault: null,
    provisionedConcurrency: s.provisionedConcurrency,
    provisionedSinceMs: null,
  };
}

export const monthlyComputeUsd = (s: FunctionStats, memoryMb: number, avgBilledMs: number, architecture: Architecture, region: string) =>
  projectMonth(measuredAt(s, memoryMb, avgBilledMs), architecture, region, HOURS_PER_MONTH).reduce((a, t) => a + t.exactUsd, 0);

/** Duration and cost at `memoryMb`: percentiles scale by the duration ratio; INIT is taken as unchanged. */
export function project(s: FunctionStats, split: CpuSplit, memoryMb: number, region = "us-east-1"): Projection {
  const r = durationRatio(s.memoryMb, memoryMb, split.share, split.threads);
  const rLow = durationRatio(s.memoryMb, memoryMb, split.low, split.threads);
  const rHigh = durationRatio(s.memoryMb, memoryMb, split.high, split.threads);
  const avgBilledMs = Math.max(1, s.avgBilledDurationMs + s.avgDurationMs * (r - 1));
  return {
    memoryMb,
    p50Ms: s.p50DurationMs * r,
    p99Ms: s.p99DurationMs * r,
    p99RangeMs: [s.p99DurationMs * Math.min(rLow, rHigh), s.p99DurationMs * Math.max(rLow, rHigh)],
    avgBilledMs,
    monthlyUsd: monthlyComputeUsd(s, memoryMb, avgBilledMs, s.architecture, region),
    monthlyUsdArm64: monthlyComputeUsd(s, memoryMb, avgBilledMs, "arm64", region),
  };
}

/** The smallest size that keeps a margin over the memory the function has used (more when it ran out). */
export function memoryFloorMb(s: Pick<FunctionStats, "memoryMb" | "memoryUsedMb" | "outOfMemory">, settings: Settings = DEFAULTS): number {
  let floor = Math.max(s.memoryUsedMb.p999 * (1 + settings.memoryMarginShare), s.memoryUsedMb.max * 1.05);
  // An OOM kill reports the limit as used: the true peak is above today's size.
  if (s.outOfMemory > 0) floor = Math.max(floor, s.memoryMb * (1 + settings.memoryMarginShare));
  return clamp(Math.ceil(floor), MIN_MEMORY_MB, MAX_MEMORY_MB);
}

export type Finding = "over-provisioned" | "under-provisioned" | "optimal" | "not-enough-data";
export type Level = "high" | "medium" | "low";
export type Risk = "VeryLow" | "Low" | "Medium" | "High";

export type Recommendation = {
  name: string;
  finding: Finding;
  currentMb: number;
  recommendedMb: number | null;
  floorMb: number;
  p99LimitMs: number;
  split: CpuSplit;
  current: Projection;
  recommended: Projection | null;
  balanced: Projection | null;
  fastest: Projection | null;
  savingUsd: number; // a month, current − recommended (negative: more memory costs more)
  confidence: Level;
  risk: Risk;
  reasons: string[];
  arm64: { savingUsd: number; checks: string } | null; // x86 functions only
};

/** The p99 the projection must stay under: today's + tolerance, and a share of the timeout. */
export function p99LimitMs(s: FunctionStats, settings: Settings = DEFAULTS): number {
  const timeoutLimitMs = s.timeoutS * 1000 * settings.timeoutShare;
  return Math.min(s.p99DurationMs * (1 + settings.toleranceShare), timeoutLimitMs);
}

export function recommend(s: FunctionStats, region = "us-east-1", settings: Settings = DEFAULTS): Recommendation {
  const split = cpuSplit(s, settings);
  const floorMb = memoryFloorMb(s, settings);
  const current = project(s, split, s.memoryMb, region);
  const limitMs = p99LimitMs(s, settings);
  const base = { name: s.name, currentMb: s.memoryMb, floorMb, p99LimitMs: limitMs, split, current, arm64: null };
  if (s.invocations < settings.minInvocations) {
    return { ...base, finding: "not-enough-data", recommendedMb: null, recommended: null, balanced: null, fastest: null, savingUsd: 0, confidence: "low", risk: "Low", reasons: [`${s.invocations} invocations in ${s.days} days: fewer than ${settings.minInvocations}, too few to size from`] };
  }
  // The latency bound must hold for every CPU share the evidence allows: without evidence, memory
  // is only cut where it cannot be buying CPU.
  const p99At = (mb: number) => s.p99DurationMs * Math.max(durationRatio(s.memoryMb, mb, split.low, split.threads), durationRatio(s.memoryMb, mb, split.high, split.threads));
  const p50At = (mb: number) => s.p50DurationMs * durationRatio(s.memoryMb, mb, split.share, split.threads);
  // Cost rises with memory under this model (the CPU part's GB-s is constant, the waiting part's grows),
  // so the cheapest size that meets the constraints is the smallest.
  let pick = floorMb;
  while (pick < MAX_MEMORY_MB && p99At(pick) > limitMs) pick++;
  const meetsLatency = p99At(pick) <= limitMs;
  // Balanced, as Power Tuning weighs it: cost and p50 each scaled to 0–1 over the sizes above the
  // floor, the least half-and-half sum. Fastest: the smallest size within 1 % of the fastest possible.
  const sizes: { mb: number; gbMs: number; p50: number }[] = [];
  for (let mb = floorMb; mb <= MAX_MEMORY_MB; mb++) {
    const avgMs = s.avgDurationMs * durationRatio(s.memoryMb, mb, split.share, split.threads);
    sizes.push({ mb, gbMs: mb * (s.avgBilledDurationMs - s.avgDurationMs + avgMs), p50: p50At(mb) });
  }
  const span = (xs: number[]) => [Math.min(...xs), Math.max(...xs) - Math.min(...xs) || 1];
  const [costMin, costSpan] = span(sizes.map((x) => x.gbMs));
  const [p50Min, p50Span] = span(sizes.map((x) => x.p50));
  const score = (x: (typeof sizes)[number]) => (x.gbMs - costMin) / costSpan + (x.p50 - p50Min) / p50Span;
  const fastestMb = sizes.find((x) => x.p50 <= p50Min * 1.01)!.mb;
  const balancedMb = sizes.filter((x) => x.mb <= fastestMb).reduce((a, b) => (score(b) < score(a) - 1e-12 ? b : a)).mb;

  const candidate = project(s, split, pick, region);
  const reasons: string[] = [];
  let finding: Finding;
  let recommendedMb = pick;
  const needsMore = s.outOfMemory > 0 || floorMb > s.memoryMb || s.p99DurationMs > s.timeoutS * 1000 * settings.timeoutShare;
  if (needsMore && pick > s.memoryMb) {
    finding = "under-provisioned";
    if (s.outOfMemory > 0) reasons.push(`${s.outOfMemory.toLocaleString("en-US")} out-of-memory kills: it needs more than ${s.memoryMb} MB`);
    else if (floorMb > s.memoryMb) reasons.push(`p99.9 of memory used is ${s.memoryUsedMb.p999.toFixed(0)} MB of ${s.memoryMb} MB: no safety margin`);
    if (s.p99DurationMs > s.timeoutS * 1000 * settings.timeoutShare) reasons.push(`p99 ${formatDurationMs(s.p99DurationMs)} is near the ${s.timeoutS} s timeout${s.timeouts ? ` (${s.timeouts} timed out)` : ""}; more CPU brings it down`);
  } else if (pick < s.memoryMb && current.monthlyUsd - candidate.monthlyUsd >= settings.optimalSavingShare * current.monthlyUsd) {
    finding = "over-provisioned";
    reasons.push(`uses at most ${s.memoryUsedMb.max.toFixed(0)} MB (p99.9 ${s.memoryUsedMb.p999.toFixed(0)} MB) of ${s.memoryMb} MB`);
    reasons.push(`${Math.round(split.share * 100)} % of its time is CPU (${split.detail}): at ${pick} MB p99 goes from ${formatDurationMs(s.p99DurationMs)} to ${formatDurationMs(candidate.p99Ms)}`);
  } else {
    finding = "optimal";
    recommendedMb = s.memoryMb;
    reasons.push(pick < s.memoryMb ? `a smaller size saves under ${Math.round(settings.optimalSavingShare * 100)} % of its compute cost` : `${s.memoryMb} MB is the smallest size within the latency tolerance and memory margin`);
  }
  if (!meetsLatency) reasons.push(`no size keeps p99 under ${formatDurationMs(limitMs)}: the time is mostly waiting, not CPU; raise the timeout or fix the slow dependency`);
  const recommended = recommendedMb === s.memoryMb ? current : candidate;

  const confidence: Level = s.invocations >= 1000 && s.days >= 7 && split.source !== "none" ? "high" : s.invocations >= 200 && s.days >= 3 ? "medium" : "low";
  if (split.source === "none") reasons.push("no CPU evidence (Lambda Insights, or runs at other sizes): the projection is a wide range");
  if (confidence === "low") reasons.push(`low confidence: ${s.invocations.toLocaleString("en-US")} invocations over ${s.days} days`);

  // Risk of running at the recommended size, as Compute Optimizer grades it: headroom and the pessimistic p99.
  const headroom = recommendedMb / Math.max(1, s.memoryUsedMb.p999);
  const slowdownShare = recommended.p99RangeMs[1] / s.p99DurationMs - 1;
  const risk: Risk =
    s.outOfMemory > 0 || headroom < 1.1 || recommended.p99RangeMs[1] > s.timeoutS * 1000 * 0.9 || !meetsLatency
      ? "High"
      : headroom < 1.25 || slowdownShare > 2 * settings.toleranceShare
        ? "Medium"
        : slowdownShare > settings.toleranceShare || split.source === "none"
          ? "Low"
          : "VeryLow";
  if (s.outOfMemory > 0) reasons.push("the true memory peak is unknown above the limit: watch for OOM kills after the change");

  return {
    ...base,
    finding,
    recommendedMb,
    recommended,
    balanced: project(s, split, balancedMb, region),
    fastest: project(s, split, fastestMb, region),
    savingUsd: current.monthlyUsd - recommended.monthlyUsd,
    confidence,
    risk,
    reasons,
    arm64: s.architecture === "x86_64" ? { savingUsd: recommended.monthlyUsd - recommended.monthlyUsdArm64, checks: arm64Checks(s.runtime) } : null,
  };
}

/** What to check before moving a function to arm64 (Graviton), by runtime. */
export function arm64Checks(runtime: string): string {
  if (runtime.startsWith("provided")) return "Rebuild for arm64 (Go: GOOS=linux GOARCH=arm64; Rust: aarch64-unknown-linux-gnu), then switch the architecture.";
  if (runtime.startsWith("nodejs")) return "Pure JavaScript runs as is; native add-ons (e.g. sharp, bcrypt) need arm64 builds in the package.";
  if (runtime.startsWith("python")) return "Pure Python runs as is; packages with C extensions (e.g. numpy, cryptography) need manylinux aarch64 wheels.";
  if (runtime.startsWith("java")) return "Bytecode runs as is; JNI libraries need arm64 builds.";
  if (runtime.startsWith("dotnet")) return "Publish for linux-arm64 (ReadyToRun images are architecture-specific).";
  if (runtime === "container image") return "Rebuild the image for linux/arm64 (or multi-arch).";
  return "Check native dependencies for arm64 builds.";
}
