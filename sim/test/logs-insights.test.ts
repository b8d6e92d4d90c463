// Logs Insights through the real SDK: queries run asynchronously (Scheduled → Running with growing
// statistics → Complete), agree with the metrics of the same invocations, and fail as AWS fails.
import { GetQueryResultsCommand, StartQueryCommand, StopQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { MeterSnapshot } from "../control/meter";
import { BAD_DEPLOY_ERROR } from "../logs/app-catalog";
import { ERRORS_AS_METRIC_QUERY } from "../logs/query-definitions";
import { invocationsBetween } from "../model";
import { type RunningSim, startSim } from "../server";
import { NOW_MS, control, fixedModel, rejection, startTestSim } from "./helpers";
import { groupOf, logsClient, rows, runQuery, window } from "./logs-support";

let sim: RunningSim;
let logs: ReturnType<typeof logsClient>;
beforeAll(async () => {
  sim = await startTestSim();
  logs = logsClient(sim);
});
afterAll(() => sim.close());

const metricSum = (fn: string, metricName: string, w: { startMs: number; endMs: number }) =>
  sim.model.metricSeries({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: fn }, stat: "Sum", startMs: w.startMs, endMs: w.endMs, periodS: (w.endMs - w.startMs) / 1000 })!.values[0] ?? 0;

describe("a query's life", () => {
  test("Scheduled, then Running with growing statistics, then Complete; the meter bills its bytes", { timeout: 60_000 }, async () => {
    await control(sim, "DELETE", "meter");
    const groups = [...new Set(sim.model.fleet.functions.map((f) => f.logGroup))];
    const w = window(NOW_MS, 24 * 60);
    const startedMs = performance.now();
    const run = await runQuery(logs, { logGroupNames: groups, startTime: w.startTime, endTime: w.endTime, queryString: 'filter @type = "REPORT" | stats count(*) as invocations, pct(@duration, 99) as p99 by bin(1h)' });
    const elapsedMs = performance.now() - startedMs;
    console.log(`[sim/logs] 24 h stats query over ${groups.length} log groups: ${elapsedMs.toFixed(0)} ms, ${run.final.statistics!.recordsScanned!.toLocaleString("en-US")} records, ${(run.final.statistics!.bytesScanned! / 1e9).toFixed(2)} GB, ${run.polls.length} polls`);

    // Scheduled for a moment (often over before the first poll), then Running, then Complete.
    const statuses = run.polls.map((p) => p.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => ["Scheduled", "Running", "Complete"].indexOf(a!) - ["Scheduled", "Running", "Complete"].indexOf(b!)));
    const running = run.polls.filter((p) => p.status === "Running").map((p) => p.statistics!.recordsScanned!);
    expect(running.length).toBeGreaterThanOrEqual(2);
    expect(running[running.length - 1]).toBeGreaterThan(running[0]);
    expect(running).toEqual([...running].sort((a, b) => a - b));
    expect(run.final.status).toBe("Complete");
    expect(rows(run.final)).toHaveLength(24);
    for (const key of ["recordsMatched", "recordsScanned", "bytesScanned"] as const) expect(typeof run.final.statistics![key]).toBe("number");

    const meter = (await control<MeterSnapshot>(sim, "GET", "meter")).json;
    expect(meter.logsInsights).toEqual({ queries: 1, bytesScanned: run.final.statistics!.bytesScanned });
    // $0.005 per GB scanned (AWS-FACTS §2).
    expect(meter.costUsd.logsInsights).toBeCloseTo((run.final.statistics!.bytesScanned! / 1024 ** 3) * 0.005, 6);
    expect(meter.requests["logs:StartQuery"]).toBe(1);
  });

  test("StopQuery cancels a running query; stopping it again answers false", async () => {
    const w = window(NOW_MS, 7 * 24 * 60);
    const { queryId } = await logs.send(new StartQueryCommand({ logGroupName: groupOf(sim, "checkout-api-prod"), startTime: w.startTime, endTime: w.endTime, queryString: "fields @message | limit 5" }));
    expect((await logs.send(new StopQueryCommand({ queryId }))).success).toBe(true);
    expect((await logs.send(new GetQueryResultsCommand({ queryId }))).status).toBe("Cancelled");
    expect((await logs.send(new StopQueryCommand({ queryId }))).success).toBe(false);
  });
});

describe("logs agree with the metrics of the same invocations", () => {
  const w = window(NOW_MS - 30 * 60_000, 3 * 60);

  test("REPORT lines in a window = Invocations Sum (Text, JSON format, custom log group, Node, Python)", async () => {
    // identity-auth-prod logs JSON: its REPORT is a platform.report record, which Logs Insights
    // does not give @type (sim/insights/discover.ts), so the query names both forms.
    for (const fn of ["checkout-api-prod", "identity-auth-prod", "identity-session-prod", "payments-ledger-prod", "search-suggest-prod", "payments-fraud-score-prod"]) {
      const run = await runQuery(logs, { logGroupName: groupOf(sim, fn), startTime: w.startTime, endTime: w.endTime, queryString: 'filter @type = "REPORT" or type = "platform.report" | stats count(*) as n' });
      expect(Number(rows(run.final)[0].n), fn).toBe(metricSum(fn, "Invocations", w));
    }
  });

  test("the Errors query counts exactly the Errors metric (handler errors, OOM kills, JSON format)", async () => {
    const query = ERRORS_AS_METRIC_QUERY.replace(/by bin\(5m\)$/, "");
    const long = window(NOW_MS, 2 * 24 * 60);
    // identity-session-prod: JSON with DEBUG lines, none of which may count.
    for (const [fn, win] of [["checkout-api-prod", w], ["identity-auth-prod", w], ["identity-session-prod", w], ["search-suggest-prod", long], ["reporting-export-prod", long], ["payments-fraud-score-prod", long], ["notifications-email-prod", w]] as const) {
      const run = await runQuery(logs, { logGroupName: groupOf(sim, fn), startTime: win.startTime, endTime: win.endTime, queryString: query });
      const errors = Number(rows(run.final)[0]?.errors ?? 0);
      expect(errors, fn).toBe(metricSum(fn, "Errors", win));
      expect(errors, fn).toBeGreaterThan(0);
    }
  });

  test("cold-start rate of identity-token-rotator-prod = the model's share (@initDuration exactly on cold starts)", async () => {
    const fn = "identity-token-rotator-prod";
    const day = window(NOW_MS, 24 * 60);
    const run = await runQuery(logs, { logGroupName: groupOf(sim, fn), startTime: day.startTime, endTime: day.endTime, queryString: 'filter @type = "REPORT" | stats count(*) as invocations, sum(ispresent(@initDuration)) as coldStarts, sum(ispresent(@initDuration)) / count(*) * 100 as coldStartPct' });
    let invocations = 0;
    let cold = 0;
    invocationsBetween(sim.model, fn, day.startMs, day.endMs, (r) => {
      invocations++;
      if (r.coldStart) cold++;
    });
    const row = rows(run.final)[0];
    expect(Number(row.invocations)).toBe(invocations);
    expect(Number(row.coldStarts)).toBe(cold);
    expect(Number(row.coldStartPct)).toBeCloseTo((cold / invocations) * 100, 6);
    expect(cold / invocations).toBeGreaterThan(0.5); // cold-start-heavy: ≈ 70 % (sim/README.md)
  });

  test("the error samples name checkout-api-prod's bad v5, with request ids; its START lines say Version: 5", async () => {
    const w2 = window(NOW_MS, 60);
    const run = await runQuery(logs, { logGroupNames: [groupOf(sim, "checkout-api-prod")], startTime: w2.startTime, endTime: w2.endTime, queryString: 'fields @timestamp, requestId, msg, error | filter level = "ERROR" | sort @timestamp desc | limit 50' });
    const found = rows(run.final);
    expect(found.length).toBe(50);
    const bad = found.filter((r) => r.msg === BAD_DEPLOY_ERROR.msg);
    expect(bad.length).toBeGreaterThan(40);
    expect(bad[0].requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const start = await runQuery(logs, { logGroupName: groupOf(sim, "checkout-api-prod"), startTime: w2.startTime, endTime: w2.endTime, queryString: `filter @type = "START" and @requestId = "${bad[0].requestId}" | fields @message` });
    expect(rows(start.final)[0]["@message"]).toBe(`START RequestId: ${bad[0].requestId} Version: 5\n`);
  });
});

describe("errors as AWS sends them", () => {
  const w = window(NOW_MS, 60);
  const base = () => ({ startTime: w.startTime, endTime: w.endTime, queryString: "stats count(*)" });

  test("a malformed query is MalformedQueryException with a queryCompileError", async () => {
    const queryString = "fields @timestamp\n| stats count( by x";
    const e = await rejection(logs.send(new StartQueryCommand({ ...base(), logGroupName: groupOf(sim, "checkout-api-prod"), queryString })));
    expect(e.name).toBe("MalformedQueryException");
    expect(e.$metadata.httpStatusCode).toBe(400);
    const loc = e.queryCompileError.location;
    expect(loc.startCharOffset).toBe(queryString.lastIndexOf("x")); // the token the parser stopped at
    expect(loc.endCharOffset).toBeGreaterThanOrEqual(loc.startCharOffset);
    expect(e.queryCompileError.message).toContain("line 2");
  });

  test("log group selection: unknown group, more than 50 groups, not exactly one selector", async () => {
    const missing = await rejection(logs.send(new StartQueryCommand({ ...base(), logGroupName: "/aws/lambda/no-such-function" })));
    expect(missing.name).toBe("ResourceNotFoundException");
    const groups = sim.model.fleet.functions.map((f) => f.logGroup);
    const fiftyOne = Array.from({ length: 51 }, (_, i) => `/aws/lambda/fn-${i}`);
    const tooMany = await rejection(logs.send(new StartQueryCommand({ ...base(), logGroupIdentifiers: fiftyOne })));
    expect(tooMany.name).toBe("InvalidParameterException");
    const both = await rejection(logs.send(new StartQueryCommand({ ...base(), logGroupName: groups[0], logGroupNames: [groups[1]] })));
    expect(both.name).toBe("InvalidParameterException");
    const arn = `arn:aws:logs:us-east-1:123456789012:log-group:${groupOf(sim, "catalog-api-prod")}`;
    expect((await logs.send(new StartQueryCommand({ ...base(), logGroupIdentifiers: [arn] }))).queryId).toBeTruthy();
  });

  test("GetQueryResults for an unknown query id is ResourceNotFoundException", async () => {
    const e = await rejection(logs.send(new GetQueryResultsCommand({ queryId: "00000000-0000-4000-8000-000000000000" })));
    expect(e.name).toBe("ResourceNotFoundException");
  });

  test("the 31st concurrent query is refused with LimitExceededException (after the SDK's retries)", async () => {
    // Queries that stay Running (scanned, then held by a long minimum duration) without using the CPU.
    const held = await startSim({ port: 0, model: fixedModel(), queries: { minMs: 60_000 } });
    const client = logsClient(held);
    const input = () => ({ logGroupName: groupOf(held, "catalog-api-prod"), startTime: w.startTime, endTime: w.endTime, queryString: "stats count(*)" });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) ids.push((await client.send(new StartQueryCommand(input()))).queryId!);
      const e = await rejection(client.send(new StartQueryCommand(input())));
      expect(e.name).toBe("LimitExceededException");
      expect(e.message).toBe("Account maximum query concurrency limit of [30] reached.");
      expect(e.$metadata.attempts).toBe(3);
      await client.send(new StopQueryCommand({ queryId: ids[0] }));
      expect((await client.send(new StartQueryCommand(input()))).queryId).toBeTruthy();
    } finally {
      await held.close();
    }
  });
});

describe("injected Logs Insights faults", () => {
  const w = window(NOW_MS, 30);
  const input = () => ({ logGroupName: groupOf(sim, "catalog-api-prod"), startTime: w.startTime, endTime: w.endTime, queryString: "stats count(*)" });

  test("queryTimeout ends the next query with status Timeout, queryFailed with Failed", async () => {
    expect((await control(sim, "POST", "faults", { action: "logs:StartQuery", fault: "queryTimeout", count: 1 })).status).toBe(201);
    const timedOut = await runQuery(logs, input());
    expect(timedOut.polls.some((p) => p.status === "Running")).toBe(true);
    expect(timedOut.final.status).toBe("Timeout");
    await control(sim, "POST", "faults", { action: "logs:*", fault: "queryFailed", count: 1 });
    const failed = await runQuery(logs, input());
    expect(failed.final.status).toBe("Failed");
    expect(failed.final.results).toEqual([]);
    expect((await runQuery(logs, input())).final.status).toBe("Complete");
  });

  test("queryLimit refuses StartQuery with LimitExceededException; the SDK retries it as a throttle", async () => {
    await control(sim, "POST", "faults", { action: "logs:StartQuery", fault: "queryLimit", count: 3 });
    const e = await rejection(logs.send(new StartQueryCommand(input())));
    expect(e.name).toBe("LimitExceededException");
    await control(sim, "POST", "faults", { action: "logs:StartQuery", fault: "queryLimit", count: 1 });
    const out = await logs.send(new StartQueryCommand(input()));
    expect(out.$metadata.attempts).toBe(2);
  });

  test("a query fault must name StartQuery; request faults apply to any logs action", async () => {
    expect((await control(sim, "POST", "faults", { action: "logs:GetQueryResults", fault: "queryTimeout" })).status).toBe(400);
    await control(sim, "POST", "faults", { action: "logs:StartQuery", fault: "accessDenied", count: 1 });
    const denied = await rejection(logsClient(sim, { maxAttempts: 1 }).send(new StartQueryCommand(input())));
    expect(denied.name).toBe("AccessDeniedException");
    await control(sim, "DELETE", "faults");
  });
});

test("a query ends as Timeout once SIM_QUERY_TIMEOUT_MS has passed", async () => {
  const slow = await startSim({ port: 0, model: fixedModel(), queries: { minMs: 0, timeoutMs: 150 } });
  try {
    const w = window(NOW_MS, 7 * 24 * 60);
    const groups = [...new Set(slow.model.fleet.functions.map((f) => f.logGroup))];
    const run = await runQuery(logsClient(slow), { logGroupNames: groups, startTime: w.startTime, endTime: w.endTime, queryString: "fields @message | limit 1" });
    expect(run.final.status).toBe("Timeout");
    expect(run.final.statistics!.recordsScanned).toBeGreaterThan(0);
  } finally {
    await slow.close();
  }
});
