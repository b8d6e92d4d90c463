import { defineConfig, devices } from "@playwright/test";

// The e2e suite runs the app exactly as `npm run demo` does, on its own ports.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4610);
process.env.E2E_SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
// scripts/test.mjs resolves the browser (Playwright's own, else Debian's chromium) into CHROMIUM_PATH.
const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1600, height: 1000 },
        launchOptions: {
          executablePath,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/demo.mjs",
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    // One client runs the whole suite, faster than a person: the per-client limit on expensive APIs is
    // raised here and tested on its own server (e2e/access.spec.ts).
    env: { PORT: String(PORT), SIM_PORT: String(SIM_PORT), SKIP_BUILD: "1", LAMBDASCOPE_RATE_LIMIT_PER_MIN: "1000" },
  },
});
