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
  await panel.getByTestId("open-calculator").click();
  await expect(page).toHaveURL(/\/calculator\?fn=search-suggest-prod/);
  await expect(page.getByTestId("calc-terms")).toContainText("Lambda duration");
});
