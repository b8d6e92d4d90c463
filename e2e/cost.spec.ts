import { expect, test } from "@playwright/test";

test("the calculator opens on AWS's own example and reproduces it to the cent", async ({ page }) => {
  await page.goto("/calculator");
  await expect(page.getByTestId("calc-terms").locator("tr[data-term='Lambda duration (x86_64)'] [data-testid=term-usd]")).toHaveText("$2.33");
  await expect(page.getByTestId("total-usd")).toHaveText("$2.73");
});

test("the break-even point moves when an input changes, and bad input names the field", async ({ page }) => {
  await page.goto("/calculator?requests=1000000&durationMs=100&memoryMb=1024&architecture=x86_64&freeTier=false");
  // $36.04 / (2,628,000 GB-s × $0.0000166667 + 26.28M × $0.20/M) = 73.5 %
  await expect(page.getByTestId("break-even")).toContainText("73.5 %");
  await page.getByLabel("Memory (MB)").fill("1769");
  await expect(page.getByTestId("break-even")).toContainText("44.5 %");
  await expect(page).toHaveURL(/memoryMb=1769/);
  await page.getByLabel("Architecture").selectOption("arm64");
  await expect(page.getByTestId("break-even")).not.toContainText("44.5 %");
  await page.getByLabel("Memory (MB)").fill("64");
  await expect(page.getByTestId("calc-error")).toContainText("memoryMb: must be at least 128");
});

test("prefill from a function: its measured week, projected to a month, term by term", async ({ page }) => {
  await page.goto("/calculator");
  await page.getByTestId("prefill").selectOption("identity-token-rotator-prod");
  await expect(page).toHaveURL(/fn=identity-token-rotator-prod/, { timeout: 30_000 });
  await expect(page.getByLabel("Memory (MB)")).toHaveValue("256");
  // cold-start heavy: INIT is billed, so the billed average is well above the run time
  const billed = Number(await page.getByLabel("Billed duration (ms)").inputValue());
  expect(billed).toBeGreaterThan(300);
  await expect(page.locator("[data-field=freeTier]")).not.toBeChecked();
  await expect(page.getByTestId("actual-load")).toBeVisible();
});

test("the function page's cost panel shows each term with its working and links to the calculator", async ({ page }) => {
  await page.goto("/functions/search-suggest-prod");
  const panel = page.getByTestId("cost-panel");
  await expect(panel.getByTestId("function-cost-terms")).toContainText("Lambda requests", { timeout: 30_000 });
  await expect(panel.getByTestId("function-cost-terms")).toContainText("GB-s ×");
  // the demo account keeps 14 days of metrics: last month is only partly covered, and says so
  await expect(panel.getByTestId("cost-periods")).toContainText("This month so far");
  await expect(panel.getByTestId("cost-periods").locator("tr", { hasText: "Last month" })).toContainText("only part of the period");
  await panel.getByTestId("open-calculator").click();
  await expect(page).toHaveURL(/\/calculator\?fn=search-suggest-prod/);
  await expect(page.getByTestId("calc-terms")).toContainText("Lambda duration");
});

test("provisioned concurrency is priced from when it was configured, not for the whole period", async ({ page }) => {
  await page.goto("/functions/catalog-api-prod");
  const periods = page.getByTestId("cost-panel").getByTestId("cost-periods");
  // the demo account configured it 30 days before its start: part of last month, all of this one
  const since = new Date(Date.now() - 30 * 86_400_000);
  const monthStart = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1);
  const lastMonth = periods.locator("tr", { hasText: "Last month" });
  await expect(lastMonth).toContainText(/provisioned concurrency for [\d,]+ h \(configured \d{4}-\d\d-\d\d/, { timeout: 60_000 });
  const hours = Number((await lastMonth.innerText()).match(/provisioned concurrency for ([\d,]+) h/)![1].replace(/,/g, ""));
  expect(hours).toBeCloseTo(Math.max(0, monthStart - since.getTime()) / 3_600_000, -1);
});

test("/cost groups the bill by each tag key, calls out untagged spend and a value spelled two ways", async ({ page }) => {
  await page.goto("/cost?tagKey=service");
  const table = page.getByTestId("cost-table");
  await expect(table.locator("tr[data-tag-value='checkout']")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("untagged")).toContainText("has no service tag");
  await expect(page.getByTestId("case-variants")).toContainText("“checkout”, “Checkout”");
  await expect(table.locator("tr[data-tag-value='checkout']")).toContainText("AWS Lambda");
  for (const key of ["env", "owner"]) {
    await page.getByTestId("tag-key").selectOption(key);
    await expect(page).toHaveURL(new RegExp(`tagKey=${key}`));
    await expect(table.locator("tbody tr").first()).toBeVisible({ timeout: 60_000 });
  }
  await page.getByTestId("tag-key").selectOption("env");
  await expect(table.locator("tr[data-tag-value='prod']")).toBeVisible();
});

test("/cost CSV holds every tag value with its months and total", async ({ page }) => {
  await page.goto("/cost?tagKey=service");
  await expect(page.getByTestId("cost-table").locator("tr[data-tag-value='checkout']")).toBeVisible({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("cost-csv").click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const [header, ...rows] = csv.trim().split(/\r?\n/); // RFC 4180 line ends
  expect(header).toMatch(/^service,\d{4}-\d\d(,\d{4}-\d\d){11},total,sharePct$/);
  const rowCount = await page.getByTestId("cost-table").locator("tbody tr").count();
  expect(rows).toHaveLength(rowCount);
  expect(rows.some((r) => r.startsWith("checkout,"))).toBe(true);
  expect(rows.some((r) => r.startsWith("(untagged),"))).toBe(true);
});

test("drilling into a tag value lists its functions with estimates, and flags the fully traced one", async ({ page }) => {
  await page.goto("/cost?tagKey=service");
  await page.getByTestId("cost-table").locator("tr[data-tag-value='checkout']").getByTestId("drill-down").click({ timeout: 60_000 });
  await expect(page).toHaveURL(/value=checkout/);
  const drill = page.getByTestId("drill-down-panel");
  const checkout = drill.locator("tr[data-function='checkout-api-prod']");
  await expect(checkout).toBeVisible({ timeout: 90_000 });
  await expect(checkout).toContainText("Every request is traced");
  await expect(checkout.getByTestId("function-estimate")).toHaveText(/^\$\d/);
  // The bill is every Region's; the list is one Region's, and says so.
  await expect(drill.locator("h2")).toContainText("service = checkout: functions in us-east-1 and their estimates");
  await expect(drill.getByTestId("drill-down-scope")).toContainText("these are the functions in us-east-1");
});

test("reconciliation: our estimate against the bill, the gap named, under 2 % unexplained", async ({ page }) => {
  await page.goto("/cost?tagKey=service");
  const panel = page.getByTestId("reconciliation");
  await expect(panel.getByTestId("unexplained-pct")).toBeVisible({ timeout: 90_000 });
  const pct = Number((await panel.getByTestId("unexplained-pct").innerText()).replace(" %", ""));
  expect(pct).toBeLessThan(2);
  // traces are billed untagged: checkout's estimate carries them, the untagged row the bill
  await expect(panel.locator("tr[data-reconcile='checkout']")).toContainText("X-Ray traces, billed untagged");
  await expect(panel.locator("tr[data-reconcile='(untagged)']")).toContainText("X-Ray traces, billed untagged −$");
});

test("the chatty function: its logs cost more than its compute, at log level DEBUG, with the saving", async ({ page }) => {
  test.setTimeout(180_000); // two functions' 7-day scans, the second of the busiest function
  await page.goto("/functions/identity-session-prod");
  const flag = page.getByTestId("cost-panel").getByTestId("hidden-cost-logs");
  await expect(flag).toContainText("Logs cost more than the compute", { timeout: 90_000 });
  await expect(flag).toContainText("(log level DEBUG)");
  await expect(flag).toContainText(/Saving: \$\d/);
  // the fully sampled one is flagged on its own page too
  await page.goto("/functions/checkout-api-prod");
  await expect(page.getByTestId("cost-panel").getByTestId("hidden-cost-traces")).toContainText("Every request is traced", { timeout: 90_000 });
});
