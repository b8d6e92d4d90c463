import { expect, test } from "vitest";
import { mostLikelyCause, runbookMarkdown } from "@/lib/runbook/summary";
import type { StepResult } from "@/lib/runbook/types";

const step = (n: StepResult["step"], verdict: StepResult["verdict"]): StepResult => ({
  step: n, title: `Step ${n} title`, verdict, summary: `summary ${n}`, evidence: [{ label: "x", value: String(n) }], action: `do ${n}`, why: "",
});

test("the summary prefers a cause over its symptom: a bad deploy (5) over the errors it throws (4)", () => {
  const steps = [step(1, "clear"), step(2, "contributing"), step(3, "clear"), step(4, "likely cause"), step(5, "likely cause"), step(6, "clear")];
  expect(mostLikelyCause(steps).step?.step).toBe(5);
  expect(mostLikelyCause(steps.map((s) => (s.step === 5 ? { ...s, verdict: "clear" as const } : s))).step?.step).toBe(4);
  // no likely cause: the highest-priority contributing step
  expect(mostLikelyCause(steps.map((s) => (s.verdict === "likely cause" ? { ...s, verdict: "clear" as const } : s))).step?.step).toBe(2);
  expect(mostLikelyCause([step(2, "contributing"), step(3, "contributing")]).step?.step).toBe(3);
});

test("all clear, or clear with unchecked steps, says which", () => {
  expect(mostLikelyCause([step(1, "clear")]).headline).toBe("Every step is clear.");
  expect(mostLikelyCause([step(1, "clear"), step(2, "could not check")]).headline).toBe("No cause found, but 1 step could not be checked.");
});

test("the Markdown copy contains every step with its verdict, evidence and action", () => {
  const md = runbookMarkdown({ functionName: "checkout-api-prod", windowLabel: "last 1 h", baselineLabel: "same hours, previous 7 days", steps: [1, 2, 3, 4, 5, 6].map((n) => step(n as StepResult["step"], "clear")) });
  for (const n of [1, 2, 3, 4, 5, 6]) {
    expect(md).toContain(`### ${n}. Step ${n} title: clear`);
    expect(md).toContain(`- Action: do ${n}`);
  }
  expect(md.startsWith("## Runbook: checkout-api-prod")).toBe(true);
});
