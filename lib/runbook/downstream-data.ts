// Shapes the warm-duration and downstream-latency queries' rows into step 3's input. Pure.
import { numberOf, timestampOf, type InsightsRow } from "@/lib/insights/parse-results";
import type { DependencyTiming, DownstreamInput } from "@/lib/runbook/downstream";
import type { Span } from "@/lib/runbook/types";


const inSpan = (row: InsightsRow, span: Span) => {
  const t = timestampOf(row.hour);
  return t !== undefined && t >= span.startMs && t < span.endMs;
};

/** The worst hourly value in the span: a p99 cannot be averaged, and the worst hour is what hurt. */
const worst = (rows: InsightsRow[], column: string) => {
  const values = rows.map((r) => numberOf(r[column])).filter((v): v is number => v !== undefined);
  return values.length ? Math.max(...values) : null;
};

export function toDownstreamInput(p: {
  warmRows: InsightsRow[];
  dependencyRows: InsightsRow[];
  incident: Span;
  baseline: Span;
  concurrency: DownstreamInput["concurrency"];
}): DownstreamInput {
  const keys = [...new Set(p.dependencyRows.map((r) => `${r.dependency}\u0000${r.target}`))];
  const dependencies: DependencyTiming[] = keys.map((key) => {
    const [dependency, target] = key.split("\u0000");
    const rows = p.dependencyRows.filter((r) => r.dependency === dependency && r.target === target);
    const incidentRows = rows.filter((r) => inSpan(r, p.incident));
    return {
      dependency,
      target,
      incidentP99Ms: worst(incidentRows, "p99Ms"),
      baselineP99Ms: worst(rows.filter((r) => inSpan(r, p.baseline)), "p99Ms"),
      calls: incidentRows.reduce((a, r) => a + (numberOf(r.calls) ?? 0), 0),
    };
  });
  return {
    warmP99Ms: {
      incident: worst(p.warmRows.filter((r) => inSpan(r, p.incident)), "p99WarmDurationMs"),
      baseline: worst(p.warmRows.filter((r) => inSpan(r, p.baseline)), "p99WarmDurationMs"),
    },
    dependencies,
    concurrency: p.concurrency,
  };
}
