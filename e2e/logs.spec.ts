import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { nextMinute } from "./clock";
import { meter, resetMeter } from "./sim";

test("the health page shows cold starts from the logs for the cold-start-heavy function", async ({ page }) => {
  await page.goto("/functions/identity-token-rotator-prod?range=24h");
  const panels = page.getByTestId("log-panels");
  await expect(panels.getByTestId("cold-start-pct")).toBeVisible({ timeout: 30_000 });
  const pct = parseFloat(await panels.getByTestId("cold-start-pct").innerText());
  expect(pct, "most invocations of a bursty low-traffic function start cold").toBeGreaterThan(30);
  await expect(panels.getByTestId("chart-cold-starts")).toHaveAttribute("data-has-data", "true");
  await expect(panels.getByTestId("chart-memory")).toHaveAttribute("data-has-data", "true");
  const util = parseFloat(await panels.getByTestId("max-utilisation").innerText());
  expect(util).toBeGreaterThan(0);
  expect(util).toBeLessThanOrEqual(100);
});

test("a second viewer of the same health page reuses its Logs Insights runs, says so, and scans nothing", async ({ page, browser }) => {
  test.setTimeout(120_000); // up to a minute waiting for the next one, then two page loads
  // Runs are keyed by their minute-aligned window: in a new minute, the first view starts its own runs.
  const url = "/functions/identity-token-rotator-prod?range=12h";
  await nextMinute();
  await page.goto(url);
  const first = page.getByTestId("log-panels").getByTestId("run-progress");
  await expect(first.first()).toHaveAttribute("data-status", "Complete", { timeout: 30_000 });
  await expect(page.getByTestId("run-joined"), "the first viewer started the runs").toHaveCount(0);
  await resetMeter();
  // A new context: nothing in this browser's query cache, as for a colleague opening the same link.
  const other = await (await browser.newContext()).newPage();
  await other.goto(url);
  const second = other.getByTestId("log-panels");
  await expect(second.getByTestId("run-progress").first()).toHaveAttribute("data-status", "Complete", { timeout: 30_000 });
  await expect(second.getByTestId("run-joined").first()).toHaveText(" · reused a run that had ended: nothing scanned now");
  expect((await meter()).requests["logs:StartQuery"], "no query started for the second viewer").toBeUndefined();
  await other.context().close();
});

test("the health page lists the bad deploy's latest errors with request ids linking to the console", async ({ page }) => {
  await page.goto("/functions/checkout-api-prod?range=3h");
  const samples = page.getByTestId("error-samples");
  await expect(samples.locator("tbody tr").first()).toBeVisible({ timeout: 30_000 });
  const link = samples.getByTestId("request-link").first();
  const requestId = await link.innerText();
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const href = await link.getAttribute("href");
  expect(href).toContain("console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:logs-insights");
  expect(href).toContain(requestId);
});

test("/queries runs a saved query with visible progress, then shows results, a chart and a CSV", async ({ page }) => {
  await page.goto("/queries?query=cold-start-rate&range=24h&service=identity");
  await expect(page.getByTestId("query-text")).toContainText('filter @type = "REPORT"');
  await expect(page.getByTestId("save-command")).toContainText("aws logs put-query-definition");
  await expect(page.getByTestId("selected-count")).not.toHaveText("0 functions selected");
  await page.getByTestId("run-query").click();
  const progress = page.getByTestId("run-progress");
  await expect(progress, "progress shows while the query runs").toBeVisible();
  await expect(progress).toHaveAttribute("data-status", "Complete", { timeout: 30_000 });
  expect(parseFloat(await page.getByTestId("bytes-scanned").innerText()), "bytes scanned are reported").toBeGreaterThan(0);
  await expect(page.getByTestId("results-table").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("query-chart")).toHaveAttribute("data-has-data", "true");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-csv").click()]);
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe("hour,invocations,coldStarts,coldStartPct,avgInitDurationMs,maxInitDurationMs");
  expect(csv.split("\r\n").length).toBeGreaterThan(3);
});

test("/queries: a running query can be cancelled", async ({ page }) => {
  // Two weeks of every prod function in two services: long enough to cancel mid-scan.
  await page.goto("/queries?query=slowest-requests&range=14d&env=prod");
  await page.getByTestId("run-query").click();
  await expect(page.getByTestId("run-progress")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "Cancelled", { timeout: 15_000 });
});

test("/queries: a selection over the scan cap is refused before it costs anything, saying why", async ({ page, request }) => {
  // all 40 functions over 14 days: 560 log-group-days, over the default 500
  await page.goto("/queries?query=slowest-requests&range=14d");
  await expect(page.getByTestId("selected-count")).toHaveText("40 functions selected");
  await expect(page.getByTestId("scan-cap")).toContainText("560 log-group-days, over the 500");
  await expect(page.getByTestId("run-query")).toBeDisabled();
  // a shorter range fits
  await page.goto("/queries?query=slowest-requests&range=7d");
  await expect(page.getByTestId("scan-cap")).toHaveCount(0);
  await expect(page.getByTestId("run-query")).toBeEnabled();
  // and the API refuses it too, naming the range
  const names = (await (await request.get("/api/inventory")).json()).functions.map((f: { name: string }) => f.name);
  const res = await request.post("/api/insights/runs", { data: { query: "slowest-requests", functions: names, range: "14d" } });
  expect(res.status()).toBe(400);
  expect((await res.json()).error).toMatchObject({ field: "range", reason: expect.stringContaining("40 log groups × 14 days is 560 log-group-days") });
});
