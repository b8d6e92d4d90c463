// `npm test`: every test — typecheck, unit + wire-contract (vitest), then the dashboard built and
// driven in Chromium against the demo account (Playwright). Exits non-zero on any failure and
// ends with one line: "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { findChromium } from "./chromium.mjs";

const root = path.resolve(import.meta.dirname, "..");
const cache = path.join(root, ".cache");
mkdirSync(cache, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
const only = process.argv[2]; // "unit" | "e2e" | undefined (all)

let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${name}: ${[path.basename(cmd), ...args].join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(`◀ ${name}: ${r.status === 0 ? "ok" : `exit ${r.status}`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failures.push(name);
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

if (only !== "e2e") {
  step("typecheck", bin("tsc"), ["--noEmit"]);
  const vitestJson = path.join(cache, "vitest.json");
  rmSync(vitestJson, { force: true });
  step("unit and wire-contract tests", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
  const v = readJson(vitestJson);
  if (v) {
    passed += v.numPassedTests;
    failed += v.numFailedTests;
  }
}

if (only !== "unit") {
  if (step("build", bin("next"), ["build"])) {
    let chromium;
    try {
      chromium = findChromium();
    } catch (err) {
      console.error(err.message);
      failures.push("chromium");
    }
    if (chromium) {
      const pwJson = path.join(cache, "playwright.json");
      rmSync(pwJson, { force: true });
      step("end-to-end tests", bin("playwright"), ["test"], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
      const p = readJson(pwJson);
      if (p) {
        passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
        failed += p.stats?.unexpected ?? 0;
      }
    }
  }
}

if (failures.length) console.log(`\nFailed steps: ${failures.join(", ")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
