import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { startSim, type RunningSim } from "@/sim/server";
import { NOW_MS } from "@/sim/test/helpers";
import { createModel } from "@/sim/model";

// The spend log against the demo account through the real SDK: what the dashboard says it spent must
// be what the demo account's meter says it was asked (and priced), per page and per Region; the scope
// wrapper picks the Region and the page.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
let sim: RunningSim;
let lib: {
  spend: typeof import("@/lib/observe/spend");
  scoped: typeof import("@/lib/http/scoped");
  overview: typeof import("@/lib/functions/fleet-overview");
  scope: typeof import("@/lib/observe/scope");
};

beforeAll(async () => {
  sim = await startSim({ port: 0, model: createModel({ seed: 42, anchorMs: NOW_MS, fixedNowMs: NOW_MS, functionCount: 40 }), regions: [{ region: "us-east-1" }, { region: "eu-west-1", functionCount: 12 }] });
  delete process.env.REDIS_URL;
  Object.assign(process.env, { AWS_ENDPOINT_URL: sim.url, AWS_REGION: "us-east-1", LAMBDASCOPE_REGIONS: "us-east-1,eu-west-1", AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo", LAMBDASCOPE_AWS_TIMEOUT_MS: "60000" });
  vi.useFakeTimers({ now: NOW_MS, toFake: ["Date"], shouldAdvanceTime: true });
  vi.resetModules();
  lib = {
    spend: await import("@/lib/observe/spend"),
    scoped: await import("@/lib/http/scoped"),
    overview: await import("@/lib/functions/fleet-overview"),
    scope: await import("@/lib/observe/scope"),
  };
});
afterAll(async () => {
  vi.useRealTimers();
  await sim.close();
});

const VIEW = { sort: "name" as const, dir: "asc" as const, tags: {}, offset: 0, limit: 1_000 };
const byAction = (rows: { action: string; calls: number }[]) => {
  const out: Record<string, number> = {};
  for (const r of rows) if (r.calls) out[r.action] = (out[r.action] ?? 0) + r.calls;
  return out;
};

describe("every AWS request is recorded with its price", () => {
  test("the overview of both Regions: the log's calls are the demo account's, priced per metric, by page and Region", async () => {
    await lib.spend.clearSpend();
    sim.meter.reset();
    const o = await lib.scope.runInScope({ region: "us-east-1", page: "/" }, () => lib.overview.getFleetOverview(["us-east-1", "eu-west-1"], "24h", VIEW));
    expect(o.total).toBe(52);
    const { rows } = await lib.spend.readSpend(1);
    const meter = sim.meter.snapshot();
    expect(byAction(rows), "one entry per request the demo account answered").toEqual(meter.requests);
    expect(new Set(rows.map((r) => r.page))).toEqual(new Set(["/"]));
    const gmd = rows.filter((r) => r.action === "cloudwatch:GetMetricData");
    // 40 × 5 metrics in us-east-1, 12 × 5 in eu-west-1; $0.01 per 1,000 → $0.0020 + $0.0006
    expect(Object.fromEntries(gmd.map((r) => [r.region, [r.metricsRequested, Number(r.usd.toFixed(6))]]))).toEqual({ "us-east-1": [200, 0.002], "eu-west-1": [60, 0.0006] });
    expect(meter.costUsd.getMetricData).toBeCloseTo(0.0026, 8);
    // The view's own ledger says the same about the metrics.
    expect(o.cost.metricsRequested).toBe(260);
    expect(o.cost.fromCache).toBe(false);
    const free = rows.filter((r) => r.action.startsWith("lambda:") || r.action.startsWith("tag:") || r.action.startsWith("sts:"));
    expect(free.every((r) => r.usd === 0), "Lambda, tagging and STS are free").toBe(true);
    const sqs = rows.filter((r) => r.action.startsWith("sqs:"));
    const sqsCalls = sqs.reduce((n, r) => n + r.calls, 0);
    expect(sqs.reduce((n, r) => n + r.usd, 0), "SQS at $0.40 a million").toBeCloseTo(sqsCalls * 0.4e-6, 12);
  });

  test("the same view again within the TTL: from the cache, nothing spent, nothing logged", async () => {
    await lib.spend.clearSpend();
    sim.meter.reset();
    const o = await lib.scope.runInScope({ region: "us-east-1", page: "/" }, () => lib.overview.getFleetOverview(["us-east-1", "eu-west-1"], "24h", VIEW));
    expect(o.cost.fromCache).toBe(true);
    expect(o.cost.spentUsd).toBe(0);
    expect(o.cost.usd, "it still says what the data cost when fetched").toBeCloseTo(0.0026 + (o.cost.awsCalls["sqs:GetQueueAttributes"] + o.cost.awsCalls["sqs:GetQueueUrl"]) * 0.4e-6, 10);
    expect((await lib.spend.readSpend(1)).rows).toEqual([]);
    expect(sim.meter.snapshot().requests).toEqual({});
  });

  test("a refused request counts as a call and costs nothing; each retry counts", async () => {
    await lib.spend.clearSpend();
    sim.faults.clear();
    const res = await fetch(`${sim.url}/_sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action: "cloudwatch:GetMetricData", fault: "accessDenied" }) });
    expect(res.ok).toBe(true);
    const o = await lib.scope.runInScope({ region: "us-east-1", page: "/" }, () => lib.overview.getFleetOverview(["us-east-1"], "1h", VIEW));
    sim.faults.clear();
    expect(o.failures.map((f) => f.part)).toEqual(["metrics"]);
    const gmd = (await lib.spend.readSpend(1)).rows.filter((r) => r.action === "cloudwatch:GetMetricData");
    expect(gmd.reduce((n, r) => n + r.calls, 0)).toBe(sim.meter.snapshot().requests["cloudwatch:GetMetricData"]);
    expect(gmd.reduce((n, r) => n + r.usd, 0)).toBe(0);
  });
});

describe("Logs Insights: the bytes a query scanned, once, when it ends", () => {
  test("a completed query's bytes are the demo account's, priced at $0.005 a GB, on the page that ran it", async () => {
    const { runQuery } = await import("@/lib/insights/run-query");
    const { CostLedger } = await import("@/lib/cost/observation-cost");
    const { Semaphore } = await import("@/lib/insights/semaphore");
    const { awsClients } = await import("@/lib/aws/clients");
    await lib.spend.clearSpend();
    sim.meter.reset();
    const q = { logGroupNames: ["/aws/lambda/checkout-api-prod", "/aws/lambda/checkout-cart-prod"], queryString: 'filter @type = "REPORT" | stats count(*) as n', startMs: NOW_MS - 3_600_000, endMs: NOW_MS };
    const result = await lib.scope.runInScope({ region: "us-east-1", page: "/queries" }, () =>
      runQuery(awsClients("us-east-1").logs, q, { ledger: new CostLedger(), semaphore: new Semaphore(2), deadlineMs: Date.now() + 60_000 }),
    );
    const bytes = sim.meter.snapshot().logsInsights.bytesScanned;
    expect(bytes).toBeGreaterThan(0);
    expect(result.statistics.bytesScanned).toBe(bytes);
    const scans = (await lib.spend.readSpend(1)).rows.filter((r) => r.bytesScanned > 0);
    expect(scans.map((r) => [r.page, r.action, r.region, r.bytesScanned])).toEqual([["/queries", "logs:StartQuery", "us-east-1", bytes]]);
    expect(scans[0].usd).toBeCloseTo((bytes / 1024 ** 3) * 0.005, 12);
  });
});

describe("the scope wrapper", () => {
  const handler = lib_handler();
  function lib_handler() {
    return async (region: string | null, page?: string) => {
      const h = lib.scoped.scoped(async () => Response.json(lib.scope.currentScope()), { allRegions: true });
      const url = `http://x/api/thing${region === null ? "" : `?region=${region}`}`;
      return h(new Request(url, { headers: page ? { [lib.scoped.PAGE_HEADER]: page } : {} }));
    };
  }

  test("the Region asked for, the default when none, 400 naming the field for one not configured", async () => {
    expect(await (await handler("eu-west-1")).json()).toEqual({ region: "eu-west-1", page: "(API)" });
    expect((await (await handler(null)).json()).region).toBe("us-east-1");
    const bad = await handler("mars-1");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { field: "region", reason: "must be one of us-east-1, eu-west-1, all (LAMBDASCOPE_REGIONS)" } });
  });

  test("the page from the browser's header, as its route pattern", async () => {
    expect((await (await handler(null, "/functions/checkout-api-prod")).json()).page).toBe("/functions/[name]");
    expect((await (await handler(null, "/functions/checkout-api-prod/runbook?window=1h")).json()).page).toBe("/functions/[name]/runbook");
    expect((await (await handler(null, "/about/cost")).json()).page).toBe("/about/cost");
    expect((await (await handler(null, "/../../etc")).json()).page, "anything else is the API's").toBe("(API)");
  });
});
