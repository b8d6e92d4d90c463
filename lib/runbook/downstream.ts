import { changeRatio, couldNotCheck, type StepResult } from "@/lib/runbook/types";

export const DOWNSTREAM_THRESHOLDS = {
  likelyP99Ratio: 1.5, // warm p99 at least 1.5 × its baseline
  contributingP99Ratio: 1.2,
  dependencyRatio: 1.5, // a dependency whose p99 rose this much is named
} as const;

export type DependencyTiming = { dependency: string; target: string; incidentP99Ms: number | null; baselineP99Ms: number | null; calls: number };

export type DownstreamInput = {
  warmP99Ms: { incident: number | null; baseline: number | null }; // duration p99 without cold starts
  dependencies: DependencyTiming[]; // from the function's structured "downstream call" log lines
  concurrency: { incidentPeak: number | null; baselinePeak: number | null };
};

const TITLE = "Downstream latency";
const ms = (v: number | null) => (v === null ? "—" : `${v.toFixed(0)} ms`);

/** Dependencies whose p99 rose at least `dependencyRatio` × their baseline, the worst first. */
export const slowedDependencies = (m: DownstreamInput) =>
  m.dependencies
    .map((d) => ({ ...d, ratio: changeRatio(d.incidentP99Ms, d.baselineP99Ms) }))
    .filter((d) => d.ratio !== null && d.ratio >= DOWNSTREAM_THRESHOLDS.dependencyRatio)
    .sort((a, b) => b.ratio! - a.ratio!);

/** Step 3: with cold starts factored out, did the function get slower, and which dependency did? */
export function evaluateDownstream(m: DownstreamInput | null, failure?: string): StepResult {
  if (!m) return couldNotCheck(3, TITLE, failure ?? "logs unavailable");
  const t = DOWNSTREAM_THRESHOLDS;
  const rise = changeRatio(m.warmP99Ms.incident, m.warmP99Ms.baseline);
  const slowed = slowedDependencies(m);
  const verdict = rise === null || rise < t.contributingP99Ratio ? "clear" : rise >= t.likelyP99Ratio ? "likely cause" : "contributing";
  const concurrencyRise = changeRatio(m.concurrency.incidentPeak, m.concurrency.baselinePeak);
  const culprit = slowed[0];
  return {
    step: 3,
    title: TITLE,
    verdict,
    summary:
      verdict === "clear"
        ? `Warm p99 ${ms(m.warmP99Ms.incident)}, as at baseline (${ms(m.warmP99Ms.baseline)}).`
        : `Warm p99 ${ms(m.warmP99Ms.incident)} against ${ms(m.warmP99Ms.baseline)} at baseline (× ${rise!.toFixed(1)})` +
          (culprit ? `; ${culprit.dependency} ${culprit.target} p99 went from ${ms(culprit.baselineP99Ms)} to ${ms(culprit.incidentP99Ms)}.` : "; no dependency's timing rose with it.") +
          (concurrencyRise !== null && concurrencyRise >= 1.2 ? ` Concurrency rose with it (× ${concurrencyRise.toFixed(1)}).` : ""),
    evidence: m.dependencies.map((d) => ({ label: `${d.dependency} ${d.target}`, value: `p99 ${ms(d.incidentP99Ms)} (baseline ${ms(d.baselineP99Ms)}), ${d.calls} calls` })),
    action:
      verdict === "clear"
        ? "Nothing to do here."
        : culprit
          ? `Look at ${culprit.dependency} ${culprit.target}: its latency rose first-hand (throttling, hot partition, slow queries). Add a timeout shorter than the function's so one slow call cannot hold the whole invocation.`
          : "No dependency explains it: the function's own code got slower. Capture a profile (step 6).",
    why: `Likely cause when the p99 of warm invocations (cold starts excluded) is ≥ ${t.likelyP99Ratio}× its baseline; contributing from ${t.contributingP99Ratio}×. A dependency is named when its p99 rose ≥ ${t.dependencyRatio}×.`,
  };
}
