// Shapes the warm-duration and downstream-latency queries' rows into step 3's input. Pure.
// Each query runs once over the incident window and once over each baseline span.
import { numberOf, type InsightsRow } from "@/lib/insights/parse-results";
import type { DependencyTiming, DownstreamInput } from "@/lib/runbook/downstream";
import { median } from "@/lib/runbook/types";

export type SpanRows = { incident: InsightsRow[]; baselines: InsightsRow[][] };

/** The worst hourly value of a span: a p99 cannot be averaged, and the worst hour is what hurt. */
const worst = (rows: InsightsRow[], column: string) => {
  const values = rows.map((r) => numberOf(r[column])).filter((v): v is number => v !== undefined);
  return values.length ? Math.max(...values) : null;
};

/** The typical baseline: the median of each baseline span's worst hour (one bad day does not set it). */
const typical = (spans: InsightsRow[][], column: string) => median(spans.map((rows) => worst(rows, column)).filter((v): v is number => v !== null));

const ofDependency = (rows: InsightsRow[], dependency: string, target: string) => rows.filter((r) => r.dependency === dependency && r.target === target);

export function toDownstreamInput(p: { warm: SpanRows; dependencies: SpanRows; concurrency: DownstreamInput["concurrency"] }): DownstreamInput {
  const all = [p.dependencies.incident, ...p.dependencies.baselines].flat();
  const keys = [...new Set(all.map((r) => `${r.dependency}\u0000${r.target}`))];
  const dependencies: DependencyTiming[] = keys.map((key) => {
    const [dependency, target] = key.split("\u0000");
    const incidentRows = ofDependency(p.dependencies.incident, dependency, target);
    return {
      dependency,
      target,
      incidentP99Ms: worst(incidentRows, "p99Ms"),
      baselineP99Ms: typical(p.dependencies.baselines.map((rows) => ofDependency(rows, dependency, target)), "p99Ms"),
      calls: incidentRows.reduce((a, r) => a + (numberOf(r.calls) ?? 0), 0),
    };
  });
  return {
    warmP99Ms: { incident: worst(p.warm.incident, "p99WarmDurationMs"), baseline: typical(p.warm.baselines, "p99WarmDurationMs") },
    dependencies,
    concurrency: p.concurrency,
  };
}
