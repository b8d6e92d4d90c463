import { type StepResult } from "@/lib/runbook/types";

export type ProfileInput = {
  runtime: string;
  warmP99Rise: number | null; // warm p99 incident / baseline (step 3's figure)
  downstreamExplains: boolean; // step 3 named a dependency
  cpuBound: boolean | null; // Lambda Insights cpu_total_time close to duration, when the extension is there
};

const TITLE = "Profile";
const GO_STEPS =
  "Deploy with an environment flag (e.g. PROFILE=1) that wraps the handler in runtime/pprof's StartCPUProfile / StopCPUProfile writing /tmp/cpu.pprof; on a warm invocation copy the file to S3; then run `go tool pprof -http=: cpu.pprof` and compare with a baseline profile. See https://pkg.go.dev/runtime/pprof and https://go.dev/blog/pprof."

/** Step 6: when the function is slower and no dependency explains it, how to profile a warm instance. */
export function evaluateProfile(m: ProfileInput): StepResult {
  const slower = m.warmP99Rise !== null && m.warmP99Rise >= 1.2;
  const verdict = slower && !m.downstreamExplains ? (m.cpuBound ? "likely cause" : "contributing") : "clear";
  const isGo = m.runtime.startsWith("provided");
  return {
    step: 6,
    title: TITLE,
    verdict,
    summary:
      verdict === "clear"
        ? m.downstreamExplains
          ? "The slowdown is explained downstream (step 3): no profile needed."
          : "Warm invocations are not slower than at baseline."
        : `Warm invocations are ${m.warmP99Rise!.toFixed(1)}× slower and no dependency explains it${m.cpuBound ? "; the CPU is busy for most of each invocation" : ""}.`,
    evidence: [{ label: "Warm p99 vs baseline", value: m.warmP99Rise === null ? "—" : `× ${m.warmP99Rise.toFixed(2)}` }, { label: "CPU-bound (Lambda Insights)", value: m.cpuBound === null ? "unknown (no extension)" : m.cpuBound ? "yes" : "no" }],
    action: verdict === "clear" ? "Nothing to do here." : isGo ? GO_STEPS : "Profile a warm instance with the runtime's profiler (Node: --cpu-prof; Python: cProfile) behind an environment flag, and compare with a baseline profile.",
    why: "Contributing when warm p99 rose ≥ 1.2× with no dependency explaining it; likely cause when Lambda Insights also shows the CPU busy for most of the invocation.",
  };
}
