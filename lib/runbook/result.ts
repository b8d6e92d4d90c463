// What the runbook API answers and the page renders (types only; shared with the browser).
import type { ObservationCost, SeriesPoint } from "@/lib/types";
import type { Span, StepResult } from "@/lib/runbook/types";

export type RunbookChart = {
  unit: "count" | "ms";
  periodS: number;
  rows: SeriesPoint[];
  series: { key: string; label: string; dashed: boolean; axis?: "right" }[];
  reference?: { value: number; label: string };
};

export type RunbookStep = StepResult & {
  chart?: RunbookChart;
  links?: { label: string; href: string }[];
};

export type RunbookResult = {
  functionName: string;
  incident: Span;
  baselines: Span[];
  windowLabel: string;
  baselineLabel: string;
  alarm: { name: string; state: string; since: string } | null;
  headline: string;
  steps: RunbookStep[];
  markdown: string;
  cost: ObservationCost;
  elapsedMs: number; // time to gather and judge every step (not counting cache hits)
};
