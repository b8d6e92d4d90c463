import { expect, test } from "@playwright/test";
import { functionNames, meter, resetMeter } from "./sim";

// The fleet overview's log statistics: nothing is scanned until asked; one click, progress, then the
// totals and top lists, the same numbers as the API, from ceil(40/50) = 1 StartQuery.
const dir = process.env.UPDATE_SCREENSHOTS ? "docs/screenshots" : "test-results/screenshots";

test("Scan logs: the plan first, then progress, then the fleet's totals matching the API", async ({ page, request }) => {
  const groups = (await functionNames()).length;
  await resetMeter();
  await page.goto("/");
  const panel = page.getByTestId("fleet-log-stats");
  await expect(panel.getByTestId("scan-plan"), "says what it will scan before it costs anything").toContainText(`${groups} log groups in ${Math.ceil(groups / 50)} Logs Insights query`);
  await expect(panel.getByTestId("scan-plan")).toContainText("over the last 24h");
  await expect(page.locator('[data-testid="fleet-table"] tbody tr[data-function]').first()).toBeVisible();
  expect((await meter()).requests["logs:StartQuery"], "the scan does not start by itself").toBeUndefined();

  const polled: string[] = [];
  page.on("response", async (res) => {
    if (res.request().method() === "GET" && /\/api\/fleet\/log-stats\/[0-9a-f-]{36}$/.test(res.url())) polled.push((await res.json()).status);
  });
  const [started] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/api/fleet/log-stats") && r.request().method() === "POST"), panel.getByTestId("scan-logs").click()]);
  expect(started.status(), "202: a run to poll").toBe(202);
  const { runId } = await started.json();
  const progress = panel.getByTestId("scan-progress");
  await expect(progress, "progress shows while it scans").toBeVisible();
  await expect(progress).toHaveAttribute("data-status", "Complete", { timeout: 60_000 });
  expect(polled.some((s) => s !== "Complete"), `polled while it ran: ${polled.join(", ")}`).toBe(true);

  const api = await (await request.get(`/api/fleet/log-stats/${runId}`)).json();
  const num = async (id: string) => Number((await panel.getByTestId(id).innerText()).replace(/,/g, ""));
  expect(await num("total-invocations"), "invocations as the API says").toBe(api.stats.totals.invocations);
  expect(await num("total-cold-starts"), "cold starts as the API says").toBe(api.stats.totals.coldStarts);
  expect(await num("total-functions")).toBe(api.stats.totals.functions);
  expect(api.stats.totals.invocations).toBeGreaterThan(0);
  await expect(panel.getByTestId("scan-queries")).toHaveText("1/1");
  expect(await num("scan-records")).toBe(api.progress.recordsScanned);
  expect((await meter()).requests["logs:StartQuery"], "one StartQuery for the whole fleet").toBe(Math.ceil(groups / 50));

  const first = panel.getByTestId("top-gb-seconds").locator("li").first();
  await expect(first.locator("a")).toHaveAttribute("href", `/functions/${api.stats.top.billedGbSeconds[0].name}`);
  await expect(panel.getByTestId("top-cold-starts").locator("li").first()).toBeVisible();
  await panel.screenshot({ path: `${dir}/fleet-log-stats.png` });

  // Reloaded, the stored scan is shown as it is, saying so; nothing is scanned again.
  await page.reload();
  await expect(panel.getByTestId("scan-from-cache")).toContainText("from cache");
  expect(Number((await panel.getByTestId("total-invocations").innerText()).replace(/,/g, ""))).toBe(api.stats.totals.invocations);
  expect((await meter()).requests["logs:StartQuery"]).toBe(Math.ceil(groups / 50));
});
