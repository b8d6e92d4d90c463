// AWS/Logs IncomingBytes and IncomingLogEvents through the real @aws-sdk/client-cloudwatch: each
// minute's values are exactly the log events the account holds for that group in that minute (the
// generated Lambda lines, rendered here and measured with Buffer.byteLength, and stored events),
// periods add up their minutes, and a Logs Insights scan reports the same bytes.
import { GetMetricDataCommand, type MetricDataQuery, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fnLogContext } from "../logs/fn-context";
import { logsIngestion } from "../logs/ingestion";
import { logGroups } from "../logs/log-groups";
import { FunctionLogScan, type GenEvent } from "../logs/scan";
import type { RunningSim } from "../server";
import { HOUR_MS, MINUTE_MS, NOW_MS, sdkClients, startTestSim } from "./helpers";
import { groupOf, logsClient, runQuery, seconds } from "./logs-support";

let sim: RunningSim;
let cloudwatch: ReturnType<typeof sdkClients>["cloudwatch"];
let logs: ReturnType<typeof logsClient>;
beforeAll(async () => {
  sim = await startTestSim();
  cloudwatch = sdkClients(sim).cloudwatch;
  logs = logsClient(sim);
});
afterAll(() => sim.close());

function ingestQuery(id: string, metricName: "IncomingBytes" | "IncomingLogEvents", stat: string, logGroupName: string | undefined, period = 60): MetricDataQuery {
  const Dimensions = logGroupName === undefined ? [] : [{ Name: "LogGroupName", Value: logGroupName }];
  return { Id: id, MetricStat: { Metric: { Namespace: "AWS/Logs", MetricName: metricName, Dimensions }, Period: period, Stat: stat } };
}

async function gmd(startMs: number, endMs: number, queries: MetricDataQuery[]): Promise<MetricDataResult[]> {
  const out = await cloudwatch.send(new GetMetricDataCommand({ StartTime: new Date(startMs), EndTime: new Date(endMs), ScanBy: "TimestampAscending", MetricDataQueries: queries }));
  expect(out.NextToken).toBeUndefined();
  return out.MetricDataResults!;
}

/** The generated events of `fn` stamped in [fromMs, toMs] (inclusive, as a Logs Insights window), every line built. */
function generatedEvents(fn: string, fromMs: number, toMs: number): GenEvent[] {
  const ctx = fnLogContext(sim.model, fn)!;
  const scan = new FunctionLogScan(sim.model, ctx, { startMs: fromMs, endMs: toMs }, false);
  const events: GenEvent[] = [];
  for (let h = Math.floor(fromMs / HOUR_MS) * HOUR_MS; h <= toMs; h += HOUR_MS) scan.hour(h, (evs) => events.push(...(evs as GenEvent[])));
  return events;
}

const utf8 = (ev: GenEvent) => Buffer.byteLength(ev.message(), "utf8");

describe("one minute of one function's group", () => {
  // Go/Text with X-Ray lines, JSON format, JSON with DEBUG lines, and a custom log group (/payments/ledger-prod).
  test.each(["checkout-api-prod", "identity-auth-prod", "identity-session-prod", "payments-ledger-prod"])("%s: the values are the stored events' sizes and count", async (fn) => {
    const minuteMs = NOW_MS - 37 * MINUTE_MS;
    const sizes = generatedEvents(fn, minuteMs, minuteMs + MINUTE_MS - 1).map(utf8);
    expect(sizes.length).toBeGreaterThan(0);
    const group = groupOf(sim, fn);
    const stats = ["Sum", "SampleCount", "Average", "Minimum", "Maximum"];
    const results = await gmd(minuteMs, minuteMs + MINUTE_MS, [
      ...stats.map((stat) => ingestQuery(`bytes${stat}`, "IncomingBytes", stat, group)),
      ingestQuery("events", "IncomingLogEvents", "Sum", group),
      ingestQuery("eventsavg", "IncomingLogEvents", "Average", group),
    ]);
    const value = (id: string) => {
      const r = results.find((x) => x.Id === id)!;
      expect(r.Timestamps!.map((t) => t.getTime()), id).toEqual([minuteMs]);
      return r.Values![0];
    };
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(value("bytesSum")).toBe(total);
    expect(value("events")).toBe(sizes.length);
    expect(value("bytesSampleCount")).toBe(sizes.length);
    expect(value("bytesAverage")).toBeCloseTo(total / sizes.length, 9);
    expect(value("bytesMinimum")).toBe(Math.min(...sizes));
    expect(value("bytesMaximum")).toBe(Math.max(...sizes));
    expect(value("eventsavg")).toBe(1);
  });
});

describe("periods and the account", () => {
  test("a 1-hour Sum is the sum of its 60 minutes, for bytes and events", async () => {
    const group = groupOf(sim, "search-query-prod");
    const hourMs = NOW_MS - 3 * HOUR_MS;
    const [minutes, minuteEvents, hour, hourEvents] = await gmd(hourMs, hourMs + HOUR_MS, [
      ingestQuery("m", "IncomingBytes", "Sum", group),
      ingestQuery("me", "IncomingLogEvents", "Sum", group),
      ingestQuery("h", "IncomingBytes", "Sum", group, 3600),
      ingestQuery("he", "IncomingLogEvents", "Sum", group, 3600),
    ]);
    expect(minutes.Values).toHaveLength(60);
    expect(hour.Timestamps!.map((t) => t.getTime())).toEqual([hourMs]);
    expect(hour.Values![0]).toBe(minutes.Values!.reduce((a, b) => a + b, 0));
    expect(hourEvents.Values![0]).toBe(minuteEvents.Values!.reduce((a, b) => a + b, 0));
    // What a bill reads is the same figure.
    expect(logsIngestion(sim.model, sim.logs.store, group, hourMs, hourMs + HOUR_MS)).toEqual({ bytes: hour.Values![0], events: hourEvents.Values![0] });
  });

  test("without a dimension it is the whole account: the sum over every log group", async () => {
    const minuteMs = NOW_MS - 12 * MINUTE_MS;
    const groups = logGroups(sim.model, sim.logs.store).map((g) => g.name);
    const results = await gmd(minuteMs, minuteMs + MINUTE_MS, [
      ingestQuery("account", "IncomingBytes", "Sum", undefined),
      ...groups.map((g, i) => ingestQuery(`g${i}`, "IncomingBytes", "Sum", g)),
    ]);
    const perGroup = results.slice(1).reduce((n, r) => n + (r.Values![0] ?? 0), 0);
    expect(results[0].Values).toEqual([perGroup]);
  });

  test("no datapoint at or after now; an unknown group or a percentile is an empty, complete result", async () => {
    const group = groupOf(sim, "checkout-api-prod");
    const [recent, unknown, p99, otherDimension] = await gmd(NOW_MS - 5 * MINUTE_MS, NOW_MS + HOUR_MS, [
      ingestQuery("recent", "IncomingBytes", "Sum", group),
      ingestQuery("unknown", "IncomingBytes", "Sum", "/aws/lambda/no-such-function"),
      ingestQuery("pct", "IncomingBytes", "p99", group),
      { Id: "other", MetricStat: { Metric: { Namespace: "AWS/Logs", MetricName: "IncomingBytes", Dimensions: [{ Name: "FunctionName", Value: "checkout-api-prod" }] }, Period: 60, Stat: "Sum" } },
    ]);
    expect(recent.Timestamps!.map((t) => t.getTime())).toEqual([0, 1, 2, 3, 4].map((k) => NOW_MS - (5 - k) * MINUTE_MS));
    for (const r of [unknown, p99, otherDimension]) expect(r).toMatchObject({ StatusCode: "Complete", Values: [], Timestamps: [] });
  });
});

describe("stored events", () => {
  test("PutLogEvents counts each message's UTF-8 bytes, with no per-event overhead, in its timestamp's minute", async () => {
    const logGroupName = "/demo/ingestion";
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: "s" }));
    const minuteMs = NOW_MS - 4 * MINUTE_MS;
    // 1 + 6 ("é" is 2 bytes) + 13 bytes; the next minute holds one 3-byte event.
    const messages = ["a", "héllo", "deploy marker"];
    await logs.send(new PutLogEventsCommand({
      logGroupName,
      logStreamName: "s",
      logEvents: [...messages.map((message, i) => ({ timestamp: minuteMs + 1_000 * i, message })), { timestamp: minuteMs + MINUTE_MS + 5, message: "end" }],
    }));
    const [bytes, events, min, max] = await gmd(minuteMs - MINUTE_MS, minuteMs + 2 * MINUTE_MS, [
      ingestQuery("b", "IncomingBytes", "Sum", logGroupName),
      ingestQuery("e", "IncomingLogEvents", "Sum", logGroupName),
      ingestQuery("mn", "IncomingBytes", "Minimum", logGroupName),
      ingestQuery("mx", "IncomingBytes", "Maximum", logGroupName),
    ]);
    expect(bytes.Timestamps!.map((t) => t.getTime())).toEqual([minuteMs, minuteMs + MINUTE_MS]);
    expect(bytes.Values).toEqual([20, 3]);
    expect(events.Values).toEqual([3, 1]);
    expect(min.Values).toEqual([1, 3]);
    expect(max.Values).toEqual([13, 3]);
  });

  test("events put into a function's group add to its generated lines", async () => {
    const fn = "catalog-api-prod";
    const logGroupName = groupOf(sim, fn);
    const minuteMs = NOW_MS - 3 * MINUTE_MS;
    const generated = generatedEvents(fn, minuteMs, minuteMs + MINUTE_MS - 1).map(utf8);
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: "manual" }));
    await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: "manual", logEvents: [{ timestamp: minuteMs + 30_000, message: "deploy marker v4" }] }));
    const [bytes, events] = await gmd(minuteMs, minuteMs + MINUTE_MS, [ingestQuery("b", "IncomingBytes", "Sum", logGroupName), ingestQuery("e", "IncomingLogEvents", "Sum", logGroupName)]);
    expect(bytes.Values).toEqual([generated.reduce((a, b) => a + b, 0) + 16]);
    expect(events.Values).toEqual([generated.length + 1]);
  });
});

describe("the same bytes as Logs Insights", () => {
  // JSON format, and JSON with DEBUG lines (the chatty function).
  test.each(["identity-auth-prod", "identity-session-prod"])("%s: a query over a whole hour scans IncomingBytes of that hour (plus the lines stamped on its inclusive end)", async (fn) => {
    const logGroupName = groupOf(sim, fn);
    const hourMs = NOW_MS - 2 * HOUR_MS;
    const [bytes, events] = await gmd(hourMs, hourMs + HOUR_MS, [
      ingestQuery("b", "IncomingBytes", "Sum", logGroupName, 3600),
      ingestQuery("e", "IncomingLogEvents", "Sum", logGroupName, 3600),
    ]);
    // StartQuery's endTime is inclusive and whole seconds: lines stamped exactly on it are scanned too.
    const onEnd = generatedEvents(fn, hourMs + HOUR_MS, hourMs + HOUR_MS);
    const run = await runQuery(logs, { logGroupName, startTime: seconds(hourMs), endTime: seconds(hourMs + HOUR_MS), queryString: "stats count(*) as n" });
    expect(run.final.status).toBe("Complete");
    expect(run.final.statistics!.bytesScanned).toBe(bytes.Values![0] + onEnd.reduce((n, ev) => n + ev.messageBytes, 0));
    expect(run.final.statistics!.recordsScanned).toBe(events.Values![0] + onEnd.length);
  });
});
