import { couldNotCheck, type StepResult } from "@/lib/runbook/types";

export const ERROR_THRESHOLDS = { likelyRatePct: 5, contributingRatePct: 1 } as const;

export type ErrorGroup = { message: string; kind: "error" | "timeout" | "out of memory"; count: number; firstSeenMs: number; lastSeenMs: number; sampleRequestIds: string[] };

export type ErrorInput = { invocations: number; errors: number; groups: ErrorGroup[] };

const TITLE = "Error samples";

/** Step 4: how many invocations fail, with which messages; timeouts and OOM kills named as such. */
export function evaluateErrors(m: ErrorInput | null, failure?: string): StepResult {
  if (!m) return couldNotCheck(4, TITLE, failure ?? "logs unavailable");
  const t = ERROR_THRESHOLDS;
  const ratePct = m.invocations > 0 ? (100 * m.errors) / m.invocations : 0;
  const killed = m.groups.some((g) => g.kind !== "error"); // timeouts and OOM kills always deserve a look
  // A healthy function's background of ~0.1 % errors is not a cause: below 1 % it is clear.
  const verdict = ratePct >= t.likelyRatePct ? "likely cause" : ratePct >= t.contributingRatePct || killed ? "contributing" : "clear";
  const top = [...m.groups].sort((a, b) => b.count - a.count)[0];
  const oom = m.groups.filter((g) => g.kind === "out of memory").reduce((a, g) => a + g.count, 0);
  const timeouts = m.groups.filter((g) => g.kind === "timeout").reduce((a, g) => a + g.count, 0);
  return {
    step: 4,
    title: TITLE,
    verdict,
    summary:
      m.errors === 0 && m.groups.length === 0
        ? "No errors in the window."
        : `${m.errors} of ${m.invocations} invocations failed (${ratePct.toFixed(2)} %)` + (top ? `; most often "${top.message}" (${top.count}).` : "."),
    evidence: m.groups.slice(0, 5).map((g) => ({ label: `${g.kind}: ${g.message}`, value: `${g.count} × · ${g.sampleRequestIds.slice(0, 3).join(", ")}` })),
    action:
      oom > 0
        ? `${oom} out-of-memory kills: raise the memory size (the right-sizing page has the figure), then look for what grows per request.`
        : timeouts > 0
          ? `${timeouts} timeouts: check downstream latency (step 3) and keep each call's timeout below the function's.`
          : top
            ? `Open the sample requests in the console and fix "${top.message}"; if it started with a deploy, roll back (step 5).`
            : "Nothing to do here.",
    why: `Likely cause at an error rate ≥ ${t.likelyRatePct} %; contributing at ≥ ${t.contributingRatePct} %, or with any timeout or out-of-memory kill.`,
  };
}
