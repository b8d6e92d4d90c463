import { couldNotCheck, type StepResult } from "@/lib/runbook/types";

export const THROTTLE_THRESHOLDS = {
  likelyRatePct: 1, // ≥ 1 % of requests throttled in the window
  headroom: 1.2, // suggest reserved concurrency 20 % above the peak demand
} as const;

export type ThrottleInput = {
  functionName: string;
  throttles: number;
  invocations: number;
  peakConcurrency: number | null; // ConcurrentExecutions Maximum in the window
  reservedConcurrency: number | null; // null = unreserved
  unreservedPool: number | null; // GetAccountSettings AccountLimit.UnreservedConcurrentExecutions
  durationRoseFirst: boolean; // p99 rose before throttles began: demand is slow calls, not traffic
};

const TITLE = "Throttles";

/** Step 1: are requests being throttled, and is the reserved concurrency (or the account pool) the limit? */
export function evaluateThrottles(m: ThrottleInput | null, failure?: string): StepResult {
  if (!m) return couldNotCheck(1, TITLE, failure ?? "metrics unavailable");
  const requests = m.invocations + m.throttles;
  const ratePct = requests > 0 ? (100 * m.throttles) / requests : 0;
  const limit = m.reservedConcurrency ?? m.unreservedPool;
  const atLimit = limit !== null && m.peakConcurrency !== null && m.peakConcurrency >= limit;
  // Demand in environments: what ran plus the share that was turned away.
  const demand = m.peakConcurrency === null ? null : Math.ceil(m.peakConcurrency * (requests / Math.max(m.invocations, 1)));
  const suggested = demand === null ? null : Math.ceil(demand * THROTTLE_THRESHOLDS.headroom);
  const verdict = m.throttles === 0 ? "clear" : ratePct >= THROTTLE_THRESHOLDS.likelyRatePct && atLimit ? "likely cause" : "contributing";
  const limitName = m.reservedConcurrency !== null ? `reserved concurrency ${m.reservedConcurrency}` : `the account's unreserved pool (${m.unreservedPool ?? "?"})`;
  return {
    step: 1,
    title: TITLE,
    verdict,
    summary:
      m.throttles === 0
        ? "No request was throttled in the window."
        : `${m.throttles.toLocaleString("en-US")} requests throttled (${ratePct.toFixed(1)} %); peak concurrency ${m.peakConcurrency ?? "?"} against ${limitName}.`,
    evidence: [
      { label: "Throttles", value: m.throttles.toLocaleString("en-US") },
      { label: "Throttle rate", value: `${ratePct.toFixed(2)} %` },
      { label: "Peak ConcurrentExecutions", value: String(m.peakConcurrency ?? "—") },
      { label: "Limit", value: limitName },
    ],
    action:
      verdict === "clear"
        ? "Nothing to do here."
        : m.durationRoseFirst
          ? "Duration rose before the throttles: the function is slower, so it holds environments longer. Look downstream first (step 3) before raising concurrency."
          : m.reservedConcurrency !== null && suggested !== null
            ? `Raise reserved concurrency from ${m.reservedConcurrency} to ${suggested}: aws lambda put-function-concurrency --function-name ${m.functionName} --reserved-concurrent-executions ${suggested}`
            : "Request a higher account concurrency quota (Service Quotas, Lambda concurrent executions) or reserve concurrency for this function.",
    why: `Likely cause when ≥ ${THROTTLE_THRESHOLDS.likelyRatePct} % of requests are throttled and peak concurrency reaches the limit; contributing when any request is throttled. The suggestion is the peak demand (peak concurrency × requests / invocations) plus ${Math.round((THROTTLE_THRESHOLDS.headroom - 1) * 100)} %.`,
  };
}
