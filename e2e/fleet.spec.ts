import { expect, test, type Page } from "@playwright/test";
import { clearFaults, functionNames, injectFault } from "./sim";

const rows = (page: Page) => page.locator('[data-testid="fleet-table"] tbody tr[data-function]');
/** The table shows the server's answer for a view with these parameters (filters and sorts are applied there). */
const settled = (page: Page, ...params: string[]) =>
  expect(page.getByTestId("fleet-table")).toHaveAttribute("data-view", new RegExp(params.map((p) => `(?=.*\\b${p}\\b)`).join("")));
/** Every row's function name, scrolling the (virtualised) table from top to bottom. */
async function allRowNames(page: Page): Promise<string[]> {
  const scroller = page.getByTestId("fleet-scroll");
  const seen = new Set<string>();
  const height = await scroller.evaluate((el) => el.scrollHeight);
  for (let top = 0; ; top += 300) {
    await scroller.evaluate((el, t) => (el.scrollTop = t), top);
    await expect(page.locator('[data-testid="fleet-table"] tbody tr.loading-row')).toHaveCount(0);
    for (const n of await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-function") ?? ""))) seen.add(n);
    if (top >= height) return [...seen];
  }
}
const cellNumbers = async (page: Page, col: string) =>
  (await page.locator(`[data-testid="fleet-table"] tbody td[data-col="${col}"]`).allInnerTexts()).map((t) => {
    const n = parseFloat(t.replace(/,/g, ""));
    return t.endsWith("k") ? n * 1e3 : t.endsWith("M") ? n * 1e6 : n;
  });

test("the overview lists every function of the account with its figures", async ({ page }) => {
  const names = await functionNames();
  expect(names.length, "the demo account has at least 40 functions").toBeGreaterThanOrEqual(40);
  await page.goto("/");
  await expect(page.getByTestId("fleet-total")).toHaveText(String(names.length));
  expect(await rows(page).count(), "virtualised: not every row is in the DOM at once").toBeLessThan(names.length);
  expect(new Set(await allRowNames(page)), "one row per function from ListFunctions (paged at 50)").toEqual(new Set(names));
  await page.getByTestId("fleet-scroll").evaluate((el) => (el.scrollTop = 0));
  const invocations = await cellNumbers(page, "invocations");
  expect(invocations.filter((n) => n > 0).length, "most functions were invoked in the last 24 h").toBeGreaterThan(invocations.length / 2);
  await expect(page.getByTestId("cost-line"), "the view says what it cost").toContainText("GetMetricData");
  // The list is at most an hour old (re-read in the background after 5 minutes), and says when it was read.
  const listed = (await page.getByTestId("listed-at").innerText()).match(/functions listed (\d\d):(\d\d) UTC/);
  expect(listed, "HH:MM UTC").not.toBeNull();
  const now = new Date();
  const ageMin = (now.getUTCHours() * 60 + now.getUTCMinutes() - (Number(listed![1]) * 60 + Number(listed![2])) + 1440) % 1440;
  expect(ageMin).toBeLessThanOrEqual(60);
});

test("the throttled incident function is degraded with throttles", async ({ page }) => {
  await page.goto("/?q=payments-webhook-prod");
  const row = page.locator('tr[data-function="payments-webhook-prod"]');
  await expect(row.locator('td[data-col="status"]')).toContainText("degraded");
  const throttles = parseFloat((await row.locator('td[data-col="throttles"]').innerText()).replace(/,/g, ""));
  expect(throttles, "Throttles summed over 24 h").toBeGreaterThan(0);
});

test("sorting by a column orders the rows, and the sort lives in the URL", async ({ page }) => {
  await page.goto("/");
  await expect(rows(page).first()).toBeVisible();
  await page.getByRole("button", { name: /^Invocations/ }).click();
  await expect(page).toHaveURL(/sort=invocations&dir=asc/);
  await page.getByRole("button", { name: /^Invocations/ }).click(); // second click: descending
  await expect(page).toHaveURL(/sort=invocations&dir=desc/);
  await settled(page, "sort=invocations", "dir=desc");
  const values = (await cellNumbers(page, "invocations")).filter((n) => !Number.isNaN(n));
  expect(values, "descending").toEqual([...values].sort((a, b) => b - a));
  await page.reload();
  await expect(page.getByRole("button", { name: /^Invocations ▼/ }), "sort survives a reload").toBeVisible();
});

test("filters by name and by tag, kept in the URL", async ({ page }) => {
  await page.goto("/");
  await expect(rows(page).first()).toBeVisible();
  await page.getByLabel("Filter by service").selectOption("payments");
  await page.getByLabel("Filter by env").selectOption("prod");
  await expect(page).toHaveURL(/service=payments/);
  await expect(page).toHaveURL(/env=prod/);
  await settled(page, "service=payments", "env=prod");
  const count = await rows(page).count();
  expect(count).toBeGreaterThan(0);
  for (const col of ["service", "env"] as const) {
    const want = col === "service" ? "payments" : "prod";
    expect(new Set(await page.locator(`td[data-col="${col}"]`).allInnerTexts())).toEqual(new Set([want]));
  }
  await page.getByLabel("Filter by name").fill("webhook");
  await expect(page).toHaveURL(/q=webhook/);
  await settled(page, "q=webhook");
  for (const name of await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-function")))) expect(name).toContain("webhook");
});

test("the range picker changes the window and lives in the URL", async ({ page }) => {
  await page.goto("/?range=7d");
  await expect(page.getByRole("button", { name: "7d" })).toHaveAttribute("aria-pressed", "true");
  await expect(rows(page).first()).toBeVisible();
  await page.getByRole("button", { name: "1h" }).click();
  await expect(page).toHaveURL(/range=1h/);
  await expect(page.getByTestId("fleet-summary")).toBeVisible();
});

test("a range in the URL that is not one says so, and picking one clears it", async ({ page }) => {
  await page.goto("/?range=6h");
  await expect(page.getByTestId("range-rejected")).toHaveText("“6h” is not a range (1h, 3h, 12h, 24h, 7d, 14d): showing 24h");
  await expect(page.getByRole("button", { name: "24h" }), "what is shown is the default").toHaveAttribute("aria-pressed", "true");
  await expect(rows(page).first()).toBeVisible();
  // 24h: every other range belongs to a test that needs it uncached.
  await page.getByRole("button", { name: "24h" }).click();
  await expect(page).toHaveURL(/range=24h/);
  await expect(page.getByTestId("range-rejected")).toHaveCount(0);
});

test("a throttled GetMetricData leaves the overview listing the fleet, with the metrics marked unavailable", async ({ page }) => {
  await injectFault("cloudwatch:GetMetricData", "throttle");
  try {
    await page.goto("/?range=12h"); // a range no other test opened: nothing cached
    await expect(page.getByTestId("panel-error")).toContainText("cloudwatch:GetMetricData");
    await expect(page.getByTestId("panel-error")).toContainText("throttled");
    expect(new Set(await allRowNames(page)), "the functions are still listed").toEqual(new Set(await functionNames()));
    await page.getByTestId("fleet-scroll").evaluate((el) => (el.scrollTop = 0));
    await expect(page.locator('tr[data-function="checkout-api-prod"] td[data-col="runtime"]')).toHaveText("provided.al2023");
  } finally {
    await clearFaults();
  }
});
