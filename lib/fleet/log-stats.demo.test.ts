import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test, vi } from "vitest";
import type { FleetLogStatsRun } from "@/lib/fleet/log-stats-run";
import { createModel, functionUsage, invocationsBetween } from "@/sim/model";
import { startSim, type RunningSim } from "@/sim/server";
import { DAY_MS, HOUR_MS, NOW_MS } from "@/sim/test/helpers";

// The fleet-wide log statistics job against the demo account, in-process, through the real SDK: the
// demo account's model is the truth for every count, and its meter counts the StartQuery calls.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const sims: RunningSim[] = [];
afterAll(() => Promise.all(sims.map((s) => s.close())));

/** A demo account of `functionCount` functions, and the job's module imported fresh against it (no state carried over). */
async function dashboardOn(functionCount: number) {
  const model = createModel({ seed: 42, anchorMs: NOW_MS, fixedNowMs: NOW_MS, functionCount });
  const sim = await startSim({ port: 0, model });
  sims.push(sim);
  delete process.env.REDIS_URL;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sim.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo",
    LAMBDASCOPE_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), "fleet-log-stats-")), LAMBDASCOPE_AWS_TIMEOUT_MS: "60000",
  });
  // The dashboard's clock at the demo account's "now" (the model has no data after it).
  vi.useFakeTimers({ now: NOW_MS, toFake: ["Date"], shouldAdvanceTime: true });
  vi.resetModules();
  return { sim, model, job: await import("@/lib/fleet/log-stats-run") };
}

async function untilFinished(job: Awaited<ReturnType<typeof dashboardOn>>["job"], first: FleetLogStatsRun, seen: FleetLogStatsRun[] = []) {
  let run = first;
  while (!run.finishedAtMs) {
    await new Promise((r) => setTimeout(r, 200));
    run = (await job.pollFleetLogStats(run.runId!))!;
    seen.push(run);
  }
  return run;
}

const meterOf = (sim: RunningSim) => sim.meter.snapshot();

describe("the 40-function demo account over 24 h", async () => {
  const { sim, model, job } = await dashboardOn(40);
  const window = { startMs: NOW_MS - DAY_MS, endMs: NOW_MS };
  sim.meter.reset();
  const before = meterOf(sim).requests["logs:StartQuery"] ?? 0;
  const t0 = performance.now();
  // Two users click at once: one scan.
  const [a, b] = await Promise.all([job.startFleetLogStats("24h"), job.startFleetLogStats("24h")]);
  const progress: FleetLogStatsRun[] = [];
  const done = await untilFinished(job, a, progress);
  const elapsedS = (performance.now() - t0) / 1000;
  const startQueries = (meterOf(sim).requests["logs:StartQuery"] ?? 0) - before;

  test("two concurrent callers share one run, and 40 log groups take ceil(40/50) = 1 StartQuery", () => {
    expect(b.runId).toBe(a.runId);
    expect(done.status).toBe("Complete");
    expect(done.plan).toMatchObject({ range: "24h", window, logGroups: 40, queries: 1 });
    expect(startQueries).toBe(1);
    expect(done.cost.awsCalls["logs:StartQuery"]).toBe(1);
    expect(done.progress).toMatchObject({ queries: 1, queriesDone: 1 });
    expect(done.cost.logsBytesScanned).toBe(meterOf(sim).logsInsights.bytesScanned);
    expect(done.cost.usd).toBeCloseTo((done.cost.logsBytesScanned / 1024 ** 3) * 0.005, 10);
    console.log(`[fleet-log-stats] 40 functions, 24 h: ${startQueries} StartQuery, ${(done.cost.logsBytesScanned / 1e6).toFixed(0)} MB scanned (${done.progress.recordsScanned.toLocaleString("en-US")} records) ≈ $${done.cost.usd.toFixed(4)}, ${elapsedS.toFixed(1)} s`);
  });

  test("progress was reported while it ran", () => {
    const running = progress.filter((p) => !p.finishedAtMs);
    expect(running.length, "polled at least once before the end").toBeGreaterThan(0);
    expect(Math.max(...progress.map((p) => p.progress.recordsScanned))).toBe(done.progress.recordsScanned);
  });

  test("every function's invocations, cold starts and GB-s are the demo account's own, and its Invocations metric agrees", () => {
    const stats = done.stats!;
    expect(stats.functions).toHaveLength(40);
    let invocations = 0;
    let coldStarts = 0;
    for (const f of stats.functions) {
      let cold = 0;
      invocationsBetween(model, f.name, window.startMs, window.endMs, (r) => void (r.coldStart && cold++));
      const usage = functionUsage(model, f.name, window.startMs, window.endMs)!;
      const metric = model.metricSeries({ namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: f.name }, stat: "Sum", ...window, periodS: 86_400 });
      expect(f.invocations, f.name).toBe(usage.invocations);
      expect(f.invocations, `${f.name}: Invocations Sum`).toBe(metric!.values.reduce((x, y) => x + y, 0));
      expect(f.coldStarts, f.name).toBe(cold);
      expect(f.billedGbSeconds, f.name).toBeCloseTo(usage.billedMbMs / 1024 / 1000, 3);
      invocations += usage.invocations;
      coldStarts += cold;
    }
    expect(stats.totals.invocations).toBe(invocations);
    expect(stats.totals.coldStarts).toBe(coldStarts);
  });

  test("a JSON-log-format function is read as well as a Text one", () => {
    const json = done.stats!.functions.find((f) => f.name === "identity-auth-prod")!;
    expect(json.invocations).toBeGreaterThan(0);
    expect(json.peakMemoryUsedMb).toBeGreaterThan(0);
    expect(json.billedGbSeconds).toBeGreaterThan(0);
  });

  test("asked again, the stored scan answers at once from disk: no StartQuery", async () => {
    const again = await job.startFleetLogStats("24h");
    expect(again).toMatchObject({ runId: null, status: "Complete", fromCache: true });
    expect(again.stats!.totals).toEqual(done.stats!.totals);
    expect((meterOf(sim).requests["logs:StartQuery"] ?? 0) - before).toBe(1);
    const { plan, cached } = await job.fleetLogStatsPlan("24h");
    expect(plan).toMatchObject({ logGroups: 40, queries: 1 });
    expect(cached?.stats?.totals.invocations).toBe(done.stats!.totals.invocations);
  });

  test("cancelled, its query is stopped (StopQuery) for everyone watching", async () => {
    const run = await job.startFleetLogStats("7d");
    expect(run.plan).toMatchObject({ range: "7d", queries: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await job.cancelFleetLogStats(run.runId!);
    const ended = await untilFinished(job, run);
    expect(ended.status).toBe("Cancelled");
    expect(ended.stats).toBeUndefined();
    expect(meterOf(sim).requests["logs:StopQuery"]).toBe(1);
  });
});

describe("a 120-function account", async () => {
  const { sim, model, job } = await dashboardOn(120);
  const window = { startMs: NOW_MS - 3 * HOUR_MS, endMs: NOW_MS };
  const done = await untilFinished(job, await job.startFleetLogStats("3h"));

  test("is scanned in ceil(120/50) = 3 StartQuery calls, its rows joined", () => {
    expect(done.status).toBe("Complete");
    expect(meterOf(sim).requests["logs:StartQuery"]).toBe(3);
    expect(done.plan).toMatchObject({ logGroups: 120, queries: 3 });
    expect(done.progress).toMatchObject({ queries: 3, queriesDone: 3 });
    expect(done.stats!.functions).toHaveLength(120);
    const truth = [...model.fleet.byName.keys()].reduce((a, name) => a + functionUsage(model, name, window.startMs, window.endMs)!.invocations, 0);
    expect(done.stats!.totals.invocations).toBe(truth);
  });
});
