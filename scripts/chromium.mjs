// Finds a Chromium for Playwright: Playwright's own build where installed, else Debian's
// /usr/bin/chromium, installing it with apt-get when missing and we are root. Prints the path.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

function playwrightChromium() {
  try {
    const { chromium } = createRequire(import.meta.url)("playwright-core");
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findChromium({ install = true } = {}) {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  const own = playwrightChromium();
  if (own) return own;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (install && process.getuid?.() === 0) {
    console.error("Chromium not found: installing Debian's chromium with apt-get (once, ~30 s)…");
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  throw new Error(
    "No Chromium for the end-to-end tests. Either run `npx playwright install chromium` (needs internet), " +
      "or install Debian's package as root: `apt-get install chromium`, or set CHROMIUM_PATH to a Chromium binary.",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(findChromium());
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
