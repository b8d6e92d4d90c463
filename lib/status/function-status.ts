import type { FunctionStatus } from "@/lib/types";

// Shared with the browser (the README and the overview legend show these thresholds).
export const STATUS_THRESHOLDS = {
  errorRatePct: { warning: 1, degraded: 5 }, // Errors / Invocations over the range
  throttleRatePct: { warning: 0, degraded: 1 }, // Throttles / (Invocations + Throttles); any throttle warns
  p99OfTimeoutPct: { warning: 70, degraded: 90 }, // Duration p99 as a share of the configured timeout
  dlqDepth: { warning: 1, degraded: 100 }, // messages waiting in the dead-letter queue now
  /** Rates from fewer events than this only warn: 1 error in 3 calls is worth a look, not a page. */
  minEventsForDegraded: 5,
} as const;

export type StatusInput = {
  invocations?: number;
  errors?: number;
  throttles?: number;
  p99DurationMs?: number;
  timeoutS: number;
  dlqDepth?: number;
};

const pct = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

/** Errors as a percentage of invocations; undefined when there were no invocations. */
export const errorRatePct = (errors: number, invocations: number): number | undefined =>
  invocations > 0 ? (100 * errors) / invocations : undefined;
const fmt = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));

/**
 * ok / warning / degraded for one function over a range, with the reasons in words. `idle` when it
 * had no invocations and nothing is waiting in its DLQ; undefined inputs (metrics unavailable) are skipped.
 */
export function functionStatus(m: StatusInput): { status: FunctionStatus; reasons: string[] } {
  const t = STATUS_THRESHOLDS;
  const findings: { level: "warning" | "degraded"; reason: string }[] = [];
  const level = (value: number, th: { warning: number; degraded: number }, events: number) =>
    value >= th.degraded && events >= t.minEventsForDegraded ? "degraded" : value > 0 && value >= th.warning ? "warning" : null;

  const invocations = m.invocations ?? 0;
  if (m.errors !== undefined && m.errors > 0) {
    const rate = errorRatePct(m.errors, invocations) ?? 100;
    const l = level(rate, t.errorRatePct, m.errors);
    if (l) findings.push({ level: l, reason: `error rate ${fmt(rate)}% (${m.errors} of ${invocations})` });
  }
  if (m.throttles !== undefined && m.throttles > 0) {
    const rate = pct(m.throttles, invocations + m.throttles);
    const l = level(rate, t.throttleRatePct, m.throttles);
    if (l) findings.push({ level: l, reason: `${m.throttles} throttled (${fmt(rate)}% of requests)` });
  }
  if (m.p99DurationMs !== undefined && m.timeoutS > 0) {
    const share = pct(m.p99DurationMs, m.timeoutS * 1000);
    const l = level(share, t.p99OfTimeoutPct, t.minEventsForDegraded);
    if (l) findings.push({ level: l, reason: `p99 duration at ${fmt(share)}% of the ${m.timeoutS} s timeout` });
  }
  if (m.dlqDepth !== undefined && m.dlqDepth >= t.dlqDepth.warning) {
    const l = m.dlqDepth >= t.dlqDepth.degraded ? "degraded" : "warning";
    findings.push({ level: l, reason: `${m.dlqDepth} message${m.dlqDepth === 1 ? "" : "s"} in the dead-letter queue` });
  }

  const status: FunctionStatus = findings.some((f) => f.level === "degraded")
    ? "degraded"
    : findings.length > 0
      ? "warning"
      : m.invocations === 0
        ? "idle"
        : "ok";
  return { status, reasons: findings.map((f) => f.reason) };
}
