// `npm run demo`: builds the dashboard if needed, starts the demo AWS account (sim/) and the
// dashboard pointed at it through AWS_ENDPOINT_URL, and prints both URLs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const SIM_PORT = Number(process.env.SIM_PORT ?? 4566);
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "127.0.0.1";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** Newest modification time under the folders the build reads. */
function newestSourceMs() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(root, dir));
  for (const f of ["package.json", "next.config.ts"]) newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  return newest;
}

function buildIfStale() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (process.env.SKIP_BUILD === "1") return;
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSourceMs()) return;
  console.log("Building the dashboard (next build)…");
  const r = spawnSync(bin("next"), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function waitFor(url, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start within ${timeoutMs / 1000} s (${url})`);
}

buildIfStale();
const children = [];
const stop = (code = 0) => {
  for (const c of children) c.kill("SIGTERM");
  process.exit(code);
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const simUrl = `http://127.0.0.1:${SIM_PORT}`;
// Two regions by default, so the dashboard's region picker and cross-region overview have something to show.
const SIM_REGIONS = process.env.SIM_REGIONS ?? "us-east-1,eu-west-1:12";
// A larger heap for large demo fleets (SIM_FUNCTIONS=5000 builds past Node's default limit, and then every request waits on the GC).
const simEnv = { ...process.env, SIM_PORT: String(SIM_PORT), SIM_REGIONS, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=8192`.trim() };
const sim = spawn(bin("tsx"), ["sim/main.ts"], { cwd: root, stdio: "inherit", env: simEnv });
children.push(sim);
sim.on("exit", (code) => {
  console.error(`The demo AWS account exited (${code}).`);
  stop(code ?? 1);
});
await waitFor(`${simUrl}/_sim/health`, "The demo AWS account");

// The dashboard sees the demo account exactly as it would see AWS: an endpoint and credentials.
const dashboardEnv = {
  ...process.env,
  AWS_ENDPOINT_URL: simUrl,
  AWS_REGION: "us-east-1",
  // The regions the dashboard offers: the demo account's, without their sizes (`eu-west-1:12` → `eu-west-1`).
  LAMBDASCOPE_REGIONS: process.env.LAMBDASCOPE_REGIONS ?? SIM_REGIONS.split(",").map((entry) => entry.split(":")[0].trim()).join(","),
  AWS_ACCESS_KEY_ID: "demo",
  AWS_SECRET_ACCESS_KEY: "demo",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  // The demo account's bill moves with its start time: Cost Explorer answers kept across restarts
  // (as they should be on AWS) would be another account's, so each demo run gets its own cache.
  LAMBDASCOPE_CACHE_DIR: process.env.LAMBDASCOPE_CACHE_DIR ?? mkdtempSync(path.join(tmpdir(), "lambdascope-demo-cache-")),
};
delete dashboardEnv.AWS_PROFILE;
delete dashboardEnv.AWS_SESSION_TOKEN;
// The production server (`npm start`), exactly as deployed.
const web = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, stdio: "inherit", env: { ...dashboardEnv, PORT: String(PORT), HOST } });
children.push(web);
web.on("exit", (code) => {
  console.error(`The dashboard exited (${code}).`);
  stop(code ?? 1);
});
await waitFor(`http://${HOST}:${PORT}/`, "The dashboard");
const shown = HOST === "127.0.0.1" ? "localhost" : HOST;
console.log(`\n  Demo AWS account: ${simUrl}  (meter: ${simUrl}/_sim/meter)\n  Dashboard:        http://${shown}:${PORT}\n`);
