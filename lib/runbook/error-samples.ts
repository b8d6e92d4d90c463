import { couldNotCheck, type StepResult } from "@/lib/runbook/types";

export const ERROR_THRESHOLDS = { likelyRatePct: 5, contributingRatePct: 1, memoryPressurePct: 95 } as const;

export type ErrorGroup = { message: string; kind: "error" | "timeout" | "out of memory"; count: number; firstSeenMs: number; lastSeenMs: number; sampleRequestIds: string[] };

export type ErrorInput = {
  invocations: number;
  errors: number;
  groups: ErrorGroup[];
  maxMemoryUtilisationPct: number | null; // max memory used / size at the window's peak (REPORT lines)
};

const TITLE = "Error samples";

/** Step 4: how many invocations fail, with which messages; timeouts and OOM kills named as such. */
export function evaluateErrors(m: ErrorInput | null, failure?: string): StepResult {
  if (!m) return couldNotCheck(4, TITLE, failure ?? "logs unavailable");
  const t = ERROR_THRESHOLDS;
  const ratePct = m.invocations > 0 ? (100 * m.errors) / m.invocations : 0;
  const top = [...m.groups].sort((a, b) => b.count - a.count)[0];
  const oom = m.groups.filter((g) => g.kind === "out of memory").reduce((a, g) => a + g.count, 0);
  const timeouts = m.groups.filter((g) => g.kind === "timeout").reduce((a, g) => a + g.count, 0);
  const pressed = m.maxMemoryUtilisationPct !== null && m.maxMemoryUtilisationPct >= t.memoryPressurePct;
  // An OOM kill is never noise and its fix is known; a healthy background of ~0.1 % errors is.
  const verdict = ratePct >= t.likelyRatePct || oom > 0 ? "likely cause" : ratePct >= t.contributingRatePct || timeouts > 0 || pressed ? "contributing" : "clear";
  const memory = m.maxMemoryUtilisationPct === null ? [] : [{ label: "Peak memory used", value: `${m.maxMemoryUtilisationPct.toFixed(1)} % of the memory size` }];
  return {
    step: 4,
    title: TITLE,
    verdict,
    summary:
      m.errors === 0 && m.groups.length === 0
        ? "No errors in the window."
        : `${m.errors} of ${m.invocations} invocations failed (${ratePct.toFixed(2)} %)` + (top ? `; most often "${top.message}" (${top.count}).` : "."),
    evidence: [...m.groups.slice(0, 5).map((g) => ({ label: `${g.kind}: ${g.message}`, value: `${g.count} × · ${g.sampleRequestIds.slice(0, 3).join(", ")}` })), ...memory],
    action:
      oom > 0
        ? `${oom} out-of-memory kills: raise the memory size (the right-sizing page has the figure), then look for what grows per request.`
        : timeouts > 0
          ? `${timeouts} timeouts: check downstream latency (step 3) and keep each call's timeout below the function's.`
          : pressed
            ? `Memory peaked at ${m.maxMemoryUtilisationPct!.toFixed(0)} % of its size: the next bigger request is killed. Raise the memory size (the right-sizing page has the figure).`
          : top
            ? `Open the sample requests in the console and fix "${top.message}"; if it started with a deploy, roll back (step 5).`
            : "Nothing to do here.",
    why: `Likely cause at an error rate ≥ ${t.likelyRatePct} % or with any out-of-memory kill; contributing at ≥ ${t.contributingRatePct} %, with any timeout, or with memory used ≥ ${t.memoryPressurePct} % of its size.`,
  };
}
