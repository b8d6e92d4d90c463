import { expect, test } from "@playwright/test";

// Screenshots of both pages for the README: `UPDATE_SCREENSHOTS=1 npm test -- e2e` refreshes
// docs/screenshots/; otherwise they go to test-results/ so a test run leaves the tree clean.
const dir = process.env.UPDATE_SCREENSHOTS ? "docs/screenshots" : "test-results/screenshots";

test("screenshots of the fleet overview and a function page", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator('[data-testid="fleet-table"] tbody tr[data-function]').first()).toBeVisible();
  await page.screenshot({ path: `${dir}/fleet.png`, fullPage: true });

  await page.goto("/functions/payments-webhook-prod?range=24h");
  await expect(page.getByTestId("chart-concurrency")).toHaveAttribute("data-has-data", "true");
  await expect(page.getByTestId("alarms-panel").locator("tbody tr").first()).toBeVisible();
  await page.waitForTimeout(500); // let recharts finish laying out
  await page.screenshot({ path: `${dir}/function.png`, fullPage: true });
});

test("screenshot of the query runner with results", async ({ page }) => {
  await page.goto("/queries?query=function-health&range=24h&service=checkout&env=prod");
  await page.getByTestId("run-query").click();
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "Complete", { timeout: 60_000 });
  await expect(page.getByTestId("query-chart")).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/queries.png`, fullPage: true });
});

test("screenshot of the runbook for the bad deploy", async ({ page }) => {
  await page.goto("/functions/checkout-api-prod/runbook");
  await expect(page.getByTestId("runbook-step-5")).toHaveAttribute("data-verdict", "likely cause", { timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/runbook.png`, fullPage: true });
});

test("screenshots of cost by tag (with a drill-down) and the calculator", async ({ page }) => {
  await page.goto("/cost?tagKey=service&value=checkout");
  await expect(page.getByTestId("drill-down-panel").locator("tr[data-function='checkout-api-prod']")).toBeVisible({ timeout: 60_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/cost.png`, fullPage: true });

  await page.goto("/calculator?requests=26000000&durationMs=103.5&memoryMb=1024&architecture=x86_64&xrayTraces=3370000&fn=checkout-api-prod");
  await expect(page.getByTestId("calc-terms")).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/calculator.png`, fullPage: true });
});

test("screenshots of right-sizing: the fleet's findings and a function's what-if", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/rightsizing?days=1");
  await expect(page.getByTestId("rightsizing-table").locator("tbody tr").first()).toBeVisible({ timeout: 150_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${dir}/rightsizing.png`, fullPage: true });

  await page.goto("/calculator?memoryFn=reporting-export-prod");
  const panel = page.getByTestId("rightsizing-panel");
  await expect(panel.getByTestId("what-if")).toBeVisible({ timeout: 150_000 });
  await page.waitForTimeout(500);
  await panel.screenshot({ path: `${dir}/rightsizing-panel.png` });
});

test("screenshots of the overview across both Regions and of what watching costs", async ({ page }) => {
  await page.goto("/?region=all");
  await expect(page.getByTestId("fleet-total")).toHaveText("52");
  await page.screenshot({ path: `${dir}/fleet-all-regions.png`, fullPage: true });
  await page.goto("/about/cost");
  await expect(page.getByTestId("spend-by-page").locator('tr[data-key="/"]')).toBeVisible();
  await page.screenshot({ path: `${dir}/about-cost.png`, fullPage: true });
});
