import { changeRatio, couldNotCheck, type StepResult } from "@/lib/runbook/types";

export const COLD_START_THRESHOLDS = {
  likelyRatioToBaseline: 2, // cold-start rate at least doubled
  likelyMinRatePct: 5, // and at least 5 % of invocations
  contributingRatioToBaseline: 1.5,
  contributingMinRatePct: 1, // below 1 % of invocations, cold starts are noise whatever their ratio
  chronicRatePct: 20, // one invocation in five waits for init: a cause even when it was always so…
  chronicInitShare: 0.25, // …if init is long next to the work itself (400 ms before a 60 s export is not)

  surgeRatio: 1.5, // invocations up 50 %: new environments are expected
} as const;

export type ColdStartInput = {
  incident: { invocations: number; coldStarts: number; avgInitDurationMs: number | null; p50DurationMs: number | null };
  baseline: { invocations: number; coldStarts: number; avgInitDurationMs: number | null; p50DurationMs: number | null };
  deployInWindow: boolean; // a version was published or an alias moved in the window
  outOfMemoryKills: number; // each one recycles an environment
};

const TITLE = "Cold-start rate";
const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

/** Step 2: did cold starts rise, and is it a traffic surge or environments being recycled? */
export function evaluateColdStarts(m: ColdStartInput | null, failure?: string): StepResult {
  if (!m) return couldNotCheck(2, TITLE, failure ?? "logs unavailable");
  const t = COLD_START_THRESHOLDS;
  const rate = pct(m.incident.coldStarts, m.incident.invocations);
  const baseRate = pct(m.baseline.coldStarts, m.baseline.invocations);
  const rise = changeRatio(rate, baseRate);
  const traffic = changeRatio(m.incident.invocations, m.baseline.invocations);
  const surge = traffic !== null && traffic >= t.surgeRatio;
  const { avgInitDurationMs: init, p50DurationMs: p50 } = m.incident;
  const initMatters = init !== null && p50 !== null && init >= t.chronicInitShare * p50;
  const chronic = rate !== null && rate >= t.chronicRatePct && initMatters && !(rise !== null && rise >= t.contributingRatioToBaseline);
  const risen = rate !== null && rate >= t.contributingMinRatePct && (rise === null ? rate >= t.likelyMinRatePct : rise >= t.contributingRatioToBaseline);
  const verdict = chronic ? "likely cause" : !risen ? "clear" : rate! >= t.likelyMinRatePct && (rise === null || rise >= t.likelyRatioToBaseline) ? "likely cause" : "contributing";
  const reason = chronic
    ? "as high as at baseline: traffic is too sparse or bursty to keep environments warm"
    : surge
    ? `traffic is up ${(traffic! * 100 - 100).toFixed(0)} %, so new environments are expected`
    : m.deployInWindow
      ? "a deploy in the window replaced every environment"
      : m.outOfMemoryKills > 0
        ? `${m.outOfMemoryKills} out-of-memory kills recycled environments`
        : "environments are being recycled without a traffic surge";
  const fmt = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)} %`);
  return {
    step: 2,
    title: TITLE,
    verdict,
    summary: chronic
      ? `Cold starts ${fmt(rate)} of invocations (baseline ${fmt(baseRate)}): ${reason}.`
      : risen ? `Cold starts ${fmt(rate)} of invocations against ${fmt(baseRate)} at baseline: ${reason}.` : `Cold starts ${fmt(rate)} of invocations, as at baseline (${fmt(baseRate)}).`,
    evidence: [
      { label: "Cold starts (window)", value: `${m.incident.coldStarts} of ${m.incident.invocations} (${fmt(rate)})` },
      { label: "Cold starts (baseline)", value: `${m.baseline.coldStarts} of ${m.baseline.invocations} (${fmt(baseRate)})` },
      { label: "Average init", value: `${m.incident.avgInitDurationMs?.toFixed(0) ?? "—"} ms (baseline ${m.baseline.avgInitDurationMs?.toFixed(0) ?? "—"} ms)` },
      { label: "Median duration", value: `${m.incident.p50DurationMs?.toFixed(0) ?? "—"} ms` },
      { label: "Traffic vs baseline", value: traffic === null ? "—" : `× ${traffic.toFixed(2)}` },
    ],
    action: chronic
      ? "Every burst starts new environments: add provisioned concurrency for the usual burst size, or a scheduled warm-up, and trim init work (lazy clients, smaller package)."
      : !risen
      ? "Nothing to do here."
      : surge
        ? "Expected with a traffic surge. If init latency hurts users, consider provisioned concurrency for the steady floor of traffic."
        : m.outOfMemoryKills > 0
          ? "Out-of-memory kills restart environments: see step 4 and raise the memory size."
          : "Check what recycles environments (deploys, crashes, long idle gaps); trim init work (lazy clients, smaller package).",
    why: `Likely cause when the cold-start rate is ≥ ${t.likelyMinRatePct} % and at least × ${t.likelyRatioToBaseline} its baseline; contributing from × ${t.contributingRatioToBaseline} when at least ${t.contributingMinRatePct} % of invocations. A rate ≥ ${t.chronicRatePct} % is a likely cause even when the baseline was as high (chronic cold starts), if init takes ≥ ${t.chronicInitShare * 100} % of the median duration. A traffic surge is invocations × ${t.surgeRatio} or more.`,
  };
}
