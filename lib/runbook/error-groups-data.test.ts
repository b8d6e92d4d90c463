import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CostLedger } from "@/lib/cost/observation-cost";
import type { InsightsRow } from "@/lib/insights/parse-results";
import { runQuery } from "@/lib/insights/run-query";
import { savedQueries } from "@/lib/insights/saved-queries";
import { Semaphore } from "@/lib/insights/semaphore";
import { getMetricData, sumValues } from "@/lib/metrics/get-metric-data";
import { toErrorGroups } from "@/lib/runbook/error-groups-data";
import { event, report, run } from "@/sim/insights/test-support";
import { startSim, type RunningSim } from "@/sim/server";
import { CREDENTIALS, fixedModel, NOW_MS } from "@/sim/test/helpers";

const QUERY = () => savedQueries().get("error-groups")!.queryString;

describe("toErrorGroups", () => {
  // Rows as GetQueryResults returns them: every value a string, stats columns absent when empty.
  const row = (message: string, errors: string, ids: Partial<Record<"firstRequestId" | "lastRequestId" | "sampleRequestId", string>> = {}) => ({
    message,
    errors,
    firstSeen: "2026-11-20 11:03:00.000",
    lastSeen: "2026-11-20 11:58:30.250",
    ...ids,
  });

  test("a handler error: count, times and request ids", () => {
    const [g] = toErrorGroups([row('apply promotions: cart schema v2: unknown field "bundleId"', "12", { firstRequestId: "a", lastRequestId: "b", sampleRequestId: "c" })]);
    expect(g).toEqual({
      message: 'apply promotions: cart schema v2: unknown field "bundleId"',
      kind: "error",
      count: 12,
      firstSeenMs: Date.UTC(2026, 10, 20, 11, 3),
      lastSeenMs: Date.UTC(2026, 10, 20, 11, 58, 30, 250),
      sampleRequestIds: ["a", "b", "c"],
    });
  });

  test("sample ids are deduplicated and empty ones dropped; a Python row may have none", () => {
    const [one, two, none] = toErrorGroups([
      row("x", "3", { firstRequestId: "a", lastRequestId: "a", sampleRequestId: "a" }),
      row("y", "2", { firstRequestId: "", lastRequestId: " b ", sampleRequestId: "a" }),
      row("KeyError: 'customer_id'", "1"),
    ]);
    expect(one.sampleRequestIds).toEqual(["a"]);
    expect(two.sampleRequestIds).toEqual(["b", "a"]);
    expect(none.sampleRequestIds).toEqual([]);
  });

  test("timeouts and out-of-memory kills are named as such", () => {
    const groups = toErrorGroups([
      row("Task timed out after 30.03 seconds", "4"),
      row("Task timed out", "3"),
      row("Sandbox.Timedout", "2"),
      row("Runtime.OutOfMemory", "1"),
    ]);
    expect(groups.map((g) => [g.kind, g.message])).toEqual([
      ["timeout", "Task timed out after 30.03 seconds"],
      ["timeout", "Task timed out (the JSON log format does not say after how long)"],
      ["timeout", "Task timed out (Sandbox.Timedout)"],
      ["out of memory", "Runtime.OutOfMemory (killed at the memory limit)"],
    ]);
  });

  test("an application message that merely mentions a timeout stays an error", () => {
    expect(toErrorGroups([row("calling payments-api.internal: context deadline exceeded", "5")])[0].kind).toBe("error");
    expect(toErrorGroups([row("Task timed out waiting for the lock", "5")])[0].kind).toBe("error");
  });

  test("most frequent first, without reordering the caller's rows; malformed rows dropped; a missing message kept", () => {
    const rows: InsightsRow[] = [row("rare", "1"), { errors: "7", firstSeen: "2026-11-20 11:00:00.000", lastSeen: "2026-11-20 11:00:00.000" }, row("no count", ""), { ...row("no time", "2"), firstSeen: "" }];
    const groups = toErrorGroups(rows);
    expect(groups.map((g) => [g.message, g.count])).toEqual([["(no message in the log line)", 7], ["rare", 1]]);
    expect(rows[0].message).toBe("rare");
  });
});

describe("the query on each log shape (engine, hand-written lines)", () => {
  // One failed invocation per shape, with the lines Lambda and the runtime write around it
  // (sim/README.md, sim/logs/platform-lines.ts, sim/logs/app-lines.ts). Request ids are UUID-shaped.
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const LOGS = [
    // 1. Go, Text: the slog ERROR line; the REPORT has no Status for a handler error.
    event("11:00:00.100", `{"time":"2026-11-20T11:00:00.100000000Z","level":"INFO","msg":"downstream call","requestId":"${id(1)}","dependency":"dynamodb","target":"carts","op":"GetItem","durationMs":4.1}\n`),
    event("11:00:00.200", `{"time":"2026-11-20T11:00:00.200000000Z","level":"ERROR","msg":"cart not found","requestId":"${id(1)}","error":"cart.Load: item not found"}\n`),
    event("11:00:00.201", `END RequestId: ${id(1)}\n`),
    event("11:00:00.201", report(id(1), 101, 102, 60)),
    // 2. Node, Text: "Invoke Error" with the error as JSON (errorType / errorMessage are discovered).
    event("11:01:00.000", `START RequestId: ${id(2)} Version: $LATEST\n`),
    event("11:01:00.050", `2026-11-20T11:01:00.050Z\t${id(2)}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'id')","stack":["TypeError: Cannot read properties of undefined (reading 'id')","    at Runtime.handler (/var/task/index.js:42:17)"]}\n`),
    event("11:01:00.051", report(id(2), 50, 51, 80)),
    // 3. Python, Text: the unhandled exception, no request id on the line; a logging.error line does not count.
    event("11:02:00.010", `[ERROR]\t2026-11-20T11:02:00.010Z\t${id(3)}\tretrying the refund\n`),
    event("11:02:00.020", "[ERROR] KeyError: 'customer_id'\rTraceback (most recent call last):\r\u00a0\u00a0File \"/var/task/app.py\", line 42, in handler\n"),
    event("11:02:00.021", report(id(3), 20, 21, 90)),
    // 4. Text timeout: the function log's line and the REPORT's Status — one failure.
    event("11:03:30.030", `2026-11-20T11:03:30.030Z ${id(4)} Task timed out after 30.03 seconds\n`),
    event("11:03:30.031", report(id(4), 30030, 30030, 70, "Status: timeout")),
    // 5. Text OOM kill: the runtime's exit line and the REPORT's Error Type — one failure.
    event("11:04:00.500", `RequestId: ${id(5)} Error: Runtime exited with error: signal: killed\nRuntime.ExitError\n`),
    event("11:04:00.501", report(id(5), 500, 501, 128, "Status: error\tError Type: Runtime.OutOfMemory")),
    // 6–8. JSON format: a handler error (slog ERROR and a report with status error — one failure), a timeout, an OOM kill.
    event("11:05:00.100", `{"time":"2026-11-20T11:05:00.100000000Z","level":"ERROR","msg":"session expired","requestId":"${id(6)}","error":"auth: session expired"}\n`),
    event("11:05:00.101", `{"time":"2026-11-20T11:05:00.101Z","type":"platform.report","record":{"requestId":"${id(6)}","metrics":{"durationMs":100.5,"billedDurationMs":101,"memorySizeMB":512,"maxMemoryUsedMB":48},"status":"error","errorType":"*errors.errorString"}}`),
    event("11:06:05.000", `{"time":"2026-11-20T11:06:05.000Z","type":"platform.report","record":{"requestId":"${id(7)}","metrics":{"durationMs":5000,"billedDurationMs":5000,"memorySizeMB":512,"maxMemoryUsedMB":48},"status":"timeout"}}`),
    event("11:07:00.300", `{"time":"2026-11-20T11:07:00.300Z","type":"platform.report","record":{"requestId":"${id(8)}","metrics":{"durationMs":300,"billedDurationMs":300,"memorySizeMB":512,"maxMemoryUsedMB":512},"status":"error","errorType":"Runtime.OutOfMemory"}}`),
    // A success in each format counts nothing.
    event("11:08:00.000", report(id(9), 10, 10, 40)),
    event("11:08:00.001", `{"time":"2026-11-20T11:08:00.001Z","type":"platform.report","record":{"requestId":"${id(9)}","metrics":{"durationMs":1,"billedDurationMs":1,"memorySizeMB":512,"maxMemoryUsedMB":48},"status":"success"}}`),
  ];

  test("each failure once, with its message and request id", () => {
    const groups = toErrorGroups(run(QUERY(), LOGS).rows);
    const byMessage = Object.fromEntries(groups.map((g) => [g.message, [g.kind, g.count, g.sampleRequestIds.join()]]));
    expect(byMessage).toEqual({
      "cart not found": ["error", 1, id(1)],
      "Cannot read properties of undefined (reading 'id')": ["error", 1, id(2)],
      "KeyError: 'customer_id'": ["error", 1, ""],
      "Task timed out after 30.03 seconds": ["timeout", 1, id(4)],
      "Runtime.OutOfMemory (killed at the memory limit)": ["out of memory", 2, [id(5), id(8)].join()],
      "session expired": ["error", 1, id(6)],
      "Task timed out (the JSON log format does not say after how long)": ["timeout", 1, id(7)],
    });
    expect(groups[0].firstSeenMs).toBe(Date.UTC(2026, 10, 20, 11, 4, 0, 501));
    expect(groups[0].lastSeenMs).toBe(Date.UTC(2026, 10, 20, 11, 7, 0, 300));
  });
});

describe("the query on the demo account", () => {
  const H = 3_600_000;
  const window = { startMs: NOW_MS - 6 * H, endMs: NOW_MS }; // minute-aligned: log lines stay in their start minute, as the metric does
  let sim: RunningSim;
  let logs: CloudWatchLogsClient;
  let cloudwatch: CloudWatchClient;

  beforeAll(async () => {
    sim = await startSim({ port: 0, model: fixedModel() });
    const config = { endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS };
    logs = new CloudWatchLogsClient(config);
    cloudwatch = new CloudWatchClient(config);
  });
  afterAll(() => sim.close());

  async function groupsOf(functionName: string) {
    const r = await runQuery(logs, { logGroupNames: [`/aws/lambda/${functionName}`], queryString: QUERY(), ...window }, { ledger: new CostLedger(), semaphore: new Semaphore(4), deadlineMs: Date.now() + 60_000 });
    return toErrorGroups(r.rows);
  }

  async function errorsMetric(functionName: string) {
    const { results } = await getMetricData(cloudwatch, [{ id: "errors", namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: functionName }, stat: "Sum" }], { ...window, periodS: 3600 });
    return sumValues(results.get("errors"));
  }

  test("bad deploy (checkout-api-prod): the v5 message is the top group", async () => {
    const [top] = await groupsOf("checkout-api-prod");
    expect(top.message).toBe('apply promotions: cart schema v2: unknown field "bundleId"');
    expect(top.kind).toBe("error");
    expect(top.sampleRequestIds).toHaveLength(3);
  });

  test("near-oom (reporting-export-prod): an out-of-memory group with its request id", async () => {
    const oom = (await groupsOf("reporting-export-prod")).find((g) => g.kind === "out of memory");
    expect(oom?.count).toBeGreaterThan(0);
    expect(oom?.sampleRequestIds[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  // Go Text, Node (two), Python (three, one with an OOM kill), Go JSON: the groups add up to the Errors metric.
  test.each([
    ["checkout-api-prod", 4445],
    ["search-suggest-prod", 10],
    ["notifications-sms-prod", 1],
    ["payments-fraud-score-prod", 10],
    ["payments-refunds-prod", 2],
    ["reporting-export-prod", 1],
    ["identity-auth-prod", 27],
  ])("%s: the group counts add up to the Errors metric", async (functionName, expected) => {
    const [groups, errors] = await Promise.all([groupsOf(functionName), errorsMetric(functionName)]);
    const counted = groups.reduce((a, g) => a + g.count, 0);
    expect(counted).toBe(errors);
    expect(counted).toBe(expected); // the demo's figures, pinned so a silent 0 = 0 cannot pass
  });
});
