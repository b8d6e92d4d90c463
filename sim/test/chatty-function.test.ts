// The hidden cost the dashboard looks for (GitHub issue 6): a chatty function, identity-session-prod,
// whose CloudWatch Logs ingestion costs more than its compute because debug logging was left on in
// production (LoggingConfig { LogFormat: JSON, ApplicationLogLevel: DEBUG }; sim/logs/debug-lines.ts).
// Checked through the real SDK clients, with the same arithmetic as lib/cost/hidden-costs.ts: logs
// = IncomingBytes × $0.50 per GB of 2^30 bytes; compute = requests × $0.20 per million + GB-s × the
// Arm duration price. Its DEBUG lines count in IncomingBytes, bytesScanned and the bill alike, and
// never as errors.
import { readFileSync } from "node:fs";
import path from "node:path";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { GetFunctionCommand, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { functionUsage } from "../model";
import { logsIngestion } from "../logs/ingestion";
import type { RunningSim } from "../server";
import { DAY_MS, HOUR_MS, NOW_MS, sdkClients, startTestSim } from "./helpers";
import { groupOf, logsClient, rows, runQuery, window } from "./logs-support";

const FN = "identity-session-prod";
const GB = 1024 ** 3; // AWS bills data in GB of 2^30 bytes
const LOGS_USD_PER_GB = 0.5;
const REQUEST_USD = 0.2 / 1e6;
const GB_SECOND_USD = { x86_64: 0.0000166667, arm64: 0.0000133334 } as const;

let sim: RunningSim;
let clients: ReturnType<typeof sdkClients>;
let logs: ReturnType<typeof logsClient>;
beforeAll(async () => {
  sim = await startTestSim();
  clients = sdkClients(sim);
  logs = logsClient(sim);
});
afterAll(() => sim.close());

/** A saved query of queries/ without its "# key: value" header (lib/insights/saved-queries.ts). */
function savedQuery(id: string): string {
  const text = readFileSync(path.join(__dirname, "..", "..", "queries", `${id}.insights`), "utf8");
  return text.split("\n").filter((line) => !line.startsWith("#")).join("\n").trim();
}

async function dailySum(namespace: string, metricName: string, name: string, value: string, startMs: number): Promise<number> {
  const out = await clients.cloudwatch.send(new GetMetricDataCommand({
    StartTime: new Date(startMs),
    EndTime: new Date(startMs + DAY_MS),
    MetricDataQueries: [{ Id: "m", MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: [{ Name: name, Value: value }] }, Period: 86_400, Stat: "Sum" } }],
  }));
  return out.MetricDataResults![0].Values![0] ?? 0;
}

const metricSum = (metricName: string, w: { startMs: number; endMs: number }) =>
  sim.model.metricSeries({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: FN }, stat: "Sum", startMs: w.startMs, endMs: w.endMs, periodS: (w.endMs - w.startMs) / 1000 })!.values[0] ?? 0;

/** What a function's logs and compute cost over [fromMs, toMs), from the model (list prices, no free tier). */
function costs(name: string, fromMs: number, toMs: number) {
  const spec = sim.model.fleet.byName.get(name)!;
  const usage = functionUsage(sim.model, name, fromMs, toMs)!;
  const bytes = logsIngestion(sim.model, sim.logs.store, spec.logGroup, fromMs, toMs)!.bytes;
  const compute = usage.invocations * REQUEST_USD + (usage.billedMbMs / 1024 / 1000) * GB_SECOND_USD[spec.architecture];
  return { invocations: usage.invocations, bytes, logs: (bytes / GB) * LOGS_USD_PER_GB, compute };
}

describe("identity-session-prod logs at DEBUG", () => {
  test("GetFunction and ListFunctions answer LoggingConfig { JSON, ApplicationLogLevel DEBUG, SystemLogLevel INFO }", async () => {
    const expected = { LogFormat: "JSON", ApplicationLogLevel: "DEBUG", SystemLogLevel: "INFO", LogGroup: `/aws/lambda/${FN}` };
    const out = await clients.lambda.send(new GetFunctionCommand({ FunctionName: FN }));
    expect(out.Configuration!.LoggingConfig).toEqual(expected);
    // Every other function keeps Lambda's default INFO (JSON) or has no log level at all (Text).
    const listed = [];
    for (let marker: string | undefined; ; ) {
      const page = await clients.lambda.send(new ListFunctionsCommand({ Marker: marker }));
      listed.push(...page.Functions!);
      if (!(marker = page.NextMarker)) break;
    }
    expect(listed.find((f) => f.FunctionName === FN)!.LoggingConfig).toEqual(expected);
    const levels = listed.filter((f) => f.LoggingConfig?.ApplicationLogLevel).map((f) => `${f.FunctionName}:${f.LoggingConfig!.ApplicationLogLevel}`);
    expect(levels.sort()).toEqual(["identity-auth-prod:INFO", `${FN}:DEBUG`]);
    for (const f of listed) if (f.LoggingConfig?.LogFormat === "Text") expect(f.LoggingConfig.ApplicationLogLevel).toBeUndefined();
  });

  test("over 24 h its log ingestion costs more than its compute (2–5 ×); no other function's does", async () => {
    const fromMs = NOW_MS - DAY_MS;
    const spec = sim.model.fleet.byName.get(FN)!;
    // Through the SDK, as the dashboard reads them.
    const incomingBytes = await dailySum("AWS/Logs", "IncomingBytes", "LogGroupName", spec.logGroup, fromMs);
    const invocations = await dailySum("AWS/Lambda", "Invocations", "FunctionName", FN, fromMs);
    const usage = functionUsage(sim.model, FN, fromMs, NOW_MS)!;
    expect(usage.invocations).toBe(invocations);
    const logsUsd = (incomingBytes * LOGS_USD_PER_GB) / GB;
    const requestsUsd = invocations * REQUEST_USD;
    const durationUsd = (usage.billedMbMs / 1024 / 1000) * GB_SECOND_USD.arm64;
    const computeUsd = requestsUsd + durationUsd;
    const ratio = logsUsd / computeUsd;
    console.log(
      `[sim/chatty] ${FN}, 24 h to ${new Date(NOW_MS).toISOString()}: ${invocations.toLocaleString("en-US")} invocations, ` +
      `${Math.round(incomingBytes / invocations).toLocaleString("en-US")} bytes of logs per invocation; logs $${logsUsd.toFixed(4)} ` +
      `vs compute $${computeUsd.toFixed(4)} (requests $${requestsUsd.toFixed(4)} + duration $${durationUsd.toFixed(4)}): ${ratio.toFixed(2)} ×`,
    );
    expect(logsUsd).toBeGreaterThan(computeUsd);
    expect(ratio).toBeGreaterThan(2);
    expect(ratio).toBeLessThan(5);
    expect(incomingBytes / invocations).toBeGreaterThan(2_500);
    // Cheap to run: 256 MB on arm64, tens of milliseconds.
    expect(spec.memoryMb).toBe(256);
    expect(usage.billedMbMs / invocations / spec.memoryMb).toBeLessThan(100);

    // The one chatty function of the account: everywhere else compute costs more than the logs.
    const chatty = sim.model.fleet.functions.map((f) => ({ name: f.name, ...costs(f.name, fromMs, NOW_MS) })).filter((c) => c.logs > c.compute);
    expect(chatty.map((c) => c.name)).toEqual([FN]);
    expect(chatty[0].bytes).toBe(incomingBytes);
  }, 60_000);

  test("the DEBUG lines: request and GetItem input on every invocation, GetItem output and response on successes", async () => {
    const w = window(NOW_MS - 2 * HOUR_MS, 60);
    const run = await runQuery(logs, { logGroupName: groupOf(sim, FN), startTime: w.startTime, endTime: w.endTime, queryString: 'filter level = "DEBUG" | stats count(*) as n by msg' });
    const byMsg = Object.fromEntries(rows(run.final).map((r) => [r.msg, Number(r.n)]));
    const invocations = metricSum("Invocations", w);
    const errors = metricSum("Errors", w);
    expect(invocations).toBeGreaterThan(1_000);
    expect(byMsg).toEqual({ "request received": invocations, "dynamodb request": invocations, "dynamodb response": invocations - errors, response: invocations - errors });
    // Discovered like any JSON line: the event dump's nested fields are there to query.
    const fields = await runQuery(logs, {
      logGroupName: groupOf(sim, FN), startTime: w.startTime, endTime: w.endTime,
      queryString: 'filter msg = "request received" | stats count(*) as n by `event.requestContext.http.method` as method, `event.headers.x-forwarded-port` as port',
    });
    expect(rows(fields.final)).toEqual([{ method: "GET", port: "443", n: String(invocations) }]);
  });

  test("no DEBUG line counts as an error: the error queries add up to the Errors metric; platform.report lines = Invocations", async () => {
    const w = window(NOW_MS, 6 * 60);
    const group = groupOf(sim, FN);
    const errors = metricSum("Errors", w);
    expect(errors).toBeGreaterThan(0);
    const errorGroups = await runQuery(logs, { logGroupName: group, startTime: w.startTime, endTime: w.endTime, queryString: savedQuery("error-groups") });
    expect(rows(errorGroups.final).reduce((n, r) => n + Number(r.errors), 0)).toBe(errors);
    const top = await runQuery(logs, { logGroupName: group, startTime: w.startTime, endTime: w.endTime, queryString: savedQuery("top-error-messages") });
    expect(rows(top.final).reduce((n, r) => n + Number(r.errors), 0)).toBe(errors);
    // Latest errors lists a JSON-format handler error twice (its ERROR line and its platform.report
    // with status error) and a timeout once: never a DEBUG line, and each failed request.
    const latest = rows((await runQuery(logs, { logGroupName: group, startTime: w.startTime, endTime: w.endTime, queryString: savedQuery("errors-with-request-ids") })).final);
    expect(errors).toBeLessThan(25); // so that the 50 rows hold every failure
    for (const r of latest) expect(r.level === "ERROR" || r["record.status"] === "error" || r["record.status"] === "timeout", JSON.stringify(r)).toBe(true);
    expect(new Set(latest.map((r) => r.requestId ?? r["record.requestId"])).size).toBe(errors);
    const billed = await runQuery(logs, { logGroupName: group, startTime: w.startTime, endTime: w.endTime, queryString: savedQuery("billed-duration") });
    expect(Number(rows(billed.final)[0].invocations)).toBe(metricSum("Invocations", w));
  }, 60_000);

  test("the bill's log ingestion for a day is the group's IncomingBytes that day, DEBUG lines included", async () => {
    await sim.billing.ready();
    const dayMs = Date.UTC(2026, 10, 10);
    const i = sim.model.fleet.functions.findIndex((f) => f.name === FN);
    const billed = sim.billing.usage.functionDay(i, dayMs / DAY_MS);
    const incomingBytes = await dailySum("AWS/Logs", "IncomingBytes", "LogGroupName", groupOf(sim, FN), dayMs);
    expect(billed.logBytes).toBe(incomingBytes);
    expect(billed.invocations).toBe(await dailySum("AWS/Lambda", "Invocations", "FunctionName", FN, dayMs));
  }, 300_000);
});
