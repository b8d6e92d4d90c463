import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { CloudWatchLogsClient, DescribeQueriesCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CostLedger } from "@/lib/cost/observation-cost";
import { InsightsQueryError, runQuery, type QueryProgress } from "@/lib/insights/run-query";
import { numberOf } from "@/lib/insights/parse-results";
import { savedQueries } from "@/lib/insights/saved-queries";
import { Semaphore } from "@/lib/insights/semaphore";
import { startSim, type RunningSim } from "@/sim/server";
import { CREDENTIALS, control, fixedModel, NOW_MS } from "@/sim/test/helpers";

// lib/insights against the demo account through the real SDK: the state machine, progress,
// cancel (StopQuery), the account's concurrency limit, query failures and malformed queries.
let sim: RunningSim;
let client: CloudWatchLogsClient;
const HOUR_MS = 3_600_000;
const GROUP = "/aws/lambda/checkout-api-prod";

beforeAll(async () => {
  sim = await startSim({ port: 0, model: fixedModel() });
  client = new CloudWatchLogsClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await control(sim, "DELETE", "faults");
  await control(sim, "DELETE", "meter");
});

const requests = async () => (await control<{ requests: Record<string, number> }>(sim, "GET", "meter")).json.requests;
const opts = (extra: Partial<Parameters<typeof runQuery>[2]> = {}) => ({ ledger: new CostLedger(), semaphore: new Semaphore(5), deadlineMs: Date.now() + 60_000, ...extra });
const query = (queryString: string, hours = 3) => ({ logGroupNames: [GROUP], queryString, startMs: NOW_MS - hours * HOUR_MS, endMs: NOW_MS });

describe("runQuery", () => {
  test("reports growing progress while Running, then Complete with rows and statistics", async () => {
    const seen: QueryProgress[] = [];
    const result = await runQuery(client, query('filter @type = "REPORT" | stats count(*) as n', 24), opts({ onProgress: (p) => seen.push(p) }));
    expect(result.status).toBe("Complete");
    expect(seen.some((p) => p.status === "Running"), "polled while it ran").toBe(true);
    expect(seen.at(-1)!.recordsScanned).toBeGreaterThan(0);
    expect(numberOf(result.rows[0].n)).toBeGreaterThan(1_000);
    expect(result.statistics.bytesScanned).toBeGreaterThan(0);
  });

  test("the saved health query runs and its counts agree with the Invocations metric", async () => {
    const q = savedQueries().get("function-health")!;
    const { rows } = await runQuery(client, query(q.queryString, 3), opts());
    const fromLogs = rows.reduce((a, r) => a + (numberOf(r.invocations) ?? 0), 0);
    const metric = sim.model.metricSeries({ namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: "checkout-api-prod" }, stat: "Sum", startMs: NOW_MS - 3 * HOUR_MS, endMs: NOW_MS, periodS: 3 * 3_600 });
    expect(fromLogs).toBe(metric!.values.reduce((a, b) => a + b, 0));
  });

  test("aborting sends StopQuery, and the account shows the query Cancelled", async () => {
    const abort = new AbortController();
    const run = runQuery(client, query('filter @type = "REPORT" | stats count(*) by bin(5m)', 14 * 24), opts({ signal: abort.signal, onProgress: () => abort.abort(new Error("user cancelled")) }));
    await expect(run).rejects.toThrow("user cancelled");
    expect((await requests())["logs:StopQuery"]).toBe(1);
    const { queries } = await client.send(new DescribeQueriesCommand({ logGroupName: GROUP }));
    expect(queries!.some((q) => q.status === "Cancelled")).toBe(true);
  });

  test("a deadline that passes stops the query too", async () => {
    const run = runQuery(client, query('filter @type = "REPORT" | stats count(*) by bin(5m)', 14 * 24), opts({ deadlineMs: Date.now() + 150 }));
    await expect(run).rejects.toMatchObject({ status: "DeadlineExceeded" });
    expect((await requests())["logs:StopQuery"]).toBe(1);
  });

  test("StartQuery is retried while the account is at its 30-query limit", async () => {
    await control(sim, "POST", "faults", { action: "logs:StartQuery", fault: "queryLimit", count: 2 });
    const result = await runQuery(client, query("fields @timestamp | limit 1"), opts());
    expect(result.rows).toHaveLength(1);
    expect((await requests())["logs:StartQuery"]).toBe(3);
  });

  test("a query that ends Timeout or Failed is an InsightsQueryError with that status", async () => {
    for (const fault of ["queryTimeout", "queryFailed"] as const) {
      await control(sim, "POST", "faults", { action: "logs:StartQuery", fault, count: 1 });
      const err = await runQuery(client, query("fields @timestamp | limit 1"), opts()).catch((e) => e);
      expect(err).toBeInstanceOf(InsightsQueryError);
      expect(err.status).toBe(fault === "queryTimeout" ? "Timeout" : "Failed");
    }
  });

  test("a malformed query is rejected at StartQuery, not retried", async () => {
    const err = await runQuery(client, query("stats count(*) by"), opts()).catch((e) => e);
    expect(err.name).toBe("MalformedQueryException");
    expect((await requests())["logs:StartQuery"]).toBe(1);
  });

  test("more than 50 log groups never reach AWS", async () => {
    const groups = Array.from({ length: 51 }, (_, i) => `/aws/lambda/f${i}`);
    await expect(runQuery(client, { ...query("fields @timestamp"), logGroupNames: groups }, opts())).rejects.toThrow(RangeError);
    expect((await requests())["logs:StartQuery"] ?? 0).toBe(0);
  });
});
