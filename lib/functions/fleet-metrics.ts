import "server-only";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { CostLedger } from "@/lib/cost/observation-cost";
import { getMetricData, lastValue, sumValues, type MetricQuery } from "@/lib/metrics/get-metric-data";
import type { TimeWindow } from "@/lib/metrics/window";

export type FleetMetricValues = {
  invocations: number;
  errors: number;
  throttles: number;
  p99DurationMs?: number;
  maxConcurrency?: number;
};

/** The five AWS/Lambda figures the overview shows per function, one query each. */
export const FLEET_METRICS = [
  { key: "inv", metricName: "Invocations", stat: "Sum" },
  { key: "err", metricName: "Errors", stat: "Sum" },
  { key: "thr", metricName: "Throttles", stat: "Sum" },
  { key: "p99", metricName: "Duration", stat: "p99" },
  { key: "conc", metricName: "ConcurrentExecutions", stat: "Maximum" },
] as const;

export function fleetQueries(functionNames: readonly string[]): MetricQuery[] {
  return functionNames.flatMap((name, i) =>
    FLEET_METRICS.map((m) => ({
      id: `f${i}_${m.key}`,
      namespace: "AWS/Lambda",
      metricName: m.metricName,
      dimensions: { FunctionName: name },
      stat: m.stat,
    })),
  );
}

/** One number per metric and function over the window (a single period): ceil(5·N/500) calls. */
export async function fleetMetrics(
  client: CloudWatchClient,
  functionNames: readonly string[],
  window: TimeWindow,
  ledger: CostLedger,
): Promise<Map<string, FleetMetricValues>> {
  const { results, cost } = await getMetricData(client, fleetQueries(functionNames), window);
  ledger.countMetrics(cost.calls, cost.metricsRequested);
  const byName = new Map<string, FleetMetricValues>();
  functionNames.forEach((name, i) => {
    const r = (key: string) => results.get(`f${i}_${key}`);
    const conc = r("conc")?.values ?? [];
    byName.set(name, {
      invocations: sumValues(r("inv")),
      errors: sumValues(r("err")),
      throttles: sumValues(r("thr")),
      p99DurationMs: lastValue(r("p99")),
      maxConcurrency: conc.length > 0 ? Math.max(...conc) : undefined,
    });
  });
  return byName;
}
