// `npm run bench`: what a fleet-overview refresh costs, at the default fleet and at 1,000 functions.
// Starts the demo account as a child process (one fleet size per run), runs the dashboard's own lib code against it through
// AWS_ENDPOINT_URL, and reads the demo account's meter. Prints figures; asserts nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

async function startSim(port: number, functions: number): Promise<{ url: string; child: ChildProcess }> {
  // node itself (not the tsx wrapper) so the pid is the demo account's, for its memory figure.
  const child = spawn(process.execPath, ["--import", "tsx", "sim/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, SIM_PORT: String(port), SIM_FUNCTIONS: String(functions) },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/_sim/health`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`demo account on ${url} did not start`);
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function run(functions: number, port: number) {
  const sim = await startSim(port, functions);
  // Set before lib/ is loaded: configuration and clients are read once per process.
  process.env.AWS_ENDPOINT_URL = sim.url;
  const { getFleetOverview } = await import("@/lib/functions/fleet-overview");
  const { FLEET_METRICS } = await import("@/lib/functions/fleet-metrics");
  const { MAX_QUERIES_PER_GET_METRIC_DATA } = await import("@/lib/metrics/chunk");

  await fetch(`${sim.url}/_sim/meter`, { method: "DELETE" });
  let t = performance.now();
  const overview = await getFleetOverview("24h");
  const coldMs = performance.now() - t;
  const meter = await (await fetch(`${sim.url}/_sim/meter`)).json();
  t = performance.now();
  await getFleetOverview("24h", overview.window.endMs); // same minute: served from the cache
  const warmMs = performance.now() - t;
  const metrics = overview.functions.length * FLEET_METRICS.length;
  const minimum = Math.ceil(metrics / MAX_QUERIES_PER_GET_METRIC_DATA);
  console.log(`\nFleet overview refresh, 24h, ${overview.functions.length} functions`);
  console.log(`  GetMetricData calls: ${meter.getMetricData.calls} (minimum ceil(${metrics}/500) = ${minimum})`);
  console.log(`  metrics requested:   ${meter.getMetricData.metricsRequested} ≈ $${meter.costUsd.getMetricData.toFixed(4)} on AWS`);
  console.log(`  all AWS calls:       ${JSON.stringify(meter.requests)}`);
  console.log(`  time: cold ${coldMs.toFixed(0)} ms, cached ${warmMs.toFixed(1)} ms`);
  console.log(`  demo account memory (RSS): ${rssMb(sim.child.pid!).toFixed(0)} MB`);
  sim.child.kill();
}

process.env.AWS_REGION = "us-east-1";
process.env.AWS_ACCESS_KEY_ID = "demo";
process.env.AWS_SECRET_ACCESS_KEY = "demo";
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// One fleet size per process (`npm run bench` runs 40, then 1,000).
await run(Number(process.argv[2] ?? 40), Number(process.argv[3] ?? 4701));
process.exit(0);
