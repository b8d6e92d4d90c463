import { expect, test } from "@playwright/test";
import { clearFaults, injectFault } from "./sim";

test.afterEach(async () => {
  await clearFaults();
});

const ROLLBACK = "aws lambda update-alias --function-name checkout-api-prod --name live --function-version 4";

test("fleet overview → degraded function → runbook: the bad deploy is step 5, with the rollback command", async ({ page }) => {
  await page.goto("/?q=checkout-api-prod&range=3h");
  const row = page.locator("tr", { has: page.getByRole("link", { name: "checkout-api-prod", exact: true }) });
  await expect(row, "12 % of its requests fail since the deploy").toContainText("degraded");
  await row.getByRole("link", { name: "checkout-api-prod", exact: true }).click();
  await page.getByTestId("open-runbook").click();
  await expect(page).toHaveURL(/\/functions\/checkout-api-prod\/runbook/);

  const step5 = page.getByTestId("runbook-step-5");
  await expect(step5, "the deploy step finds the canary's new version").toHaveAttribute("data-verdict", "likely cause", { timeout: 30_000 });
  await expect(step5.getByTestId("cli-command")).toContainText(ROLLBACK);
  await expect(step5).toContainText(/Errors: v5 1\d\.\d % vs v4 0\.\d %/);
  await expect(page.getByTestId("runbook-headline")).toHaveText(/^Step 5 \(Recent deploy\): likely cause/);
  await expect(page.getByTestId("runbook-step-4")).toHaveAttribute("data-verdict", "likely cause");
  for (const n of [1, 2, 3, 6]) await expect(page.getByTestId(`runbook-step-${n}`)).toHaveAttribute("data-verdict", "clear");
  await expect(page.getByTestId("runbook-chart-5"), "per-version invocations are charted").toHaveAttribute("data-has-data", "true");
  await expect(page.getByTestId("cost-line")).toContainText("GetMetricData");
});

test("the overview's degraded rows link straight to the runbook", async ({ page }) => {
  await page.goto("/?q=notifications-email-prod");
  await page.getByTestId("row-runbook").first().click();
  await expect(page).toHaveURL(/\/functions\/notifications-email-prod\/runbook/);
  // growing-dlq: ≈ 12 % of sends bounce for good
  await expect(page.getByTestId("runbook-step-4")).toHaveAttribute("data-verdict", "likely cause", { timeout: 30_000 });
  await expect(page.getByTestId("runbook-step-4")).toContainText("permanent bounce");
});

test("from a firing alarm: the window starts at the alarm's state change", async ({ page }) => {
  await page.goto("/functions/checkout-api-prod");
  const alarm = page.locator("tr[data-alarm='checkout-api-prod-errors']");
  await expect(alarm).toContainText("ALARM");
  // The demo's alarm follows live data and can change state at any minute: check the page against the
  // alarm state the runbook itself read (ALARM starts the window at the change; a quiet alarm, the default hour).
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/functions/checkout-api-prod/runbook?alarm=") && r.ok(), { timeout: 30_000 }),
    alarm.getByTestId("alarm-runbook").click(),
  ]);
  await expect(page).toHaveURL(/runbook\?alarm=checkout-api-prod-errors/);
  const { state, since } = (await answer.json()).alarm as { state: string; since: string };
  await expect(page.getByTestId("runbook-summary")).toContainText(`from alarm checkout-api-prod-errors (${state} since`, { timeout: 30_000 });
  const window = page.getByTestId("runbook-window");
  // A change minutes ago still gets the runbook's shortest window (5 min, on its grid): it starts at or before the change.
  if (state === "ALARM") expect(Date.parse(`${(await window.innerText()).slice(0, 16).replace(" ", "T")}:00Z`)).toBeLessThanOrEqual(Date.parse(since));
  else await expect(window).toHaveText(/^\d{4}-\d\d-\d\d (\d\d):(\d\d)–(?!\1:)\d\d:\2 UTC/);
  await expect(page.getByTestId("runbook-step-5")).toHaveAttribute("data-verdict", "likely cause");
});

test("Copy as Markdown puts every step on the clipboard", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/functions/checkout-api-prod/runbook");
  await expect(page.getByTestId("runbook-step-6")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("copy-markdown").click();
  await expect(page.getByText("Copied.")).toBeVisible();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md.startsWith("## Runbook: checkout-api-prod")).toBe(true);
  for (const title of ["1. Throttles", "2. Cold-start rate", "3. Downstream latency", "4. Error samples", "5. Recent deploy: likely cause", "6. Profile"]) expect(md).toContain(`### ${title}`);
  expect(md).toContain(ROLLBACK);
});

test("a fault on one API turns only its step into could not check", async ({ page }) => {
  // GetAccountSettings feeds only step 1; a function and window no other test opened (no cached runbook).
  await injectFault("lambda:GetAccountSettings", "accessDenied");
  await page.goto("/functions/search-suggest-prod/runbook?window=3h");
  const step1 = page.getByTestId("runbook-step-1");
  await expect(step1).toHaveAttribute("data-verdict", "could not check", { timeout: 30_000 });
  await expect(step1).toContainText("lambda:GetAccountSettings failed (AccessDeniedException)");
  for (const n of [2, 3, 4, 5, 6]) await expect(page.getByTestId(`runbook-step-${n}`)).toHaveAttribute("data-verdict", "clear");
  await expect(page.getByTestId("runbook-headline")).toHaveText("No cause found, but 1 step could not be checked.");
});

test("the runbook API rejects bad input with the field and the reason", async ({ request }) => {
  const cases: [string, string, number][] = [
    ["window=2h", "window", 400],
    ["baselineDays=9", "baselineDays", 400],
    ["from=2026-11-20T10:00:00Z", "to", 400],
    ["from=yesterday&to=2026-11-20T10:00:00Z", "from", 400],
    ["window=1h&alarm=x", "alarm", 400],
    ["alarm=no-such-alarm", "alarm", 404],
    ["colour=red", "colour", 400],
  ];
  for (const [qs, field, status] of cases) {
    const res = await request.get(`/api/functions/checkout-api-prod/runbook?${qs}`);
    expect(res.status(), qs).toBe(status);
    expect((await res.json()).error.field, qs).toBe(field);
  }
  expect((await request.get("/api/functions/no-such-function/runbook")).status()).toBe(404);
});
