// What one fleet-overview refresh asks of the demo account, timed through the real SDK v3 clients:
// every ListFunctions and GetResources page, the GetMetricData calls (500 queries, 5 metrics per
// function, one period over 24 h) cold, warm and with the window shifted by a minute, and every DLQ's
// depth. Usage: npx tsx sim/bench/overview-upstream.ts [functionCount=5000]
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";
import { ResourceGroupsTaggingAPIClient, paginateGetResources } from "@aws-sdk/client-resource-groups-tagging-api";
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { modelStats } from "../model";
import { startSim } from "../server";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// A weekday afternoon, 37 minutes into the hour: a 24 h window then has partial hours at both ends.
const NOW_MS = Date.UTC(2025, 10, 20, 18, 37);
const METRICS: [string, string][] = [["Invocations", "Sum"], ["Errors", "Sum"], ["Throttles", "Sum"], ["Duration", "p99"], ["ConcurrentExecutions", "Maximum"]];
const QUERIES_PER_CALL = 500;
const DLQ_CONCURRENCY = 8;

const functionCount = Number(process.argv[2] ?? 5000);
const sim = await startSim({ port: 0, functionCount, anchorMs: NOW_MS, fixedNowMs: NOW_MS });
const config = { endpoint: sim.url, region: "us-east-1", credentials: { accessKeyId: "demo", secretAccessKey: "demo" } };
const lambda = new LambdaClient(config);
const tagging = new ResourceGroupsTaggingAPIClient(config);
const cloudwatch = new CloudWatchClient(config);
const sqs = new SQSClient(config);

const rows: { step: string; calls: number; totalMs: number }[] = [];
async function timed<T>(step: string, run: () => Promise<{ calls: number; value: T }>): Promise<T> {
  const startedMs = performance.now();
  const { calls, value } = await run();
  rows.push({ step, calls, totalMs: performance.now() - startedMs });
  return value;
}

const names = await timed("ListFunctions pages", async () => {
  const out: string[] = [];
  let calls = 0;
  for await (const page of paginateListFunctions({ client: lambda, pageSize: 50 }, {})) {
    calls++;
    for (const f of page.Functions ?? []) out.push(f.FunctionName!);
  }
  return { calls, value: out };
});

await timed("GetResources pages", async () => {
  let calls = 0;
  for await (const _page of paginateGetResources({ client: tagging }, { ResourceTypeFilters: ["lambda:function"], ResourcesPerPage: 100 })) calls++;
  return { calls, value: null };
});

const queries: MetricDataQuery[] = names.flatMap((name, f) =>
  METRICS.map(([metricName, stat], m) => ({
    Id: `m${f}_${m}`,
    MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: metricName, Dimensions: [{ Name: "FunctionName", Value: name }] }, Period: 86_400, Stat: stat },
  })),
);

/** All the overview's GetMetricData calls, one after another, for the 24 h ending at `endMs`. */
async function metricCalls(step: string, endMs: number): Promise<number> {
  return timed(step, async () => {
    let calls = 0;
    let datapoints = 0;
    for (let k = 0; k < queries.length; k += QUERIES_PER_CALL) {
      const out = await cloudwatch.send(new GetMetricDataCommand({ MetricDataQueries: queries.slice(k, k + QUERIES_PER_CALL), StartTime: new Date(endMs - DAY_MS), EndTime: new Date(endMs) }));
      calls++;
      for (const r of out.MetricDataResults ?? []) datapoints += r.Values?.length ?? 0;
    }
    return { calls, value: datapoints };
  });
}
// The dashboard's window ends at the last whole minute; a minute later it has moved by one.
const points = await metricCalls("GetMetricData cold", NOW_MS - MINUTE_MS);
await metricCalls("GetMetricData warm (same window)", NOW_MS - MINUTE_MS);
await metricCalls("GetMetricData warm (window +1 min)", NOW_MS);

const dlqs = sim.model.fleet.queues.filter((q) => q.deadLetterFor);
await timed("DLQ GetQueueUrl + GetQueueAttributes", async () => {
  let next = 0;
  const worker = async () => {
    while (next < dlqs.length) {
      const queue = dlqs[next++];
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }));
      await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    }
  };
  await Promise.all(Array.from({ length: DLQ_CONCURRENCY }, worker));
  return { calls: dlqs.length * 2, value: null };
});

const stats = modelStats(sim.model);
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const memory = process.memoryUsage();
console.log(`\n${functionCount} functions, ${queries.length} metric queries (${points} datapoints), ${dlqs.length} DLQs; node ${process.version}\n`);
console.log(`${"step".padEnd(40)} ${"calls".padStart(6)} ${"total ms".padStart(10)} ${"ms/call".padStart(9)}`);
for (const r of rows) console.log(`${r.step.padEnd(40)} ${String(r.calls).padStart(6)} ${r.totalMs.toFixed(0).padStart(10)} ${(r.totalMs / r.calls).toFixed(1).padStart(9)}`);
console.log(`\nblocks cached ${stats.blocksCached}, computed ${stats.blocksComputed}; rss ${mb(memory.rss)}, heap ${mb(memory.heapUsed)}, array buffers ${mb(memory.arrayBuffers)}`);
await sim.close();
