import "server-only";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { GetAccountSettingsCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { CostLedger } from "@/lib/cost/observation-cost";
import { getMetricData, sumValues, type MetricQuery } from "@/lib/metrics/get-metric-data";
import type { ThrottleInput } from "@/lib/runbook/throttles";
import type { Span } from "@/lib/runbook/types";

const STEP_S = 300; // 5-minute periods: fine enough to see which rose first

const q = (id: string, metricName: string, stat: string, functionName: string): MetricQuery => ({
  id,
  namespace: "AWS/Lambda",
  metricName,
  dimensions: { FunctionName: functionName },
  stat,
});

/** First period whose value exceeds `factor` × the median of the periods before the window; null if none. */
export function onsetMs(timestampsMs: number[], values: number[], windowStartMs: number, factor: number): number | null {
  const before = values.filter((_, i) => timestampsMs[i] < windowStartMs).sort((a, b) => a - b);
  const median = before.length ? before[Math.floor(before.length / 2)] : 0;
  const i = values.findIndex((v, k) => timestampsMs[k] >= windowStartMs && v > Math.max(median * factor, 0));
  return i === -1 ? null : timestampsMs[i];
}

/** Step 1's numbers: throttles, invocations and peak concurrency in the window; the account's pool; what rose first. */
export async function gatherThrottles(
  clients: { cloudwatch: CloudWatchClient; lambda: LambdaClient },
  fn: { name: string; reservedConcurrency: number | null },
  incident: Span,
  ledger: CostLedger,
): Promise<ThrottleInput> {
  // An hour before the window gives the p99 baseline the onset is measured against.
  const window = { startMs: incident.startMs - 3_600_000, endMs: incident.endMs, periodS: STEP_S };
  const queries = [q("thr", "Throttles", "Sum", fn.name), q("inv", "Invocations", "Sum", fn.name), q("conc", "ConcurrentExecutions", "Maximum", fn.name), q("p99", "Duration", "p99", fn.name)];
  ledger.count("lambda:GetAccountSettings");
  const [{ results, cost }, settings] = await Promise.all([getMetricData(clients.cloudwatch, queries, window), clients.lambda.send(new GetAccountSettingsCommand({}))]);
  ledger.countMetrics(cost.calls, cost.metricsRequested);
  const inWindow = (id: string) => {
    const r = results.get(id);
    const keep = (r?.timestampsMs ?? []).map((t) => t >= incident.startMs);
    return { timestampsMs: (r?.timestampsMs ?? []).filter((_, i) => keep[i]), values: (r?.values ?? []).filter((_, i) => keep[i]), status: "Complete", messages: [] };
  };
  const conc = inWindow("conc").values;
  const thr = results.get("thr");
  const p99 = results.get("p99");
  const throttleOnset = thr ? onsetMs(thr.timestampsMs, thr.values, incident.startMs, 0) : null;
  const p99Onset = p99 ? onsetMs(p99.timestampsMs, p99.values, incident.startMs, 1.5) : null;
  return {
    throttles: sumValues(inWindow("thr")),
    invocations: sumValues(inWindow("inv")),
    peakConcurrency: conc.length ? Math.max(...conc) : null,
    reservedConcurrency: fn.reservedConcurrency,
    unreservedPool: settings.AccountLimit?.UnreservedConcurrentExecutions ?? null,
    durationRoseFirst: p99Onset !== null && throttleOnset !== null && p99Onset < throttleOnset,
  };
}
