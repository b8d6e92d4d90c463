import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { evaluateThrottles } from "@/lib/runbook/throttles";
import { gatherThrottles } from "@/lib/runbook/throttles-data";
import { CostLedger } from "@/lib/cost/observation-cost";
import { runQuery } from "@/lib/insights/run-query";
import { savedQueries } from "@/lib/insights/saved-queries";
import { Semaphore } from "@/lib/insights/semaphore";
import { evaluateDownstream } from "@/lib/runbook/downstream";
import { toDownstreamInput } from "@/lib/runbook/downstream-data";
import { startSim, type RunningSim } from "@/sim/server";
import { CREDENTIALS, fixedModel, NOW_MS } from "@/sim/test/helpers";

// The runbook's steps against the demo account's scripted incidents (grows with each step wired).
let sim: RunningSim;
let client: CloudWatchLogsClient;
let metricClients: { cloudwatch: CloudWatchClient; lambda: LambdaClient };
const H = 3_600_000;
const incident = { startMs: NOW_MS - H, endMs: NOW_MS };
const baseline = { startMs: NOW_MS - 25 * H, endMs: NOW_MS - 24 * H }; // the same hour yesterday

beforeAll(async () => {
  sim = await startSim({ port: 0, model: fixedModel() });
  client = new CloudWatchLogsClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS });
  const config = { endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS };
  metricClients = { cloudwatch: new CloudWatchClient(config), lambda: new LambdaClient(config) };
});
afterAll(() => sim.close());

async function rows(queryId: string, functionName: string) {
  const q = savedQueries().get(queryId)!;
  const r = await runQuery(client, { logGroupNames: [`/aws/lambda/${functionName}`], queryString: q.queryString, startMs: baseline.startMs, endMs: NOW_MS }, { ledger: new CostLedger(), semaphore: new Semaphore(4), deadlineMs: Date.now() + 60_000 });
  return r.rows;
}

async function step3(functionName: string) {
  const [warmRows, dependencyRows] = await Promise.all([rows("warm-duration", functionName), rows("downstream-latency", functionName)]);
  return evaluateDownstream(toDownstreamInput({ warmRows, dependencyRows, incident, baseline, concurrency: { incidentPeak: null, baselinePeak: null } }));
}

describe("step 3 on the demo incidents", () => {
  test("slow-downstream (search-query-prod): likely cause, the products table named", async () => {
    const r = await step3("search-query-prod");
    expect(r.verdict).toBe("likely cause");
    expect(r.summary).toContain("dynamodb products");
  });

  test("a healthy function (search-suggest-prod): clear", async () => {
    expect((await step3("search-suggest-prod")).verdict).toBe("clear");
  });
});

describe("step 1 on the demo incidents", () => {
  // The throttled incident's busy hours are 14:00–24:00 UTC: look at 19:00–20:00 the day before the anchor.
  const busy = { startMs: NOW_MS - 17 * H, endMs: NOW_MS - 16 * H };

  test("throttled (payments-webhook-prod): likely cause, raise reserved concurrency above 10", async () => {
    const fn = sim.model.fleet.byName.get("payments-webhook-prod")!;
    const input = await gatherThrottles(metricClients, { name: fn.name, reservedConcurrency: fn.reservedConcurrency ?? null }, busy, new CostLedger());
    expect(input.peakConcurrency).toBe(fn.reservedConcurrency);
    const r = evaluateThrottles(input);
    expect(r.verdict).toBe("likely cause");
    expect(r.action).toMatch(/from 10 to \d+/);
  });

  test("a healthy function in the same hour: clear", async () => {
    const input = await gatherThrottles(metricClients, { name: "search-suggest-prod", reservedConcurrency: null }, busy, new CostLedger());
    expect(input.unreservedPool).toBeGreaterThan(0);
    expect(evaluateThrottles(input).verdict).toBe("clear");
  });
});
