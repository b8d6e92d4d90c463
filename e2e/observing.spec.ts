import { expect, test } from "@playwright/test";
import { meter, resetMeter } from "./sim";

// What watching the fleet costs, and the Regions: against the suite's demo account (us-east-1 with
// 40 functions, eu-west-1 with 12; scripts/demo.mjs).
const rows = (page: import("@playwright/test").Page) => page.locator('[data-testid="fleet-table"] tbody tr[data-function]');

test("a view says what its data cost and whether this load paid for it or the cache did", async ({ page }) => {
  await resetMeter();
  await page.goto("/?range=3h"); // a range no other test opens: its metrics are not cached yet
  const line = page.getByTestId("cost-line");
  await expect(line, "the first load fetched the metrics").toContainText("GetMetricData");
  await expect(page.getByTestId("cost-cache")).not.toHaveText("from cache");
  const gmd = (await meter()).getMetricData.calls;
  expect(gmd, "one GetMetricData call for the 40 functions' 200 metrics").toBe(1);
  await page.reload();
  await expect(page.getByTestId("cost-cache"), "a reload within the cache TTL spends nothing").toHaveText("from cache");
  await expect(line, "and still says what the data cost when it was fetched").toContainText("200 metrics requested ≈ $0.0020");
  expect((await meter()).getMetricData.calls, "the reload made no AWS call").toBe(gmd);
});

test("/about/cost shows the dashboard's own spend by page, by API and by Region", async ({ page }) => {
  await page.goto("/?range=3h");
  await expect(rows(page).first()).toBeVisible();
  await page.goto("/about/cost");
  const byPage = page.getByTestId("spend-by-page");
  const overview = byPage.locator('tr[data-key="/"]');
  await expect(overview, "the overview's calls are logged against its page").toBeVisible();
  expect(Number((await overview.locator("td").nth(1).innerText()).replace(/,/g, "")), "AWS calls").toBeGreaterThan(0);
  await expect(overview.locator('td[data-col="usd"]')).not.toHaveText("$0");
  const gmd = page.getByTestId("spend-by-action").locator('tr[data-key="cloudwatch:GetMetricData"]');
  await expect(gmd).toBeVisible();
  await expect(page.getByTestId("spend-by-action").locator('tr[data-key="lambda:ListFunctions"] td[data-col="usd"]'), "ListFunctions is free").toHaveText("$0");
  await expect(page.getByTestId("spend-by-region").locator('tr[data-key="us-east-1"]')).toBeVisible();
  await expect(page.getByTestId("spend-total")).toContainText("$");
});

test("the API's spend report is a 400 for a bad day count and sums its pages", async ({ request }) => {
  const bad = await request.get("/api/about/cost?days=32");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.field).toBe("days");
  const report = await (await request.get("/api/about/cost?days=7")).json();
  expect(report.days).toHaveLength(7);
  const pagesUsd = report.byPage.reduce((a: number, p: { usd: number }) => a + p.usd, 0);
  expect(pagesUsd).toBeCloseTo(report.total.usd, 9);
});

test("the overview across every Region lists both fleets, and a row opens its function in its Region", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("region-picker").selectOption("all");
  await expect(page).toHaveURL(/region=all/);
  await expect(page.getByTestId("fleet-total"), "40 functions in us-east-1 and 12 in eu-west-1").toHaveText("52");
  await expect(page.getByTestId("fleet-summary")).toContainText("in 2 regions");
  const eu = page.locator('tr[data-function="checkout-api-prod"][data-region="eu-west-1"]');
  await expect(eu).toBeVisible();
  await expect(page.locator('tr[data-function="checkout-api-prod"][data-region="us-east-1"]')).toBeVisible();
  await eu.locator('td[data-col="name"] a').click();
  await expect(page).toHaveURL(/\/functions\/checkout-api-prod\?region=eu-west-1/);
  await expect(page.getByTestId("function-region")).toHaveText("eu-west-1");
  await expect(page.getByTestId("region-picker")).toHaveValue("eu-west-1");
});

test("picking a Region shows that Region's fleet, and the links keep it", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("fleet-total")).toHaveText("40");
  await page.getByTestId("region-picker").selectOption("eu-west-1");
  await expect(page).toHaveURL(/region=eu-west-1/);
  await expect(page.getByTestId("fleet-total"), "eu-west-1 holds 12 functions").toHaveText("12");
  for (const region of await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-region")))) expect(region).toBe("eu-west-1");
  await expect(page.getByRole("link", { name: "Right-sizing" })).toHaveAttribute("href", "/rightsizing?region=eu-west-1");
});

test("the API reads the Region it is asked for, and refuses one that is not configured", async ({ request }) => {
  const eu = await (await request.get("/api/functions?range=24h&region=eu-west-1&limit=1000")).json();
  expect(eu.total).toBe(12);
  expect(new Set(eu.rows.map((r: { arn: string }) => r.arn.split(":")[3]))).toEqual(new Set(["eu-west-1"]));
  const page = await (await request.get("/api/functions?range=24h&region=all&sort=name&limit=5&offset=5")).json();
  expect(page.rows.map((r: { name: string }) => r.name), "a page of the name-sorted fleet").toHaveLength(5);
  expect(page.matched).toBe(52);
  const bad = await request.get("/api/functions/checkout-api-prod?region=ap-south-9");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: { field: "region", reason: "must be one of us-east-1, eu-west-1 (LAMBDASCOPE_REGIONS)" } });
});
