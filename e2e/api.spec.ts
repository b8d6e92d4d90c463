import { expect, test } from "@playwright/test";
import { meter, resetMeter } from "./sim";

test("API: bad input is a 400 naming the field; unknown function a 404", async ({ request }) => {
  const badRange = await request.get("/api/functions?range=2w");
  expect(badRange.status()).toBe(400);
  expect((await badRange.json()).error.field).toBe("range");

  const badName = await request.get("/api/functions/bad'name|stats/metrics?range=1h");
  expect(badName.status()).toBe(400);
  expect((await badName.json()).error.field).toBe("name");

  const unknownParam = await request.get("/api/functions?range=1h&limit=5");
  expect(unknownParam.status()).toBe(400);
  expect((await unknownParam.json()).error).toEqual({ field: "limit", reason: "unknown parameter" });

  const missing = await request.get("/api/functions/no-such-function/metrics?range=1h");
  expect(missing.status()).toBe(404);

  const ok = await request.get("/api/functions/checkout-api-prod/metrics?range=1h");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.window.periodS).toBe(60);
  expect(body.lambda.length).toBe(60);
});

test("API: 20 identical concurrent requests make one upstream GetMetricData call", async ({ request }) => {
  await resetMeter();
  // 14d: a range no other test asks for, so nothing is cached yet.
  const answers = await Promise.all(Array.from({ length: 20 }, () => request.get("/api/functions?range=14d")));
  for (const a of answers) expect(a.status()).toBe(200);
  const m = await meter();
  expect(m.getMetricData.calls, "single-flight: one call for all 20").toBe(1);
  expect(m.requests["lambda:ListFunctions"] ?? 0, "the function list was cached already or fetched once").toBeLessThanOrEqual(1);
});
