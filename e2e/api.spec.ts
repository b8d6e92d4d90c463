import { expect, test } from "@playwright/test";
import { withinOneMinute } from "./clock";
import { meter, resetMeter, warmMetrics } from "./sim";

test("API: bad input is a 400 naming the field; unknown function a 404", async ({ request }) => {
  const badRange = await request.get("/api/functions?range=2w");
  expect(badRange.status()).toBe(400);
  expect((await badRange.json()).error.field).toBe("range");

  const badName = await request.get("/api/functions/bad'name|stats/metrics?range=1h");
  expect(badName.status()).toBe(400);
  expect((await badName.json()).error.field).toBe("name");

  const unknownParam = await request.get("/api/functions?range=1h&lmit=5");
  expect(unknownParam.status()).toBe(400);
  expect((await unknownParam.json()).error).toEqual({ field: "lmit", reason: "unknown parameter" });

  const badRegion = await request.get("/api/functions?range=1h&region=mars-north-1");
  expect(badRegion.status()).toBe(400);
  expect((await badRegion.json()).error.field).toBe("region");

  const missing = await request.get("/api/functions/no-such-function/metrics?range=1h");
  expect(missing.status()).toBe(404);

  const ok = await request.get("/api/functions/checkout-api-prod/metrics?range=1h");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.window.periodS).toBe(60);
  expect(body.lambda.length).toBe(60);
});

test("API: 20 identical concurrent requests make one upstream GetMetricData call", async ({ request }) => {
  await warmMetrics(14);
  await resetMeter();
  // 14d: a range no other test asks for, so nothing is cached yet.
  const answers = await Promise.all(Array.from({ length: 20 }, () => request.get("/api/functions?range=14d")));
  for (const a of answers) expect(a.status()).toBe(200);
  const m = await meter();
  expect(m.getMetricData.calls, "single-flight: one call for all 20").toBe(1);
  expect(m.requests["lambda:ListFunctions"] ?? 0, "the function list was cached already or fetched once").toBeLessThanOrEqual(1);
});

test("API: Logs Insights runs validate their input and never take query text", async ({ request }) => {
  const post = (data: unknown) => request.post("/api/insights/runs", { data });
  const cases: [unknown, string, number][] = [
    [{ query: "cold-start-rate", functions: ["checkout-api-prod"], range: "2w" }, "range", 400],
    [{ query: 'filter @message like /x/ | stats count(*)', functions: ["checkout-api-prod"], range: "1h" }, "query", 400],
    [{ query: "cold-start-rate", functions: ["bad'name|stats"], range: "1h" }, "functions.0", 400],
    [{ query: "cold-start-rate", functions: [], range: "1h" }, "functions", 400],
    [{ query: "cold-start-rate", functions: Array.from({ length: 51 }, (_, i) => `f${i}`), range: "1h" }, "functions", 400],
    [{ query: "cold-start-rate", functions: ["checkout-api-prod"], range: "1h", queryString: "fields @message" }, "queryString", 400],
    [{ query: "no-such-query", functions: ["checkout-api-prod"], range: "1h" }, "query", 404],
    [{ query: "cold-start-rate", functions: ["no-such-function"], range: "1h" }, "functions", 404],
  ];
  for (const [body, field, status] of cases) {
    const res = await post(body);
    expect(res.status(), JSON.stringify(body).slice(0, 80)).toBe(status);
    expect((await res.json()).error.field).toBe(field);
  }
  expect((await request.get("/api/insights/runs/not-a-uuid")).status()).toBe(400);
  expect((await request.get("/api/insights/runs/00000000-0000-4000-8000-000000000000")).status()).toBe(404);
});

test("API: the JSON-log-format function's REPORT records are counted too", async ({ request }) => {
  const start = await request.post("/api/insights/runs", { data: { query: "function-health", functions: ["identity-auth-prod"], range: "3h" } });
  expect(start.status()).toBe(202);
  const { runId } = await start.json();
  let run;
  for (let i = 0; i < 60; i++) {
    run = await (await request.get(`/api/insights/runs/${runId}`)).json();
    if (run.status === "Complete") break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(run.status).toBe("Complete");
  const invocations = run.rows.reduce((a: number, r: { invocations: string }) => a + Number(r.invocations), 0);
  expect(invocations, "platform.report records read as REPORT lines").toBeGreaterThan(100);
});

test("API: a query definition saved in the account runs like ours", async ({ request }) => {
  const catalog = await (await request.get("/api/insights/queries")).json();
  expect(catalog.saved.length).toBeGreaterThanOrEqual(5);
  expect(catalog.definitions.ok).toBe(true);
  const def = catalog.definitions.data.find((d: { name: string }) => d.name === "Lambda/Cold starts by hour") ?? catalog.definitions.data[0];
  const start = await request.post("/api/insights/runs", { data: { query: `def:${def.id}`, functions: ["identity-token-rotator-prod"], range: "24h" } });
  expect(start.status()).toBe(202);
  const { runId } = await start.json();
  let run;
  for (let i = 0; i < 60 && run?.status !== "Complete"; i++) {
    await new Promise((r) => setTimeout(r, 500));
    run = await (await request.get(`/api/insights/runs/${runId}`)).json();
  }
  expect(run.status).toBe("Complete");
  expect(run.progress.bytesScanned).toBeGreaterThan(0);
});

test("API: a start identical to one already going joins it, and says so; polls do not", async ({ request }) => {
  // 12h over this function: a run no other test starts. Logs Insights takes at least SIM_QUERY_MIN_MS,
  // so the second start finds the first still going.
  const body = { query: "errors-with-request-ids", functions: ["payments-refunds-prod"], range: "12h" };
  await withinOneMinute(10);
  const a = await (await request.post("/api/insights/runs", { data: body })).json();
  const b = await (await request.post("/api/insights/runs", { data: body })).json();
  expect(b.runId, "one run for both").toBe(a.runId);
  expect(a.joined, "the first start began the run").toBeUndefined();
  expect(b.joined).toBe(true);
  expect((await (await request.get(`/api/insights/runs/${a.runId}`)).json()).joined).toBeUndefined();

  const scan = { range: "12h" };
  const s1 = await (await request.post("/api/fleet/log-stats", { data: scan })).json();
  const s2 = await (await request.post("/api/fleet/log-stats", { data: scan })).json();
  expect(s2.runId).toBe(s1.runId);
  expect(s1.joined).toBeUndefined();
  expect(s1.fromCache).toBe(false);
  // Joined while it runs, or reused once it has ended: either way not scanned again.
  expect(s2.joined === true || s2.fromCache === true, JSON.stringify({ status: s2.status, joined: s2.joined, fromCache: s2.fromCache })).toBe(true);
  await request.delete(`/api/fleet/log-stats/${s1.runId}`);
});

test("API: a function's configuration panels, and its alarms", async ({ request }) => {
  const detail = await request.get("/api/functions/checkout-api-prod");
  expect(detail.status()).toBe(200);
  const body = await detail.json();
  expect(body.config.name).toBe("checkout-api-prod");
  expect(body.versions.ok).toBe(true);
  expect(body.versions.data.length, "the bad deploy published a new version").toBeGreaterThan(1);
  expect(body.aliases.data.find((a: { name: string }) => a.name === "live")).toBeTruthy();
  expect((await request.get("/api/functions/bad'name")).status()).toBe(400);
  expect((await request.get("/api/functions/checkout-api-prod?verbose=1")).status()).toBe(400);
  expect((await request.get("/api/functions/no-such-function")).status()).toBe(404);

  const alarms = await (await request.get("/api/functions/checkout-api-prod/alarms")).json();
  expect(alarms.alarms.map((a: { name: string }) => a.name)).toContain("checkout-api-prod-errors");
  expect(alarms.alarms.find((a: { name: string }) => a.name === "checkout-api-prod-errors").state, "the bad deploy's errors alarm fires").toBe("ALARM");
});

test("cost API: bad input is a 400 naming the field", async ({ request }) => {
  const cases: [string, string][] = [
    ["/api/cost/by-tag?tagKey=a$b", "tagKey"],
    ["/api/cost/by-tag?from=2026-13", "from"],
    ["/api/cost/by-tag?from=2026-05&to=2026-01", "to"],
    ["/api/cost/by-tag?from=2024-01&to=2026-01", "from"],
    ["/api/cost/by-tag?metric=BlendedCost", "metric"],
    ["/api/cost/functions?tagKey=service", "value"],
    ["/api/cost/reconcile?tagKey=", "tagKey"],
    ["/api/cost/estimate?requests=1&durationMs=1&memoryMb=128", "architecture"],
    ["/api/functions/checkout-api-prod/cost?range=1h", "range"],
  ];
  for (const [url, field] of cases) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(400);
    expect((await res.json()).error.field, url).toBe(field);
  }
  expect((await request.get("/api/functions/no-such-function/cost")).status()).toBe(404);
});
