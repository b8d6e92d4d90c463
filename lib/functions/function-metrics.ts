import "server-only";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import { getConfig } from "@/lib/config";
import type { CostLedger } from "@/lib/cost/observation-cost";
import { getMetricData, lastValue, sumValues, type MetricQuery } from "@/lib/metrics/get-metric-data";
import { toChartRows } from "@/lib/metrics/series";
import { chartWindow, type TimeWindow } from "@/lib/metrics/window";
import type { Range } from "@/lib/ranges";
import { parseQueueArn } from "@/lib/sqs/queue-depth";
import { errorRatePct, functionStatus } from "@/lib/status/function-status";
import type { FunctionMetrics } from "@/lib/types";

const lambdaMetric = (id: string, metricName: string, stat: string, functionName: string): MetricQuery => ({
  id,
  namespace: "AWS/Lambda",
  metricName,
  dimensions: { FunctionName: functionName },
  stat,
});

const sqsMetric = (id: string, metricName: string, queueName: string): MetricQuery => ({
  id,
  namespace: "AWS/SQS",
  metricName,
  dimensions: { QueueName: queueName },
  stat: "Maximum",
});

/** Every chart of the health page in one GetMetricData call: 9 Lambda queries (+2 for a DLQ). */
export function functionQueries(functionName: string, dlqName: string | null, window: TimeWindow): MetricQuery[] {
  const queries = [
    // One period over the whole window: the range's p99, for the status (the chart's p99s are per period).
    { ...lambdaMetric("p99Range", "Duration", "p99", functionName), periodS: (window.endMs - window.startMs) / 1000 },
    lambdaMetric("invocations", "Invocations", "Sum", functionName),
    lambdaMetric("errors", "Errors", "Sum", functionName),
    lambdaMetric("throttles", "Throttles", "Sum", functionName),
    lambdaMetric("concurrency", "ConcurrentExecutions", "Maximum", functionName),
    lambdaMetric("p50", "Duration", "p50", functionName),
    lambdaMetric("p95", "Duration", "p95", functionName),
    lambdaMetric("p99", "Duration", "p99", functionName),
    lambdaMetric("max", "Duration", "Maximum", functionName),
  ];
  if (dlqName) {
    queries.push(sqsMetric("dlqVisible", "ApproximateNumberOfMessagesVisible", dlqName), sqsMetric("dlqAgeS", "ApproximateAgeOfOldestMessage", dlqName));
  }
  return queries;
}

const COUNT_SERIES = new Set(["invocations", "errors", "throttles"]);

async function loadFunctionMetrics(functionName: string, timeoutS: number, dlqArn: string | null, window: TimeWindow, ledger: CostLedger) {
  const dlqName = dlqArn ? (parseQueueArn(dlqArn)?.queueName ?? null) : null;
  const { results, cost } = await getMetricData(awsClients().cloudwatch, functionQueries(functionName, dlqName, window), window);
  ledger.countMetrics(cost.calls, cost.metricsRequested);
  const r = (id: string) => results.get(id);
  const invocations = sumValues(r("invocations"));
  const errors = sumValues(r("errors"));
  const throttles = sumValues(r("throttles"));
  const dlqDepth = dlqName ? lastValue(r("dlqVisible")) : undefined;
  return {
    lambda: toChartRows(window, { invocations: r("invocations"), errors: r("errors"), throttles: r("throttles"), concurrency: r("concurrency"), p50: r("p50"), p95: r("p95"), p99: r("p99"), max: r("max") }, COUNT_SERIES),
    dlq: dlqName ? { queueName: dlqName, points: toChartRows(window, { visible: r("dlqVisible"), ageS: r("dlqAgeS") }, new Set()) } : null,
    totals: { invocations, errors, throttles, errorRatePct: errorRatePct(errors, invocations) ?? null },
    status: functionStatus({ invocations, errors, throttles, p99DurationMs: lastValue(r("p99Range")), timeoutS, dlqDepth }),
  };
}

export async function getFunctionMetrics(
  functionName: string,
  range: Range,
  context: { timeoutS: number; dlqArn: string | null; reservedConcurrency: number | null },
  nowMs = Date.now(),
): Promise<FunctionMetrics> {
  const window = chartWindow(range, nowMs);
  const { value, cost } = await cachedFetch(
    `function-metrics|${functionName}|${context.dlqArn ?? ""}|${window.startMs}|${window.endMs}|${window.periodS}`,
    getConfig().cacheTtlMs,
    (ledger) => loadFunctionMetrics(functionName, context.timeoutS, context.dlqArn, window, ledger),
  );
  return { range, window, reservedConcurrency: context.reservedConcurrency, ...value, cost };
}
