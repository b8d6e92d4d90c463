import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { getMetricData, type MetricQuery } from "@/lib/metrics/get-metric-data";
import { fleetQueries } from "@/lib/functions/fleet-metrics";
import { control, fixedModel, NOW_MS, CREDENTIALS } from "@/sim/test/helpers";
import { startSim, type RunningSim } from "@/sim/server";

// lib/metrics against the demo account through the real SDK: batching, paging and joining pages.
let sim: RunningSim;
let client: CloudWatchClient;
const HOUR_MS = 3_600_000;

beforeAll(async () => {
  sim = await startSim({ port: 0, model: fixedModel() });
  client = new CloudWatchClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS });
});
afterAll(() => sim.close());

const meter = async () => (await control<{ getMetricData: { calls: number; metricsRequested: number } }>(sim, "GET", "meter")).json.getMetricData;

describe("getMetricData", () => {
  test("1,001 queries take ceil(1001/500) = 3 calls, and every query gets its result", async () => {
    await control(sim, "DELETE", "meter");
    const names = Array.from({ length: 200 }, (_, i) => `fn-${i}`); // 200 × 5 = 1,000 queries …
    const queries: MetricQuery[] = [...fleetQueries(names), { id: "extra", namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: "checkout-api-prod" }, stat: "Sum" }];
    expect(queries).toHaveLength(1_001);
    const window = { startMs: NOW_MS - HOUR_MS, endMs: NOW_MS, periodS: 3_600 };
    const { results, cost } = await getMetricData(client, queries, window);
    expect(cost).toEqual({ calls: 3, metricsRequested: 1_001 });
    expect(await meter()).toMatchObject({ calls: 3, metricsRequested: 1_001 });
    expect(results.size).toBe(1_001);
    expect(results.get("extra")!.values[0], "a real function was invoked in the last hour").toBeGreaterThan(0);
    expect(results.get("f0_inv")!.values, "unknown functions have no datapoints, not an error").toEqual([]);
  });

  test("a request over 100,800 datapoints is paged with NextToken and joined without gaps or duplicates", async () => {
    // 300 series × 1-minute points over 7 h = 126,000 datapoints > 100,800 a call.
    const names = ["checkout-api-prod", "search-query-prod", "catalog-api-prod"];
    const queries: MetricQuery[] = Array.from({ length: 300 }, (_, i) => ({
      id: `q${i}`,
      namespace: "AWS/Lambda",
      metricName: "Invocations",
      dimensions: { FunctionName: names[i % 3] },
      stat: "Sum",
    }));
    const window = { startMs: NOW_MS - 7 * HOUR_MS, endMs: NOW_MS, periodS: 60 };
    const { results, cost } = await getMetricData(client, queries, window);
    expect(cost.calls, "one chunk, more than one page").toBeGreaterThan(1);
    const first = results.get("q0")!;
    expect(first.timestampsMs.length).toBeGreaterThan(400);
    expect(new Set(first.timestampsMs).size, "no duplicated timestamps").toBe(first.timestampsMs.length);
    expect(first.timestampsMs, "ascending").toEqual([...first.timestampsMs].sort((a, b) => a - b));
    expect(results.get("q299")!.values, "the last query (paged last) equals the same metric asked first").toEqual(results.get("q2")!.values);
    expect(results.get("q0")!.values).toEqual(results.get("q3")!.values);
    expect(first.status).toBe("Complete");
  });
});
