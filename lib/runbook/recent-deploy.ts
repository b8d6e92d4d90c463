import { couldNotCheck, type StepResult } from "@/lib/runbook/types";

export const DEPLOY_THRESHOLDS = {
  onsetWithinMs: 2 * 3_600_000, // a deploy up to 2 h before the onset can have caused it…
  onsetToleranceMs: 15 * 60_000, // …or up to 15 min after it: the onset is measured on 15-minute windows
  errorRatioVsPrevious: 2, // the new version fails at least twice as often as the previous one
  minNewErrorRatePct: 1,
  p99RatioVsPrevious: 1.5,
} as const;

export type VersionStats = { version: string; invocations: number; errors: number; p99DurationMs: number | null };

/** From `fromMs`, the alias sent these shares of traffic to these versions (observed per ExecutedVersion). */
export type TrafficShift = { fromMs: number; shares: Record<string, number> };

export type DeployInput = {
  functionName: string;
  versions: { version: string; publishedMs: number }[];
  alias: { name: string; version: string; additionalVersionWeights: Record<string, number> } | null;
  byVersion: VersionStats[]; // Errors / Invocations / Duration p99 per ExecutedVersion since the lookback start
  shifts: TrafficShift[]; // the alias's traffic split over the lookback, oldest first
  onsetMs: number | null; // when errors or latency started to rise; null when nothing rose
};

const TITLE = "Recent deploy";
const rate = (v: VersionStats) => (v.invocations > 0 ? (100 * v.errors) / v.invocations : 0);

/**
 * Did a deploy land in the span (start inclusive, end exclusive): a version published, or the alias's
 * traffic split changing (the first shift is only where the lookback starts, not a change)?
 */
export const deployedIn = (span: { startMs: number; endMs: number }, publishedMs: readonly number[], shifts: readonly TrafficShift[]) =>
  [...publishedMs, ...shifts.slice(1).map((s) => s.fromMs)].some((ms) => ms >= span.startMs && ms < span.endMs);

/** The AWS CLI command that sends all of an alias's traffic back to one version (shown, never run). */
export const rollbackCommand = (functionName: string, alias: string, version: string) =>
  `aws lambda update-alias --function-name ${functionName} --name ${alias} --function-version ${version} --routing-config 'AdditionalVersionWeights={}'`;

/** Step 5: did a deploy (or a canary weight shift) start the trouble, and what to roll back to? */
export function evaluateRecentDeploy(m: DeployInput | null, failure?: string): StepResult {
  if (!m) return couldNotCheck(5, TITLE, failure ?? "versions unavailable");
  const t = DEPLOY_THRESHOLDS;
  const newest = [...m.versions].sort((a, b) => b.publishedMs - a.publishedMs)[0];
  const nearOnset = newest !== undefined && m.onsetMs !== null && newest.publishedMs <= m.onsetMs + t.onsetToleranceMs && m.onsetMs - newest.publishedMs <= t.onsetWithinMs;
  const current = m.byVersion.find((v) => v.version === newest?.version);
  // The version to go back to: the busiest other version in the window (the one the canary shifted from).
  const previous = m.byVersion.filter((v) => v.version !== newest?.version).sort((a, b) => b.invocations - a.invocations)[0];
  const worseErrors = current && previous && rate(current) >= t.minNewErrorRatePct && rate(current) >= t.errorRatioVsPrevious * Math.max(rate(previous), 0.01);
  const slower = current?.p99DurationMs && previous?.p99DurationMs ? current.p99DurationMs >= t.p99RatioVsPrevious * previous.p99DurationMs : false;
  const verdict = nearOnset && (worseErrors || slower) ? "likely cause" : nearOnset ? "contributing" : "clear";
  const weights = Object.entries(m.alias?.additionalVersionWeights ?? {}).map(([v, w]) => `${Math.round(w * 100)} % → v${v}`).join(", ");
  // No traffic on the old version in the lookback (the shift was long ago): the version published before.
  const target = previous?.version ?? [...m.versions].sort((a, b) => b.publishedMs - a.publishedMs)[1]?.version;
  const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
  // One segment is no shift: it only says which version served the lookback.
  const shiftEvidence = (m.shifts.length > 1 ? m.shifts : []).map((s) => ({
    label: `Traffic from ${at(s.fromMs)} UTC`,
    value: Object.entries(s.shares).map(([v, share]) => `v${v} ${Math.round(share * 100)} %`).join(", "),
  }));
  return {
    step: 5,
    title: TITLE,
    verdict,
    summary: newest
      ? `Version ${newest.version} was published ${new Date(newest.publishedMs).toISOString().slice(0, 16).replace("T", " ")} UTC${m.alias ? `; alias ${m.alias.name} → v${m.alias.version}${weights ? ` (${weights})` : ""}` : ""}.` +
        (current && previous ? ` Errors: v${current.version} ${rate(current).toFixed(1)} % vs v${previous.version} ${rate(previous).toFixed(1)} %.` : "")
      : "No published versions: every invocation runs $LATEST.",
    evidence: [
      ...[...m.versions].sort((a, b) => a.publishedMs - b.publishedMs).slice(-3).map((v) => ({ label: `v${v.version} published`, value: `${at(v.publishedMs)} UTC` })),
      ...shiftEvidence,
      ...m.byVersion.map((v) => ({ label: `v${v.version} since the lookback`, value: `${v.invocations.toLocaleString("en-US")} invocations, ${rate(v).toFixed(2)} % errors, p99 ${v.p99DurationMs?.toFixed(0) ?? "—"} ms` })),
    ],
    action:
      verdict === "likely cause" && m.alias && target
        ? `Roll back alias ${m.alias.name} to version ${target} (the dashboard never runs it): ${rollbackCommand(m.functionName, m.alias.name, target)}`
        : verdict === "contributing"
          ? "A deploy landed just before the onset but the new version does not fail more than the old one: keep it in mind while checking the other steps."
          : "Nothing to do here.",
    why: `Likely cause when the newest version was published up to ${t.onsetWithinMs / 3_600_000} h before the onset and fails ≥ ${t.errorRatioVsPrevious}× as often as the previous version (and ≥ ${t.minNewErrorRatePct} %), or its p99 is ≥ ${t.p99RatioVsPrevious}× the previous version's. Per-version figures come from the ExecutedVersion dimension.`,
  };
}
