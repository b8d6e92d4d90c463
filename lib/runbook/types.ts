// The degraded-function runbook (issue 5): six ordered steps, each judged by one pure evaluator on
// numbers fetched elsewhere. Shared with the browser (types and pure code only).

export type Verdict = "likely cause" | "contributing" | "clear" | "could not check";

/** A time window of the runbook: the incident, or one baseline period. */
export type Span = { startMs: number; endMs: number };

export type Evidence = { label: string; value: string };

export type StepResult = {
  step: 1 | 2 | 3 | 4 | 5 | 6;
  title: string;
  verdict: Verdict;
  summary: string; // one sentence: what the numbers say
  evidence: Evidence[];
  action: string; // what to do, concretely
  why: string; // the thresholds behind the verdict, shown on the page
};

/** A step whose data could not be fetched: the reason names the failed AWS action. */
export const couldNotCheck = (step: StepResult["step"], title: string, reason: string): StepResult => ({
  step,
  title,
  verdict: "could not check",
  summary: reason,
  evidence: [],
  action: "Fix the access or retry; the other steps do not depend on this one.",
  why: "The data this step needs could not be read.",
});

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Relative change of an incident figure against its baseline; null when the baseline is 0 or unknown. */
export const changeRatio = (incident: number | null, baseline: number | null) =>
  incident === null || baseline === null || baseline === 0 ? null : incident / baseline;
