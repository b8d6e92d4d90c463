// A multi-region account through the real SDK clients: each region answers from its own fleet and
// its own CloudWatch Logs, the region is the one the client signs for (one endpoint for all), an
// unused region is empty, Cost Explorer bills every region, and the meter counts per region.
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, DescribeLogGroupsCommand, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CostExplorerClient, GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import { GetFunctionCommand, LambdaClient, ListFunctionsCommand, paginateListFunctions } from "@aws-sdk/client-lambda";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseRegions } from "../account";
import type { MeterSnapshot } from "../control/meter";
import { type RunningSim, startSim } from "../server";
import { CREDENTIALS, DAY_MS, NOW_MS, control, rejection } from "./helpers";
import { rows, runQuery, window } from "./logs-support";

const A = "us-east-1";
const B = "eu-west-1";
let sim: RunningSim;

const clientConfig = (region: string) => ({ endpoint: sim.url, region, credentials: CREDENTIALS, maxAttempts: 1 });
const lambdaIn = (region: string) => new LambdaClient(clientConfig(region));
const logsIn = (region: string) => new CloudWatchLogsClient(clientConfig(region));

async function functionsIn(region: string) {
  const fns = [];
  for await (const page of paginateListFunctions({ client: lambdaIn(region) }, {})) fns.push(...page.Functions!);
  return fns;
}

/** The Sum of `metricName` of `fn` over the last 24 h, as region `region`'s CloudWatch answers it. */
async function daySum(region: string, fn: string, metricName: string): Promise<number> {
  const cloudwatch = new CloudWatchClient(clientConfig(region));
  const out = await cloudwatch.send(new GetMetricDataCommand({
    StartTime: new Date(NOW_MS - DAY_MS),
    EndTime: new Date(NOW_MS),
    MetricDataQueries: [{ Id: "m", MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: metricName, Dimensions: [{ Name: "FunctionName", Value: fn }] }, Period: 86_400, Stat: "Sum" } }],
  }));
  return out.MetricDataResults![0].Values!.reduce((s, v) => s + v, 0);
}

beforeAll(async () => {
  // Small fleets: the Cost Explorer test computes both regions' bills.
  sim = await startSim({ port: 0, seed: 42, anchorMs: NOW_MS, fixedNowMs: NOW_MS, regions: [{ region: A, functionCount: 9 }, { region: B, functionCount: 8 }] });
});
afterAll(() => sim.close());

describe("each region answers from its own fleet", () => {
  test("ListFunctions in each region lists that region's fleet, ARNs in that region; the names overlap", async () => {
    const [inA, inB] = [await functionsIn(A), await functionsIn(B)];
    expect(inA).toHaveLength(9);
    expect(inB).toHaveLength(8);
    for (const fn of inA) expect(fn.FunctionArn).toBe(`arn:aws:lambda:${A}:123456789012:function:${fn.FunctionName}`);
    for (const fn of inB) expect(fn.FunctionArn).toBe(`arn:aws:lambda:${B}:123456789012:function:${fn.FunctionName}`);
    const shared = inB.map((f) => f.FunctionName).filter((n) => inA.some((a) => a.FunctionName === n));
    expect(shared.length).toBeGreaterThan(0);
  });

  test("GetMetricData in B gives B's numbers for a function both regions have, from B's model", async () => {
    const fn = sim.regions[1].model.fleet.functions.find((f) => sim.model.fleet.byName.has(f.name))!.name;
    const [inA, inB] = [await daySum(A, fn, "Invocations"), await daySum(B, fn, "Invocations")];
    const expected = (region: number) => sim.regions[region].model.metricSeries({ namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: fn }, stat: "Sum", startMs: NOW_MS - DAY_MS, endMs: NOW_MS, periodS: 86_400 })!.values[0];
    expect(inA).toBe(expected(0));
    expect(inB).toBe(expected(1));
    expect(inB).not.toBe(inA);
  });

  test("a function only A has is not found in B (404 naming B's ARN)", async () => {
    const onlyA = sim.model.fleet.functions.find((f) => !sim.regions[1].model.fleet.byName.has(f.name))!.name;
    const e = await lambdaIn(B).send(new GetFunctionCommand({ FunctionName: onlyA })).catch((err) => err);
    expect(e.name).toBe("ResourceNotFoundException");
    expect(e.message).toContain(`arn:aws:lambda:${B}:123456789012:function:${onlyA}`);
  });

  test("Logs Insights in B scans B's log groups: its REPORT count is B's Invocations", { timeout: 60_000 }, async () => {
    const logs = logsIn(B);
    const groups = await logs.send(new DescribeLogGroupsCommand({}));
    const arns = groups.logGroups!.map((g) => g.arn!);
    expect(arns.length).toBeGreaterThan(0);
    for (const arn of arns) expect(arn).toMatch(new RegExp(`^arn:aws:logs:${B}:123456789012:log-group:`));
    const fn = sim.regions[1].model.fleet.functions[0];
    const w = window(NOW_MS, 60);
    const run = await runQuery(logs, { logGroupName: fn.logGroup, startTime: w.startTime, endTime: w.endTime, queryString: 'filter @type = "REPORT" or type = "platform.report" | stats count(*) as n' });
    expect(run.final.status).toBe("Complete");
    const invocations = sim.regions[1].model.metricSeries({ namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: fn.name }, stat: "Sum", startMs: w.startMs, endMs: w.endMs, periodS: 3600 })!.values[0] ?? 0;
    expect(Number(rows(run.final)[0]?.n ?? 0)).toBe(invocations);
  });

  test("a region the account never used is empty: no functions, log groups or queues; STS names the same account", async () => {
    const region = "ap-southeast-2";
    expect((await lambdaIn(region).send(new ListFunctionsCommand({}))).Functions).toEqual([]);
    expect((await logsIn(region).send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
    expect((await new SQSClient(clientConfig(region)).send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
    expect((await new STSClient(clientConfig(region)).send(new GetCallerIdentityCommand({}))).Account).toBe("123456789012");
  });

  test("GET /_sim/regions lists the configured regions with their sizes", async () => {
    const { json } = await control<{ regions: { region: string; functions: number; seed: number }[] }>(sim, "GET", "regions");
    expect(json.regions.map(({ region, functions }) => ({ region, functions }))).toEqual([{ region: A, functions: 9 }, { region: B, functions: 8 }]);
    expect(json.regions[0].seed).toBe(42);
    expect(json.regions[1].seed).not.toBe(42);
  });
});

describe("CloudWatch Logs state is per region", () => {
  test("the 30-concurrent-query limit is per region: A full, B still starts queries; the meter counts each region's", { timeout: 60_000 }, async () => {
    // Queries held Running by a long minimum duration, on a server of its own.
    const held = await startSim({ port: 0, seed: 42, anchorMs: NOW_MS, fixedNowMs: NOW_MS, queries: { minMs: 60_000 }, regions: [{ region: A, functionCount: 7 }, { region: B, functionCount: 7 }] });
    try {
      const client = (region: string) => new CloudWatchLogsClient({ endpoint: held.url, region, credentials: CREDENTIALS, maxAttempts: 1 });
      const w = window(NOW_MS, 30);
      const input = (i: number) => ({ logGroupName: held.regions[i].model.fleet.functions[0].logGroup, startTime: w.startTime, endTime: w.endTime, queryString: "stats count(*)" });
      for (let i = 0; i < 30; i++) await client(A).send(new StartQueryCommand(input(0)));
      expect((await rejection(client(A).send(new StartQueryCommand(input(0))))).name).toBe("LimitExceededException");
      expect((await client(B).send(new StartQueryCommand(input(1)))).queryId).toBeTruthy();
      const m = (await control<MeterSnapshot>(held, "GET", "meter")).json;
      expect(m.byRegion[A].logsInsights.queries).toBe(30);
      expect(m.byRegion[B].logsInsights.queries).toBe(1);
      expect(m.logsInsights.queries).toBe(31);
    } finally {
      await held.close();
    }
  });
});

describe("SIM_REGIONS", () => {
  test("region[:functions], first region first; bad entries say why", () => {
    expect(parseRegions(undefined, 10_000)).toEqual([{ region: "us-east-1" }]);
    expect(parseRegions("us-east-1,eu-west-1:12,ap-southeast-2:8", 10_000)).toEqual([{ region: "us-east-1" }, { region: "eu-west-1", functionCount: 12 }, { region: "ap-southeast-2", functionCount: 8 }]);
    expect(() => parseRegions("eu-west-1,eu-west-1", 10_000)).toThrow(/listed twice/);
    expect(() => parseRegions("europe", 10_000)).toThrow(/not an AWS region name/);
    expect(() => parseRegions("eu-west-1:lots", 10_000)).toThrow(/function count/);
  });
});

describe("the meter counts per region", () => {
  test("byRegion splits requests and GetMetricData volume; the totals stay the sum", async () => {
    await control(sim, "DELETE", "meter");
    await lambdaIn(A).send(new ListFunctionsCommand({}));
    await lambdaIn(B).send(new ListFunctionsCommand({}));
    await lambdaIn(B).send(new ListFunctionsCommand({}));
    await daySum(B, sim.regions[1].model.fleet.functions[0].name, "Errors");
    const m = (await control<MeterSnapshot>(sim, "GET", "meter")).json;
    expect(m.requests).toEqual({ "cloudwatch:GetMetricData": 1, "lambda:ListFunctions": 3 });
    expect(m.byRegion[A].requests).toEqual({ "lambda:ListFunctions": 1 });
    expect(m.byRegion[B].requests).toEqual({ "cloudwatch:GetMetricData": 1, "lambda:ListFunctions": 2 });
    expect(m.byRegion[A].getMetricData).toEqual({ calls: 0, metricsRequested: 0, datapointsReturned: 0 });
    expect(m.byRegion[B].getMetricData).toEqual(m.getMetricData);
    expect(m.byRegion[B].getMetricData.metricsRequested).toBe(1);
  });
});

describe("Cost Explorer bills every region", () => {
  test("grouped by REGION: both regions (plus the Savings Plan's global fee), adding up to the ungrouped total; B's usage types carry EU-", { timeout: 300_000 }, async () => {
    await sim.billing.ready();
    const ce = new CostExplorerClient(clientConfig("us-east-1"));
    const TimePeriod = { Start: "2026-11-10", End: "2026-11-11" };
    const total = await ce.send(new GetCostAndUsageCommand({ TimePeriod, Granularity: "DAILY", Metrics: ["UnblendedCost"] }));
    const byRegion = await ce.send(new GetCostAndUsageCommand({ TimePeriod, Granularity: "DAILY", Metrics: ["UnblendedCost"], GroupBy: [{ Type: "DIMENSION", Key: "REGION" }] }));
    const groups = byRegion.ResultsByTime![0].Groups!;
    const usd = Object.fromEntries(groups.map((g) => [g.Keys![0], Number(g.Metrics!.UnblendedCost.Amount)]));
    expect(Object.keys(usd).sort()).toEqual([B, "global", A].sort());
    expect(usd[A]).toBeGreaterThan(0);
    expect(usd[B]).toBeGreaterThan(0);
    const sum = Object.values(usd).reduce((s, x) => s + x, 0);
    expect(sum).toBeCloseTo(Number(total.ResultsByTime![0].Total!.UnblendedCost.Amount), 6);

    const byUsageType = await ce.send(new GetCostAndUsageCommand({
      TimePeriod, Granularity: "DAILY", Metrics: ["UsageQuantity"],
      Filter: { Dimensions: { Key: "REGION", Values: [B] } },
      GroupBy: [{ Type: "DIMENSION", Key: "USAGE_TYPE" }],
    }));
    const usageTypes = byUsageType.ResultsByTime![0].Groups!.map((g) => g.Keys![0]);
    // Lambda's request and duration types per architecture (`EU-Request`, `EU-Lambda-GB-Second-ARM`), CloudWatch Logs' ingestion.
    expect(usageTypes.some((t) => /^EU-Request(-ARM)?$/.test(t))).toBe(true);
    expect(usageTypes.some((t) => /^EU-Lambda-GB-Second(-ARM)?$/.test(t))).toBe(true);
    expect(usageTypes).toContain("EU-DataProcessing-Bytes");
    for (const t of usageTypes) expect(t).toMatch(/^EU-/);
  });
});
