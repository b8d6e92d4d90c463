// How a function behaves at run time: traffic shape, where its time goes, memory and errors.
// Kept apart from FunctionSpec (the AWS-visible configuration) because AWS never shows it; the
// model derives everything it publishes from these numbers plus the configuration.

export interface Behaviour {
  /** diurnal: Poisson arrivals following US daytime; scheduled: one call every `everyMin`; bursty: rare clumps. */
  pattern: "diurnal" | "scheduled" | "bursty";
  /** diurnal: requests per second at the weekday peak (≈19:00 UTC). */
  peakRps: number;
  /** scheduled: minutes between invocations (an EventBridge rate() rule). */
  everyMin: number;
  /** bursty: chance that a burst starts in a given minute at the daily peak, and its mean extra size. */
  burstPerMin: number;
  burstExtraMean: number;
  /** Median time spent waiting on downstream calls; does not change with memory. */
  waitMs: number;
  /** Median CPU time with one full vCPU (1,769 MB); scales with 1,769 / min(memory, 1,769 × parallelism). */
  cpuMs: number;
  /** vCPUs the code can keep busy (1 for single-threaded handlers). */
  parallelism: number;
  /** Lognormal spread (sigma of ln) of both parts. */
  sigma: number;
  /** Typical max memory used per invocation and its spread, both MB. */
  memoryUsedMb: number;
  memorySpreadMb: number;
  /** Fraction of invocations that end with a handler error, when healthy. */
  errorRate: number;
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  pattern: "diurnal",
  peakRps: 1,
  everyMin: 60,
  burstPerMin: 0,
  burstExtraMean: 0,
  waitMs: 40,
  cpuMs: 15,
  parallelism: 1,
  sigma: 0.35,
  memoryUsedMb: 60,
  memorySpreadMb: 6,
  errorRate: 0.001,
};

/** 1,769 MB of memory buys one vCPU-second per second (AWS-FACTS §2). */
export const MEMORY_MB_PER_VCPU = 1_769;

/** Median duration with the given memory: waiting part + CPU part × 1,769 / min(memory, 1,769 × parallelism). */
export function medianDurationMs(behaviour: Behaviour, memoryMb: number): number {
  return behaviour.waitMs + cpuPartMs(behaviour, memoryMb);
}

export function cpuPartMs(behaviour: Behaviour, memoryMb: number): number {
  const usableMb = Math.min(memoryMb, MEMORY_MB_PER_VCPU * behaviour.parallelism);
  return (behaviour.cpuMs * MEMORY_MB_PER_VCPU) / usableMb;
}

/**
 * CPU time consumed by `cpuWallMs` of CPU-bound wall-clock time at `memoryMb`: the function keeps
 * min(memory, 1,769 × parallelism) / 1,769 vCPUs busy meanwhile. The inverse of cpuPartMs, so for an
 * uncut invocation it is `cpuMs × spread` whatever the memory (what Lambda Insights reports as
 * cpu_total_time).
 */
export function cpuTimeMs(behaviour: Behaviour, memoryMb: number, cpuWallMs: number): number {
  const usableMb = Math.min(memoryMb, MEMORY_MB_PER_VCPU * behaviour.parallelism);
  return (cpuWallMs * usableMb) / MEMORY_MB_PER_VCPU;
}

/** Init (cold start) duration range by runtime, ms: Go binaries start fast, interpreters load more. */
export function initRangeMs(runtime: string): [number, number] {
  if (runtime.startsWith("provided")) return [60, 200];
  if (runtime.startsWith("nodejs")) return [150, 400];
  return [200, 600];
}

/** Handler error kinds as the runtimes report them in errorType. */
export function handlerErrorKinds(runtime: string): readonly string[] {
  if (runtime.startsWith("provided")) return GO_ERRORS;
  if (runtime.startsWith("nodejs")) return NODE_ERRORS;
  return PYTHON_ERRORS;
}
const GO_ERRORS = ["*errors.errorString", "*net.OpError", "*smithy.OperationError"];
const NODE_ERRORS = ["Error", "TypeError", "TimeoutError"];
const PYTHON_ERRORS = ["KeyError", "ValueError", "ClientError"];
