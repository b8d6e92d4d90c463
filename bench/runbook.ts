// `npm run bench`: what opening a runbook costs — time cold and cached, and the AWS calls it makes —
// for each demo incident. Starts the demo account as a child process and runs the dashboard's own
// lib code against it through AWS_ENDPOINT_URL. Prints figures; asserts nothing.
import { pointLibAt, startSimProcess } from "./sim-process";

const sim = await startSimProcess(4703, 40);
pointLibAt(sim.url);
const { getFunctionDetail } = await import("@/lib/functions/function-detail");
const { getRunbook } = await import("@/lib/runbook/get-runbook");

console.log("\nRunbook, last hour against the same hours on the previous 3 days");
for (const name of ["checkout-api-prod", "payments-webhook-prod", "search-query-prod", "reporting-export-prod", "identity-token-rotator-prod", "search-suggest-prod"]) {
  const detail = (await getFunctionDetail(name))!;
  await fetch(`${sim.url}/_sim/meter`, { method: "DELETE" });
  const nowMs = Date.now();
  let t = performance.now();
  const r = await getRunbook({ baselineDays: 3 }, detail, nowMs);
  const coldMs = performance.now() - t;
  const meter = await (await fetch(`${sim.url}/_sim/meter`)).json();
  t = performance.now();
  await getRunbook({ baselineDays: 3 }, detail, nowMs); // same minute: served from the cache
  const warmMs = performance.now() - t;
  const calls = Object.values(meter.requests as Record<string, number>).reduce((a, b) => a + b, 0);
  console.log(`  ${name.padEnd(28)} cold ${coldMs.toFixed(0).padStart(5)} ms, cached ${warmMs.toFixed(1).padStart(4)} ms · ${calls} AWS calls ${JSON.stringify(meter.requests)} · ${(r.cost.logsBytesScanned / 1024 ** 2).toFixed(0)} MB scanned ≈ $${r.cost.usd.toFixed(4)} · ${r.headline.slice(0, 50)}`);
}
sim.child.kill();
process.exit(0);
