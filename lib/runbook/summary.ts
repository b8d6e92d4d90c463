import type { StepResult } from "@/lib/runbook/types";

/**
 * Which step explains the incident best, when several fire. Causes come before symptoms: a deploy at
 * the onset (roll back: the fastest fix), then throttling, a slow dependency, cold starts; the errors
 * of step 4 are usually the symptom of one of those, and a profile is the last resort.
 */
export const CAUSE_PRIORITY = [5, 1, 3, 2, 4, 6] as const;

/** The summary box: the highest-priority step judged the likely cause, else the highest-priority contributing one. */
export function mostLikelyCause(steps: readonly StepResult[]): { step: StepResult | null; headline: string } {
  const ranked = [...steps].sort((a, b) => CAUSE_PRIORITY.indexOf(a.step) - CAUSE_PRIORITY.indexOf(b.step));
  const step = ranked.find((s) => s.verdict === "likely cause") ?? ranked.find((s) => s.verdict === "contributing") ?? null;
  const unchecked = steps.filter((s) => s.verdict === "could not check").length;
  if (step) return { step, headline: `Step ${step.step} (${step.title}): ${step.verdict}. ${step.action}` };
  return { step: null, headline: unchecked ? `No cause found, but ${unchecked} step${unchecked === 1 ? "" : "s"} could not be checked.` : "Every step is clear." };
}

/** The whole runbook result as Markdown for the incident channel. */
export function runbookMarkdown(p: { functionName: string; windowLabel: string; baselineLabel: string; steps: readonly StepResult[] }): string {
  const { headline } = mostLikelyCause(p.steps);
  const lines = [`## Runbook: ${p.functionName}`, `Window: ${p.windowLabel} · baseline: ${p.baselineLabel}`, "", `**${headline}**`, ""];
  for (const s of p.steps) {
    lines.push(`### ${s.step}. ${s.title}: ${s.verdict}`, s.summary);
    for (const e of s.evidence) lines.push(`- ${e.label}: ${e.value}`);
    lines.push(`- Action: ${s.action}`, "");
  }
  return lines.join("\n");
}
