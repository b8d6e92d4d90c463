// `npm run bench`: right-sizing the demo fleet over the default 14 days — the scan's time, bytes and
// cost, cold and from the disk cache, and what it finds. Prints figures; asserts nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pointLibAt, startSimProcess } from "./sim-process";

process.env.LAMBDASCOPE_CACHE_DIR = mkdtempSync(path.join(tmpdir(), "lambdascope-bench-"));
const sim = await startSimProcess(4704, 40);
pointLibAt(sim.url);
const { getRightsizing } = await import("@/lib/rightsizing/data");

const days = Number(process.env.RIGHTSIZING_DAYS ?? 14);
let t = performance.now();
const r = await getRightsizing(days);
const coldMs = performance.now() - t;
t = performance.now();
await getRightsizing(days);
const warmMs = performance.now() - t;
const usd = (v: number) => `$${v.toFixed(2)}`;
console.log(`\nRight-sizing, ${r.functions.length} functions over ${days} days: cold ${(coldMs / 1000).toFixed(1)} s, from the disk cache ${warmMs.toFixed(0)} ms`);
console.log(`  ${r.scan.ok ? `${(r.scan.data.bytesScanned / 1024 ** 3).toFixed(2)} GB scanned in ${r.scan.data.queries} Logs Insights queries` : "scan failed"} · this view ${usd(r.cost.usd)} · ${JSON.stringify(r.cost.awsCalls)}`);
console.log(`  total saving ${usd(r.totalSavingUsd)} a month; Compute Optimizer ${r.computeOptimizer.ok ? `covers ${r.computeOptimizer.data.covered}` : r.computeOptimizer.error.code}`);
console.log("\n| function | finding | now | recommended | p99 now → projected | saving / month | confidence | risk | CPU evidence | Compute Optimizer |");
console.log("|---|---|---:|---:|---|---:|---|---|---|---|");
for (const f of r.functions) {
  const x = f.recommendation;
  if (!x || !f.stats) continue;
  console.log(`| ${f.name} | ${x.finding} | ${x.currentMb} | ${x.recommendedMb ?? "—"} | ${f.stats.p99DurationMs.toFixed(0)} → ${x.recommended?.p99Ms.toFixed(0) ?? "—"} ms | ${usd(x.savingUsd)} | ${x.confidence} | ${x.risk} | ${x.split.source} ${(x.split.share * 100).toFixed(0)} % | ${f.computeOptimizer ? `${f.computeOptimizer.finding}${f.computeOptimizer.recommendedMb ? ` ${f.computeOptimizer.recommendedMb}` : ""}` : "—"} |`);
}
sim.child.kill();
process.exit(0);
