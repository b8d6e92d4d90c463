// `npm run bench`: what a fleet-overview refresh costs, at the default fleet and at 1,000 functions.
// Starts the demo account as a child process (one fleet size per run), runs the dashboard's own lib code against it through
// AWS_ENDPOINT_URL, and reads the demo account's meter. Prints figures; asserts nothing.
import { pointLibAt, rssMb, startSimProcess } from "./sim-process";

async function run(functions: number, port: number) {
  const sim = await startSimProcess(port, functions);
  // Set before lib/ is loaded: configuration and clients are read once per process.
  pointLibAt(sim.url);
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

// One fleet size per process (`npm run bench` runs 40, then 1,000).
await run(Number(process.argv[2] ?? 40), Number(process.argv[3] ?? 4701));
process.exit(0);
