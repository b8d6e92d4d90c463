import { expect, test } from "@playwright/test";
import { clearFaults, injectFault } from "./sim";

test.afterEach(async () => {
  await clearFaults();
});

test("clicking a function opens its health page with configuration and charts with data", async ({ page }) => {
  await page.goto("/?q=checkout-api-prod");
  // The table's link: a stored fleet log scan may list the function in its top lists too.
  await page.getByTestId("fleet-table").getByRole("link", { name: "checkout-api-prod", exact: true }).click();
  await expect(page).toHaveURL(/\/functions\/checkout-api-prod/);
  await expect(page.getByTestId("function-name")).toHaveText("checkout-api-prod");
  await expect(page.getByTestId("config-panel")).toContainText("Runtime");
  await expect(page.getByRole("region", { name: "Published versions" }).locator("tbody tr").first(), "bad-deploy has published versions").toBeVisible();
  await expect(page.getByRole("region", { name: "Aliases" })).toContainText("live");
  for (const chart of ["chart-invocations", "chart-duration", "chart-concurrency"]) {
    await expect(page.getByTestId(chart), `${chart} has datapoints`).toHaveAttribute("data-has-data", "true");
  }
  await expect(page.locator(".recharts-line path").first(), "recharts drew lines").toBeVisible();
  await expect(page.getByTestId("alarms-panel")).toContainText("checkout-api-prod");
});

test("the throttled function shows throttles against its reserved-concurrency line", async ({ page }) => {
  await page.goto("/functions/payments-webhook-prod?range=24h");
  const reserved = await page.getByTestId("reserved-concurrency").innerText();
  expect(Number(reserved), "reserved concurrency is set").toBeGreaterThan(0);
  await expect(page.getByTestId("throttle-total")).not.toHaveText("0");
  await expect(page.getByTestId("chart-concurrency")).toContainText(`reserved ${reserved}`);
});

test("the growing-DLQ function charts its dead-letter queue", async ({ page }) => {
  await page.goto("/functions/notifications-email-prod?range=7d");
  await expect(page.getByTestId("dlq")).toContainText("notifications-email-prod-dlq");
  await expect(page.getByTestId("chart-dlq")).toHaveAttribute("data-has-data", "true");
});

test("an unknown function gets a not-found page and a 404", async ({ page }) => {
  const res = await page.goto("/functions/no-such-function");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("Function not found");
});

test("a fault on GetMetricData breaks only the panels that need it", async ({ page }) => {
  // A function and range no other test opened, so no cached metrics hide the fault.
  await injectFault("cloudwatch:GetMetricData", "accessDenied");
  await page.goto("/functions/search-query-prod?range=3h");
  const charts = page.getByRole("region", { name: "Duration" });
  await expect(charts.getByTestId("panel-error")).toContainText("cloudwatch:GetMetricData");
  await expect(charts.getByTestId("panel-error")).toContainText("AccessDeniedException");
  await expect(page.getByTestId("config-panel"), "configuration still renders").toContainText("Runtime");
  await expect(page.getByRole("region", { name: "Aliases" }).getByTestId("panel-error")).toHaveCount(0);
  await expect(page.getByTestId("alarms-panel"), "alarms still render").not.toContainText("unavailable");
});

test("the health page states the function's status with its reasons", async ({ page }) => {
  await page.goto("/functions/notifications-email-prod?range=24h");
  await expect(page.getByTestId("function-status")).toContainText("degraded");
  await expect(page.getByTestId("function-status")).toContainText("dead-letter queue");
});
