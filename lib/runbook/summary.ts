import type { StepResult } from "@/lib/runbook/types";

/** The summary box: the first step (in runbook order) judged the likely cause, else the first contributing one. */
export function mostLikelyCause(steps: readonly StepResult[]): { step: StepResult | null; headline: string } {
  const step = steps.find((s) => s.verdict === "likely cause") ?? steps.find((s) => s.verdict === "contributing") ?? null;
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
