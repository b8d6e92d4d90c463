import { expect, test } from "@playwright/test";

// A day's lookback keeps the fleet-wide scan short on the demo account; 14 days is the default.
test("/rightsizing: the over-provisioned thumbnailer saves most, the near-OOM export needs more, the tag filter and the CSV", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/rightsizing?days=1");
  const table = page.getByTestId("rightsizing-table");
  await expect(table.locator("tbody tr").first()).toHaveAttribute("data-function", "catalog-thumbnailer-prod", { timeout: 150_000 });
  const thumb = table.locator("tr[data-function='catalog-thumbnailer-prod']");
  await expect(thumb).toHaveAttribute("data-finding", "over-provisioned");
  const recommended = Number((await thumb.getByTestId("memory").innerText()).match(/→ ([\d,]+) MB/)![1].replace(/,/g, ""));
  expect(recommended).toBeLessThan(1024);
  await expect(table.locator("tr[data-function='reporting-export-prod']")).toHaveAttribute("data-finding", "under-provisioned");
  await expect(table.locator("tr[data-function='checkout-cart-prod']")).toHaveAttribute("data-finding", "optimal");
  // Compute Optimizer beside ours: it does not cover the 10,240 MB thumbnailer, and sees the export short of memory
  await expect(thumb.getByTestId("compute-optimizer")).toHaveText("not covered");
  await expect(table.locator("tr[data-function='reporting-export-prod']").getByTestId("compute-optimizer")).toContainText("NotOptimized");
  const total = Number((await page.getByTestId("total-saving").innerText()).replace(/[$,]/g, ""));
  const thumbSaving = Number((await thumb.getByTestId("saving").innerText()).replace(/[$,]/g, ""));
  expect(total).toBeGreaterThanOrEqual(thumbSaving);
  expect(thumbSaving).toBeGreaterThan(10);

  // only the catalog service's functions
  await page.getByTestId("tag-key").selectOption("service");
  await page.getByTestId("tag-value").selectOption("catalog");
  await expect(page).toHaveURL(/tagKey=service&tagValue=catalog/);
  const names = await table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-function")));
  expect(names.length).toBeGreaterThan(2);
  expect(names.every((n) => n!.startsWith("catalog-"))).toBe(true);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("rightsizing-csv").click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header.split(",").slice(0, 4)).toEqual(["function", "finding", "currentMb", "recommendedMb"]);
  expect(rows).toHaveLength(names.length);
  expect(rows[0]).toMatch(new RegExp(`^catalog-thumbnailer-prod,over-provisioned,10240,${recommended},`));
});

test("the function page's right-sizing panel: more memory for the near-OOM export, and a what-if that warns below the floor", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/functions/reporting-export-prod");
  const panel = page.getByTestId("rightsizing-panel");
  // its scan runs on request
  await panel.getByTestId("rightsizing-start").click();
  await expect(panel.getByTestId("rightsizing-finding")).toContainText("under-provisioned", { timeout: 150_000 });
  const recommended = Number((await panel.getByTestId("recommended-mb").innerText()).replace(/[^\d]/g, ""));
  expect(recommended).toBeGreaterThan(1024);
  await expect(panel.getByTestId("rightsizing-reasons")).toContainText("out-of-memory kills");
  await expect(panel.getByTestId("rightsizing-options")).toContainText("Fastest");
  await expect(panel.getByTestId("compute-optimizer-finding")).toContainText("MemoryUnderprovisioned");
  await expect(panel.locator(".recharts-surface").first()).toBeVisible();

  // the what-if starts at the recommendation; today's size is below the floor and says so
  const cost = panel.getByTestId("what-if-cost");
  const atRecommended = await cost.innerText();
  await panel.getByLabel("What-if memory (MB)").fill("1024");
  await expect(panel.getByTestId("what-if-warning")).toContainText("out-of-memory risk");
  await expect(cost).not.toHaveText(atRecommended);
  await panel.getByLabel("What-if memory (MB)").fill("3008");
  await expect(panel.getByTestId("what-if-warning")).toHaveCount(0);
});

test("a longer lookback shows the last day while its scan runs, then its own", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto("/rightsizing?days=3");
  await expect(page.getByTestId("rightsizing-preview")).toContainText("3-day scan runs", { timeout: 150_000 });
  await expect(page.getByTestId("rightsizing-table").locator("tr[data-function='catalog-thumbnailer-prod']")).toHaveAttribute("data-finding", "over-provisioned");
  // the 3-day scan finishes and replaces the preview (nothing left scanning after the test)
  await expect(page.getByTestId("rightsizing-preview")).toHaveCount(0, { timeout: 200_000 });
  await expect(page.getByTestId("rightsizing-table").locator("tbody tr").first()).toHaveAttribute("data-function", "catalog-thumbnailer-prod");
});

test("the right-sizing API names bad input", async ({ request }) => {
  for (const [qs, field] of [["days=0", "days"], ["days=31", "days"], ["days=two", "days"], ["days=3&x=1", "x"]]) {
    const res = await request.get(`/api/rightsizing?${qs}`);
    expect(res.status(), qs).toBe(400);
    expect(JSON.stringify(await res.json()), qs).toContain(field);
  }
  const res = await request.get("/api/functions/no-such-function/rightsizing");
  expect(res.status()).toBe(404);
});
