// Talks to the demo account's control path (/_sim/) and, through the real SDK, to its AWS API:
// tests check what the dashboard shows against what the account holds.
import { LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";

export const SIM_URL = process.env.E2E_SIM_URL ?? "http://127.0.0.1:4610";

export async function injectFault(action: string, fault: "throttle" | "accessDenied" | "latency" | "error5xx", extra: Record<string, unknown> = {}) {
  const res = await fetch(`${SIM_URL}/_sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action, fault, ...extra }) });
  if (!res.ok) throw new Error(`fault injection failed: ${res.status} ${await res.text()}`);
}

export const clearFaults = () => fetch(`${SIM_URL}/_sim/faults`, { method: "DELETE" });

export async function meter(): Promise<{ requests: Record<string, number>; getMetricData: { calls: number; metricsRequested: number } }> {
  return (await fetch(`${SIM_URL}/_sim/meter`)).json();
}

export const resetMeter = () => fetch(`${SIM_URL}/_sim/meter`, { method: "DELETE" });

export async function functionNames(url = SIM_URL): Promise<string[]> {
  const client = new LambdaClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "demo", secretAccessKey: "demo" } });
  const names: string[] = [];
  for await (const page of paginateListFunctions({ client }, {})) names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
  return names;
}

/**
 * Reads `days` of every function's overview metrics straight from the demo account, so it has built
 * (and summarised) those function-hours before a test or benchmark meters the dashboard's calls, as
 * AWS has its metrics already: right after start, building 14 days of a fleet can outlast the
 * dashboard's AWS timeout, and the retry would count as a second call.
 */
export async function warmMetrics(days: number, url = SIM_URL) {
  const { CloudWatchClient, GetMetricDataCommand } = await import("@aws-sdk/client-cloudwatch");
  const client = new CloudWatchClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "demo", secretAccessKey: "demo" }, requestHandler: { requestTimeout: 300_000 } });
  const names = await functionNames(url);
  const endTime = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
  // days × 24 hours and the hour the window starts in, no more: the demo account keeps ~30 hours a
  // function (sim/model/context.ts), and reading beyond that would evict what the dashboard reads next.
  const startTime = new Date(endTime.getTime() - days * 86_400_000 - 3_600_000);
  // The overview's five figures (lib/functions/fleet-metrics.ts): each is summarised per hour on first read.
  const stats = [["Invocations", "Sum"], ["Errors", "Sum"], ["Throttles", "Sum"], ["Duration", "p99"], ["ConcurrentExecutions", "Maximum"]];
  const queries = names.flatMap((n) => stats.map(([MetricName, Stat]) => ({ Metric: { Namespace: "AWS/Lambda", MetricName, Dimensions: [{ Name: "FunctionName", Value: n }] }, Period: 3600, Stat })));
  for (let i = 0; i < queries.length; i += 500) {
    await client.send(new GetMetricDataCommand({ StartTime: startTime, EndTime: endTime, MetricDataQueries: queries.slice(i, i + 500).map((MetricStat, j) => ({ Id: `w${j}`, MetricStat })) }));
  }
}

/** Reads every queue's depth once, so the demo account has played its queues' history up to now (AWS keeps the depth ready). */
export async function warmQueues(url = SIM_URL) {
  const { SQSClient, paginateListQueues, GetQueueAttributesCommand } = await import("@aws-sdk/client-sqs");
  const client = new SQSClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "demo", secretAccessKey: "demo" }, requestHandler: { requestTimeout: 300_000 } });
  const urls: string[] = [];
  for await (const page of paginateListQueues({ client, pageSize: 1_000 }, { MaxResults: 1_000 })) urls.push(...(page.QueueUrls ?? []));
  for (let i = 0; i < urls.length; i += 16) {
    await Promise.all(urls.slice(i, i + 16).map((QueueUrl) => client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }))));
  }
}
