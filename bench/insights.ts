// `npm run bench` (part 2): what the health page's log panels cost to scan. Runs the combined
// function-health query and the four saved queries it replaces over the same functions and range,
// through the dashboard's own runner, and prints bytes scanned (from the statistics) and times.
import { pointLibAt, startSimProcess } from "./sim-process";

const sim = await startSimProcess(4703);
pointLibAt(sim.url);
const { awsClients } = await import("@/lib/aws/clients");
const { CostLedger } = await import("@/lib/cost/observation-cost");
const { runQuery } = await import("@/lib/insights/run-query");
const { Semaphore } = await import("@/lib/insights/semaphore");
const { savedQueries } = await import("@/lib/insights/saved-queries");
const { listFleet } = await import("@/lib/functions/fleet-overview");

const fleet = (await listFleet()).value;
const endMs = Math.floor(Date.now() / 60_000) * 60_000;
const window = { startMs: endMs - 24 * 3_600_000, endMs };
const semaphore = new Semaphore(4);

async function scan(queryId: string, logGroupNames: string[]) {
  const queryString = savedQueries().get(queryId)?.queryString ?? queryId;
  const t = performance.now();
  const r = await runQuery(awsClients().logs, { logGroupNames, queryString, ...window }, { ledger: new CostLedger(), semaphore, deadlineMs: Date.now() + 600_000 });
  return { bytes: r.statistics.bytesScanned, records: r.statistics.recordsScanned, ms: performance.now() - t };
}

const prodGroups = fleet.filter((f) => f.name.endsWith("-prod")).slice(0, 10).map((f) => f.logGroup);
const combined = await scan("function-health", prodGroups);
let separate = 0;
for (const id of ["cold-start-rate", "p99-duration", "memory-utilisation", "errors-with-request-ids"]) separate += (await scan(id, prodGroups)).bytes;
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
console.log(`\nHealth panels over ${prodGroups.length} prod functions, 24 h`);
console.log(`  combined function-health query: ${mb(combined.bytes)} MB scanned (${combined.records.toLocaleString("en-US")} records)`);
console.log(`  the four saved queries separately: ${mb(separate)} MB scanned`);
console.log(`  ratio: ${(combined.bytes / separate).toFixed(2)} (goal ≤ 0.30)`);

const all = fleet.slice(0, 50).map((f) => f.logGroup);
console.log(`\n24 h queries over the whole default fleet (${all.length} log groups), end to end through the SDK:`);
for (const q of ['filter @type = "REPORT" | stats count(*) as invocations', "function-health"]) {
  const r = await scan(q, all);
  console.log(`  ${q.padEnd(56)} ${r.ms.toFixed(0).padStart(6)} ms, ${r.records.toLocaleString("en-US")} records, ${mb(r.bytes)} MB`);
}
sim.child.kill();
process.exit(0);
