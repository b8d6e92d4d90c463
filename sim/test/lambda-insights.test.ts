// Lambda Insights in the demo account, through the real SDK clients: the extension layer on exactly
// the four functions that have it, the /aws/lambda-insights log group and its one EMF "performance"
// event per invocation (AWS's example event shape), made from the same invocations as the REPORT
// lines, with CPU time that follows the model's physics (cpu_total_time = the CPU work the behaviour
// asks for, whatever the memory size).
import { GetFunctionCommand, GetFunctionConfigurationCommand, paginateListFunctions, type FunctionConfiguration } from "@aws-sdk/client-lambda";
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { discoverFields } from "../insights/discover";
import { fnLogContext } from "../logs/fn-context";
import { AGENT_VERSION, InsightsLogScan, LAMBDA_INSIGHTS_GROUP, type InsightsEvent } from "../logs/lambda-insights";
import { invocationsBetween } from "../model";
import { behaviourOf } from "../model/fleet";
import { cpuTimeMs } from "../model/behaviour";
import type { RunningSim } from "../server";
import { HOUR_MS, NOW_MS, sdkClients, startTestSim } from "./helpers";
import { groupOf, logsClient, rows, runQuery, window } from "./logs-support";

const INSIGHTS_FUNCTIONS = ["catalog-indexer-prod", "catalog-thumbnailer-prod", "payments-fraud-score-prod", "reporting-export-prod"];
const X86_LAYER = "arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension:53";

let sim: RunningSim;
let lambda: ReturnType<typeof sdkClients>["lambda"];
let cloudwatch: ReturnType<typeof sdkClients>["cloudwatch"];
let logs: ReturnType<typeof logsClient>;
beforeAll(async () => {
  sim = await startTestSim();
  ({ lambda, cloudwatch } = sdkClients(sim));
  logs = logsClient(sim);
});
afterAll(() => sim.close());

describe("the extension layer", () => {
  test("ListFunctions shows Layers [{Arn, CodeSize}] on exactly the four functions with Lambda Insights", async () => {
    const all: FunctionConfiguration[] = [];
    for await (const page of paginateListFunctions({ client: lambda }, {})) all.push(...page.Functions!);
    expect(all).toHaveLength(40);
    const withLayers = all.filter((f) => f.Layers !== undefined);
    expect(withLayers.map((f) => f.FunctionName).sort()).toEqual(INSIGHTS_FUNCTIONS);
    for (const f of withLayers) {
      expect(f.Layers).toEqual([{ Arn: X86_LAYER, CodeSize: expect.any(Number) }]);
      expect(f.Layers![0].CodeSize).toBeGreaterThan(1_000_000);
    }
    // Staging copies of Insights functions do not inherit it.
    expect(all.find((f) => f.FunctionName === "catalog-thumbnailer-staging")!.Layers).toBeUndefined();
  });

  test("GetFunction and GetFunctionConfiguration show it for $LATEST, a version and an alias", async () => {
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: "catalog-thumbnailer-prod" }));
    expect(fn.Configuration!.Layers).toEqual([{ Arn: X86_LAYER, CodeSize: expect.any(Number) }]);
    for (const Qualifier of ["1", "live"]) {
      const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "reporting-export-prod", Qualifier }));
      expect(config.Layers!.map((l) => l.Arn)).toEqual([X86_LAYER]);
    }
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "checkout-api-prod" }))).Layers).toBeUndefined();
  });
});

describe("the /aws/lambda-insights log group", () => {
  test("DescribeLogGroups lists it; its streams are per function and environment", async () => {
    const out = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda-insights" }));
    expect(out.logGroups!.map((g) => g.logGroupName)).toEqual([LAMBDA_INSIGHTS_GROUP]);
    expect(out.logGroups![0]).toMatchObject({ retentionInDays: 14, logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda-insights" });
    expect(out.logGroups![0].storedBytes).toBeGreaterThan(1e9);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: LAMBDA_INSIGHTS_GROUP, orderBy: "LastEventTime", descending: true, limit: 50 }));
    expect(streams.logStreams!.length).toBeGreaterThan(0);
    const pattern = new RegExp(`^\\d{4}/\\d{2}/\\d{2}/(${INSIGHTS_FUNCTIONS.join("|")})\\[(\\$LATEST|\\d+)\\][0-9a-f]{32}$`);
    for (const s of streams.logStreams!) expect(s.logStreamName).toMatch(pattern);
  });

  test("every event is one line of EMF JSON with AWS's fields; the numbers hold together", async () => {
    const w = window(NOW_MS - 2 * HOUR_MS, 20);
    const run = await runQuery(logs, { logGroupName: LAMBDA_INSIGHTS_GROUP, startTime: w.startTime, endTime: w.endTime - 1, queryString: "fields @timestamp, @message, @logStream | limit 10000" });
    expect(run.final.status).toBe("Complete");
    const events = rows(run.final);
    expect(events.length).toBeGreaterThan(100);
    const seen = new Set<string>();
    let cold = 0;
    for (const row of events) {
      const e = JSON.parse(row["@message"]);
      seen.add(e.function_name);
      expect(e._aws).toEqual({
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [{
          Namespace: "LambdaInsights",
          Dimensions: [["function_name"], ["function_name", "version"]],
          Metrics: [
            { Name: "memory_utilization", Unit: "Percent" }, { Name: "total_memory", Unit: "Megabytes" }, { Name: "used_memory_max", Unit: "Megabytes" },
            { Name: "cpu_total_time", Unit: "Milliseconds" }, { Name: "tx_bytes", Unit: "Bytes" }, { Name: "rx_bytes", Unit: "Bytes" },
            { Name: "total_network", Unit: "Bytes" }, { Name: "init_duration", Unit: "Milliseconds" },
          ],
        }],
        LambdaInsights: { ShareTelemetry: true },
      });
      // @timestamp prints as "2026-11-20 10:00:00.000" (UTC).
      expect(Date.parse(`${row["@timestamp"].replace(" ", "T")}Z`)).toBe(e._aws.Timestamp);
      expect(Object.keys(e).slice(0, 5)).toEqual(["_aws", "event_type", "function_name", "version", "request_id"]);
      expect(e).toMatchObject({ event_type: "performance", request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), agent_version: AGENT_VERSION, fd_max: 32642 });
      expect(INSIGHTS_FUNCTIONS).toContain(e.function_name);
      expect(e.version).toMatch(/^(\$LATEST|\d+)$/);
      expect(e.trace_id).toBeUndefined(); // none of the four has Active tracing
      for (const k of ["duration", "billed_duration", "billed_mb_ms", "tmp_free", "tmp_max", "threads_max", "used_memory_max", "total_memory", "memory_utilization",
        "cpu_user_time", "cpu_system_time", "cpu_total_time", "fd_use", "fd_max", "tx_bytes", "rx_bytes", "total_network", "agent_memory_avg", "agent_memory_max"]) {
        expect(typeof e[k], `${e.function_name} ${k}`).toBe("number");
      }
      expect(typeof e.cold_start).toBe("boolean");
      expect(e.init_duration !== undefined).toBe(e.cold_start);
      if (e.cold_start) cold++;
      expect(e.billed_duration).toBe(Math.ceil(e.duration + (e.init_duration ?? 0) - 1e-9));
      expect(e.billed_mb_ms).toBe(e.billed_duration * e.total_memory);
      expect(e.memory_utilization).toBe(Math.floor((e.used_memory_max * 100) / e.total_memory));
      expect(e.total_memory).toBe(sim.model.fleet.byName.get(e.function_name)!.memoryMb);
      expect(e.cpu_total_time).toBe(e.cpu_user_time + e.cpu_system_time);
      if (e.cpu_total_time >= 100) {
        expect(e.cpu_user_time / e.cpu_total_time).toBeGreaterThanOrEqual(0.845);
        expect(e.cpu_user_time / e.cpu_total_time).toBeLessThanOrEqual(0.925);
      }
      // AWS's example reports 551,346,176 bytes for 512 MB of ephemeral storage: 1,076,848 a MB.
      expect(e.tmp_max).toBe(sim.model.fleet.byName.get(e.function_name)!.ephemeralStorageMb * 1_076_848);
      expect(e.tmp_free).toBeLessThan(e.tmp_max);
      expect(e.total_network).toBe(e.tx_bytes + e.rx_bytes);
      expect(row["@logStream"]).toContain(`/${e.function_name}[${e.version}]`);
    }
    expect([...seen].sort()).toEqual(INSIGHTS_FUNCTIONS);
    expect(cold).toBeGreaterThan(0);
  });

  test("request ids, durations, memory and init durations are those of the function's REPORT lines", async () => {
    const w = window(NOW_MS - 5 * HOUR_MS, 30);
    for (const fn of INSIGHTS_FUNCTIONS) {
      const [insights, reports] = await Promise.all([
        runQuery(logs, { logGroupName: LAMBDA_INSIGHTS_GROUP, startTime: w.startTime, endTime: w.endTime - 1, queryString: `filter function_name = "${fn}" | fields request_id, duration, billed_duration, used_memory_max, total_memory, init_duration | limit 10000` }),
        runQuery(logs, { logGroupName: groupOf(sim, fn), startTime: w.startTime, endTime: w.endTime - 1, queryString: 'filter @type = "REPORT" | fields @requestId, @duration, @billedDuration, @maxMemoryUsed, @memorySize, @initDuration | limit 10000' }),
      ]);
      const byId = new Map(rows(reports.final).map((r) => [r["@requestId"], r]));
      const events = rows(insights.final);
      expect(events.length, fn).toBeGreaterThan(0);
      expect(events.length, fn).toBe(byId.size);
      for (const e of events) {
        const r = byId.get(e.request_id)!;
        expect(r, `${fn} ${e.request_id}`).toBeDefined();
        expect(Number(e.duration)).toBe(Number(r["@duration"]));
        expect(Number(e.billed_duration)).toBe(Number(r["@billedDuration"]));
        expect(Number(e.used_memory_max) * 1e6).toBe(Number(r["@maxMemoryUsed"]));
        expect(Number(e.total_memory) * 1e6).toBe(Number(r["@memorySize"]));
        expect(e.init_duration === undefined ? undefined : Number(e.init_duration)).toBe(r["@initDuration"] === undefined ? undefined : Number(r["@initDuration"]));
      }
    }
  });

  test("Logs Insights discovers the JSON fields: stats … by function_name has one row per function", async () => {
    const w = window(NOW_MS, 6 * 60);
    const run = await runQuery(logs, {
      logGroupName: LAMBDA_INSIGHTS_GROUP, startTime: w.startTime, endTime: w.endTime,
      queryString: 'filter event_type = "performance" | stats avg(cpu_total_time) as cpu, avg(duration) as d, pct(duration, 50) as p50, avg(memory_utilization) as mem, count(*) as n by function_name | sort function_name asc',
    });
    expect(run.final.status).toBe("Complete");
    const out = rows(run.final);
    expect(out.map((r) => r.function_name)).toEqual(INSIGHTS_FUNCTIONS);
    for (const r of out) {
      const b = behaviourOf(sim.model.fleet, r.function_name);
      const spread = Math.exp((b.sigma * b.sigma) / 2);
      // The CPU work per invocation is the behaviour's, whatever the memory (within sampling noise).
      expect(Number(r.cpu) / (b.cpuMs * spread), r.function_name).toBeGreaterThan(0.93);
      expect(Number(r.cpu) / (b.cpuMs * spread), r.function_name).toBeLessThan(1.07);
      expect(Number(r.n)).toBeGreaterThan(10);
      expect(Number(r.p50)).toBeLessThan(Number(r.d) * 1.2);
    }
    // The near-OOM exporter runs at ~97 % of its memory.
    expect(Number(out.find((r) => r.function_name === "reporting-export-prod")!.mem)).toBeGreaterThan(95);
  });

  test("a day of the over-provisioned thumbnailer: avg(cpu_total_time) = cpuMs × the lognormal's mean", async () => {
    // catalog-thumbnailer-prod: 10,240 MB, waitMs 380, cpuMs 12, sigma 0.3, parallelism 1. Its CPU part
    // runs on min(10,240, 1,769) = 1,769 MB worth of vCPU, i.e. exactly one vCPU: 12 ms × e^(σ·Z) of wall
    // time, consuming 12 × e^(σ·Z) ms of CPU. E[e^(σ·Z)] = e^(σ²/2) = e^0.045 = 1.046028, so the mean
    // CPU time is 12 × 1.046028 = 12.552 ms (rounding each event to whole ms adds no bias worth a
    // percent); the mean duration is (380 + 12) × 1.046028 = 410.0 ms.
    const expectedCpu = 12 * Math.exp(0.3 ** 2 / 2);
    const w = window(NOW_MS, 24 * 60);
    const run = await runQuery(logs, {
      logGroupName: LAMBDA_INSIGHTS_GROUP, startTime: w.startTime, endTime: w.endTime - 1,
      queryString: 'filter function_name = "catalog-thumbnailer-prod" | stats avg(cpu_total_time) as cpu, avg(duration) as d, max(memory_utilization) as mem, count(*) as n',
    });
    const [r] = rows(run.final);
    console.log(`[sim/lambda-insights] catalog-thumbnailer-prod, 24 h: ${Number(r.n).toLocaleString("en-US")} events, avg(cpu_total_time) ${Number(r.cpu).toFixed(3)} ms (hand-worked ${expectedCpu.toFixed(3)}), avg(duration) ${Number(r.d).toFixed(1)} ms`);
    expect(Number(r.n)).toBeGreaterThan(50_000);
    expect(Math.abs(Number(r.cpu) / expectedCpu - 1)).toBeLessThan(0.02);
    expect(Math.abs(Number(r.d) / ((380 + 12) * Math.exp(0.045)) - 1)).toBeLessThan(0.02);
    // ≈ 88 MB of 10,240: under 1 %.
    expect(Number(r.mem)).toBe(0);
  });

  test("bytesScanned counts the group like any other, and equals AWS/Logs IncomingBytes of that hour", async () => {
    const hourMs = NOW_MS - 3 * HOUR_MS;
    const out = await cloudwatch.send(new GetMetricDataCommand({
      StartTime: new Date(hourMs), EndTime: new Date(hourMs + HOUR_MS),
      MetricDataQueries: ["IncomingBytes", "IncomingLogEvents"].map((MetricName, i) => ({ Id: `m${i}`, MetricStat: { Metric: { Namespace: "AWS/Logs", MetricName, Dimensions: [{ Name: "LogGroupName", Value: LAMBDA_INSIGHTS_GROUP }] }, Period: 3600, Stat: "Sum" } })),
    }));
    const [bytes, events] = out.MetricDataResults!.map((r) => r.Values![0]);
    const run = await runQuery(logs, { logGroupName: LAMBDA_INSIGHTS_GROUP, startTime: hourMs / 1000, endTime: (hourMs + HOUR_MS) / 1000 - 1, queryString: "stats count(*) as n" });
    expect(run.final.statistics!.bytesScanned).toBe(bytes);
    expect(run.final.statistics!.recordsScanned).toBe(events);
    expect(Number(rows(run.final)[0].n)).toBe(events);
    // A query that begins `filter @type = "REPORT"` counts the events without building them: same statistics.
    const reportOnly = await runQuery(logs, { logGroupName: LAMBDA_INSIGHTS_GROUP, startTime: hourMs / 1000, endTime: (hourMs + HOUR_MS) / 1000 - 1, queryString: 'filter @type = "REPORT" | stats count(*) as n' });
    expect(reportOnly.final.statistics).toMatchObject({ recordsScanned: events, bytesScanned: bytes, recordsMatched: 0 });
  });
});

describe("the LambdaInsights namespace", () => {
  test("GetMetricData answers the EMF metrics by function_name and by function_name + version, from the same events", async () => {
    const hourMs = NOW_MS - 4 * HOUR_MS;
    const fn = "catalog-indexer-prod";
    const q = (Id: string, MetricName: string, Stat: string, version?: string) => ({
      Id,
      MetricStat: { Metric: { Namespace: "LambdaInsights", MetricName, Dimensions: [{ Name: "function_name", Value: fn }, ...(version ? [{ Name: "version", Value: version }] : [])] }, Period: 3600, Stat },
    });
    const version = sim.model.fleet.byName.get(fn)!.versions.at(-1)!.version;
    const out = await cloudwatch.send(new GetMetricDataCommand({
      StartTime: new Date(hourMs), EndTime: new Date(hourMs + HOUR_MS),
      MetricDataQueries: [q("cpusum", "cpu_total_time", "Sum"), q("n", "cpu_total_time", "SampleCount"), q("memmax", "memory_utilization", "Maximum"), q("colds", "init_duration", "SampleCount"), q("v", "cpu_total_time", "SampleCount", version), q("p99", "cpu_total_time", "p99")],
    }));
    const value = (id: string) => out.MetricDataResults!.find((r) => r.Id === id)!.Values![0];
    const run = await runQuery(logs, {
      logGroupName: LAMBDA_INSIGHTS_GROUP, startTime: hourMs / 1000, endTime: (hourMs + HOUR_MS) / 1000 - 1,
      queryString: `filter function_name = "${fn}" | stats sum(cpu_total_time) as cpu, count(*) as n, max(memory_utilization) as mem, count(init_duration) as colds, sum(strcontains(version, "${version}")) as v`,
    });
    const [r] = rows(run.final);
    expect(value("cpusum")).toBe(Number(r.cpu));
    expect(value("n")).toBe(Number(r.n));
    expect(value("memmax")).toBe(Number(r.mem));
    expect(value("colds")).toBe(Number(r.colds));
    expect(value("v")).toBe(Number(r.v));
    expect(value("v")).toBeGreaterThan(0);
    // Percentiles and functions without Lambda Insights: an empty, complete result.
    expect(out.MetricDataResults!.find((x) => x.Id === "p99")).toMatchObject({ StatusCode: "Complete", Values: [] });
    const none = await cloudwatch.send(new GetMetricDataCommand({
      StartTime: new Date(hourMs), EndTime: new Date(hourMs + HOUR_MS),
      MetricDataQueries: [{ Id: "x", MetricStat: { Metric: { Namespace: "LambdaInsights", MetricName: "cpu_total_time", Dimensions: [{ Name: "function_name", Value: "checkout-api-prod" }] }, Period: 3600, Stat: "Sum" } }],
    }));
    expect(none.MetricDataResults![0].Values).toEqual([]);
  });
});

describe("the events themselves", () => {
  test("their pre-discovered fields are what Logs Insights would discover in the message", () => {
    const ctx = fnLogContext(sim.model, "reporting-export-prod")!;
    const fromMs = NOW_MS - 12 * HOUR_MS;
    const scan = new InsightsLogScan(sim.model, ctx, { startMs: fromMs, endMs: NOW_MS - 1 });
    const events: InsightsEvent[] = [];
    for (let h = fromMs; h < NOW_MS; h += HOUR_MS) scan.hour(h, (evs) => events.push(...(evs as InsightsEvent[])));
    expect(events.length).toBeGreaterThan(100);
    let ooms = 0;
    for (const ev of events) {
      expect(ev.fields).toEqual(discoverFields(ev.message, ev.logGroup));
      expect(ev.messageBytes).toBe(Buffer.byteLength(ev.message, "utf8"));
      const e = JSON.parse(ev.message);
      if (e.shutdown_reason === "Failure") {
        // An out-of-memory kill: the memory is full, and only part of the CPU work was done.
        ooms++;
        expect(e.used_memory_max).toBe(e.total_memory);
        expect(e.memory_utilization).toBe(100);
        expect(e.timeout).toBeUndefined();
      }
    }
    expect(ooms).toBeGreaterThan(0);
  });

  test("CPU time does not depend on memory, wall-clock CPU time does: reporting-export at 1,024 MB (prod) and 2,048 MB (staging)", () => {
    // cpuMs 12,000, sigma 0.35: 12,000 × e^(0.35²/2) = 12,758 ms of CPU either way. At 1,024 MB the
    // function has 1,024 / 1,769 = 0.58 vCPU, so that work takes 1,769 / 1,024 = 1.73× as long on the
    // wall clock; at 2,048 MB it is capped at one vCPU (parallelism 1), so wall clock = CPU time.
    const b = behaviourOf(sim.model.fleet, "reporting-export-prod");
    const expected = 12_000 * Math.exp(0.35 ** 2 / 2);
    for (const [fn, memoryMb, days] of [["reporting-export-prod", 1024, 2], ["reporting-export-staging", 2048, 13]] as const) {
      let wall = 0;
      let cpu = 0;
      let n = 0;
      invocationsBetween(sim.model, fn, NOW_MS - days * 24 * HOUR_MS, NOW_MS, (r) => {
        if (r.status !== "success") return;
        expect(r.memorySizeMb).toBe(memoryMb);
        // The duration is the waiting part plus the CPU part's wall-clock time.
        expect(r.durationMs).toBeGreaterThan(r.cpuWallMs);
        wall += r.cpuWallMs;
        cpu += cpuTimeMs(b, r.memorySizeMb, r.cpuWallMs);
        n++;
      });
      expect(n, fn).toBeGreaterThan(300);
      expect(wall / cpu, fn).toBeCloseTo(1769 / Math.min(memoryMb, 1769), 9);
      expect(Math.abs(cpu / n / expected - 1), fn).toBeLessThan(0.05);
    }
  });
});

