import type { ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startRedis, type RunningRedis } from "../test/redis-server";
import { startServer, stopServer, waitUntilServing } from "./servers";
import { meter, resetMeter, warmMetrics } from "./sim";

// Two replicas of the production build behind one Redis, as behind a load balancer. They run the
// Dockerfile's runtime stage without Docker: .next/standalone and .next/static copied to a folder
// outside the repository, started with `node server.js` — so the build is proven self-contained.
const ROOT = path.resolve(import.meta.dirname, "..");
const PORTS = [3107, 3108];

const startReplica = (dir: string, port: number, redisUrl: string): ChildProcess =>
  startServer("server.js", dir, { HOST: "127.0.0.1", HOSTNAME: "127.0.0.1", PORT: String(port), REDIS_URL: redisUrl, LAMBDASCOPE_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "lambdascope-replica-cache-")) }, "ignore");

test.describe("two replicas on one Redis", () => {
  let redis: RunningRedis;
  let replicas: ChildProcess[] = [];

  test.beforeAll(async () => {
    redis = await startRedis();
    const dir = mkdtempSync(path.join(tmpdir(), "lambdascope-standalone-"));
    cpSync(path.join(ROOT, ".next", "standalone"), dir, { recursive: true });
    cpSync(path.join(ROOT, ".next", "static"), path.join(dir, ".next", "static"), { recursive: true });
    replicas = PORTS.map((port) => startReplica(dir, port, redis.url));
    await Promise.all(PORTS.map((port) => waitUntilServing(`http://127.0.0.1:${port}/calculator`)));
  });

  test.afterAll(() => {
    for (const r of replicas) stopServer(r);
    redis?.stop();
  });

  test("50 concurrent identical requests spread across both make one upstream call per AWS action", async () => {
    await warmMetrics(1); // a demo account just started is slow to build metrics: no retries from timeouts
    await resetMeter();
    const urls = Array.from({ length: 50 }, (_, i) => `http://127.0.0.1:${PORTS[i % 2]}/api/functions?range=24h&limit=1000`);
    const responses = await Promise.all(urls.map((u) => fetch(u)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies[0].rows.length).toBeGreaterThan(30);
    expect(new Set(bodies.map((b) => JSON.stringify(b.rows))).size).toBe(1);
    const { requests: all, getMetricData } = await meter();
    // The overview reads no logs: Logs Insights runs earlier specs left polling are not its calls.
    const requests = Object.fromEntries(Object.entries(all).filter(([action]) => !action.startsWith("logs:")));
    // what one request needs, once: the account, the functions, their tags, one GetMetricData for
    // every metric, and each dead-letter queue's URL and depth once
    const { "sqs:GetQueueUrl": queueUrls, "sqs:GetQueueAttributes": depths, ...rest } = requests;
    expect(rest).toEqual({ "sts:GetCallerIdentity": 1, "lambda:ListFunctions": 1, "tag:GetResources": 1, "cloudwatch:GetMetricData": 1 });
    expect(getMetricData.calls).toBe(1);
    expect(queueUrls).toBe(depths);
    expect(depths).toBeGreaterThan(0);
    expect(depths).toBeLessThanOrEqual(bodies[0].rows.filter((f: { dlqDepth?: number }) => f.dlqDepth !== undefined).length);
    // and a later request on either replica is served from Redis
    await resetMeter();
    expect((await fetch(`http://127.0.0.1:${PORTS[1]}/api/functions?range=24h&limit=1000`)).status).toBe(200);
    expect(Object.keys((await meter()).requests).filter((a) => !a.startsWith("logs:"))).toEqual([]);
  });

  test("a Logs Insights run started on one replica is joined, followed and cancelled through the other", async () => {
    const [a, b] = PORTS.map((p) => `http://127.0.0.1:${p}/api/insights/runs`);
    const start = (url: string, body: object) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
    const poll = async (runId: string, until: (status: string) => boolean) => {
      for (let i = 0; i < 60; i++) {
        const run = await (await fetch(`${b}/${runId}`)).json();
        if (until(run.status)) return run;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error(`run ${runId} did not get there`);
    };
    const quick = { query: "cold-start-rate", functions: ["checkout-api-prod"], range: "1h" };
    const first = await start(a, quick);
    const second = await start(b, quick);
    expect(second.runId).toBe(first.runId); // one scan, whichever replica is asked
    expect(second.joined, "the other replica's answer says it joined, so its view was not billed").toBe(true);
    const done = await poll(first.runId, (s) => s === "Complete");
    expect(done.rows.length).toBeGreaterThan(0);

    const names = (await (await fetch(`http://127.0.0.1:${PORTS[0]}/api/inventory`)).json()).functions.slice(0, 20).map((f: { name: string }) => f.name);
    const long = await start(a, { query: "slowest-requests", functions: names, range: "14d" });
    expect((await fetch(`${b}/${long.runId}`, { method: "DELETE" })).status).toBe(200);
    expect((await poll(long.runId, (s) => s === "Cancelled")).status).toBe("Cancelled");
  });

  test("the standalone build ships what it reads at run time (the saved queries)", async ({ page }) => {
    await page.goto(`http://127.0.0.1:${PORTS[0]}/queries`);
    await expect(page.getByTestId("saved-queries").getByRole("button")).not.toHaveCount(0);
    await expect(page.getByTestId("query-text")).toContainText("filter");
  });
});
