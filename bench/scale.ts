// `npm run bench`: the dashboard at 100, 1,000 and 5,000 functions (BENCH_SIZES to change), each on
// its own demo account, measured through HTTP as a browser or script would meet it. Prints Markdown
// tables (keep the format stable: docs/benchmarks.md holds a recent run). Asserts nothing.
//
// Per fleet size: the demo account is started and its function-hours built (as AWS has them), then
// the production dashboard (`npm start`, after `next build`) is started against it and measured.
// "Cold" = the dashboard's cache empty; "warm" = the same request again within the cache TTL.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { warmMetrics, warmQueues } from "../e2e/sim";
import { DEMO_PAGES, firstLoadTable } from "./first-load-js";
import { rssMb } from "./sim-process";

const ROOT = path.resolve(import.meta.dirname, "..");
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,5000").split(",").map(Number);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLEET_METRICS_PER_FUNCTION = 5; // lib/functions/fleet-metrics.ts FLEET_METRICS
const PAGE_ROWS = 200; // components/api.ts FLEET_PAGE_ROWS: what the overview page asks for
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Meter = { requests: Record<string, number>; getMetricData: { calls: number; metricsRequested: number }; logsInsights: { queries: number; bytesScanned: number }; costUsd: { total: number } };

function spawnGroup(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { cwd: ROOT, stdio: "ignore", detached: true, env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
}
const stopGroup = (p: ChildProcess) => {
  try {
    process.kill(-p.pid!, "SIGKILL");
  } catch {
    // gone
  }
};
async function waitFor(url: string, timeoutMs = 120_000) {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(200)) if (await fetch(url).then((r) => r.status < 500, () => false)) return;
  throw new Error(`${url} did not start`);
}

/** The demo account alone (so the dashboard can be restarted with an empty cache while it stays warm). */
async function startSim(functions: number, port: number) {
  // A larger heap: 5,000 functions' built hours pass 3.5 GB, where Node's default limit makes every request wait on the GC.
  const child = spawn(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", "sim/main.ts"], { cwd: ROOT, stdio: "ignore", detached: true, env: { ...process.env, SIM_PORT: String(port), SIM_FUNCTIONS: String(functions), SIM_REGIONS: "us-east-1", SIM_WARM_BILLING: "0" } });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/_sim/health`);
  return { url, child };
}

/** The production dashboard against the demo account, its cache empty (memory, and a new disk cache). */
async function startDashboard(simUrl: string, port: number) {
  const child = spawnGroup(["scripts/start.mjs"], {
    PORT: String(port), HOST: "127.0.0.1", AWS_ENDPOINT_URL: simUrl, AWS_REGION: "us-east-1", LAMBDASCOPE_REGIONS: "us-east-1",
    AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo", LAMBDASCOPE_RATE_LIMIT_PER_MIN: "100000", LAMBDASCOPE_AWS_TIMEOUT_MS: "60000",
    LAMBDASCOPE_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "lambdascope-bench-cache-")),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/calculator`);
  return { url, child };
}

const meter = async (simUrl: string): Promise<Meter> => (await fetch(`${simUrl}/_sim/meter`)).json();
const resetMeter = (simUrl: string) => fetch(`${simUrl}/_sim/meter`, { method: "DELETE" });
const totalCalls = (m: Meter, except = /^logs:/) => Object.entries(m.requests).reduce((a, [k, n]) => a + (except.test(k) ? 0 : n), 0);

async function timed(url: string): Promise<{ ms: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const t = performance.now();
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: performance.now() - t, body };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Overview = {
  functions: number; coldMs: number; warmMs: number; warmSortMs: number; calls: Record<string, number>; gmdCalls: number; metrics: number; refreshUsd: number;
  oneRequestCalls: number; concurrentCalls: number; simRssMb: number;
};

/** The overview's first request on a dashboard just started, its cache empty. */
async function coldOverview(dash: string) {
  // Load the route's code first with a request refused before any AWS call: "cold" is the cache, not the JIT.
  await fetch(`${dash}/api/functions?range=24h&warmup=1`);
  return timed(`${dash}/api/functions?range=24h&limit=${PAGE_ROWS}`);
}

/** A cold time varies by ±30 % from run to run here: the median of this many dashboards started afresh. */
const COLD_RUNS = 3;

async function overview(dash: string, simUrl: string, simPid: number, functions: number, earlierColdMs: number[]): Promise<Overview> {
  const url = `${dash}/api/functions?range=24h&limit=${PAGE_ROWS}`;
  await resetMeter(simUrl);
  const cold = await coldOverview(dash);
  const m = await meter(simUrl);
  const colds = [...earlierColdMs, cold.ms];
  process.stderr.write(`cold runs: ${colds.map((t) => ms(t)).join(", ")}… `);
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) warm.push((await timed(url)).ms);
  const warmSort: number[] = [];
  for (let i = 0; i < 5; i++) warmSort.push((await timed(`${url}&sort=invocations&dir=desc&q=prod`)).ms);
  // Single-flight: one cold request at 3h says what a request needs (the function list and tags are
  // cached by now); 50 identical concurrent cold requests at 12h must need no more.
  await resetMeter(simUrl);
  await timed(`${dash}/api/functions?range=3h&limit=${PAGE_ROWS}`);
  const one = totalCalls(await meter(simUrl));
  await resetMeter(simUrl);
  await Promise.all(Array.from({ length: 50 }, () => timed(`${dash}/api/functions?range=12h&limit=${PAGE_ROWS}`)));
  const fifty = totalCalls(await meter(simUrl));
  return {
    functions, coldMs: median(colds), warmMs: median(warm), warmSortMs: median(warmSort), calls: m.requests, gmdCalls: m.getMetricData.calls, metrics: m.getMetricData.metricsRequested,
    refreshUsd: cold.body.cost.usd, oneRequestCalls: one, concurrentCalls: fifty, simRssMb: rssMb(simPid),
  };
}

type LogStats = { groups: number; queries: number; bytes: number; ms: number; naiveQueries: number; naiveBytes: number | null };

/** The fleet-wide log statistics over 1 h (one scan, 50 log groups a query) against asking per function. */
async function logStats(dash: string, simUrl: string, functions: number): Promise<LogStats | null> {
  await resetMeter(simUrl);
  const t = performance.now();
  const post = await fetch(`${dash}/api/fleet/log-stats`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ range: "1h" }) });
  if (post.status === 404) return null;
  let state = await post.json();
  while (state.runId && !["Complete", "Failed", "Cancelled", "Timeout", "Unknown", "DeadlineExceeded"].includes(state.status)) {
    await sleep(500);
    state = await (await fetch(`${dash}/api/fleet/log-stats/${state.runId}`)).json();
  }
  const ms = performance.now() - t;
  const m = await meter(simUrl);
  // Naive: the three saved queries (cold starts, memory, billed duration) run once per function.
  // Measured at 100 functions; each query reads every event of its log group in the range, whatever
  // its filter, so at any size it scans 3 × the fleet scan's bytes in 3 × N queries.
  let naiveBytes: number | null = null;
  if (functions <= 100) {
    const names = ((await (await fetch(`${dash}/api/inventory`)).json()).functions as { name: string }[]).map((f) => f.name);
    await resetMeter(simUrl);
    for (const query of ["cold-start-rate", "memory-utilisation", "billed-duration"]) {
      await Promise.all(names.map((name) => runSaved(dash, query, name)));
    }
    naiveBytes = (await meter(simUrl)).logsInsights.bytesScanned;
  }
  return { groups: functions, queries: m.logsInsights.queries, bytes: m.logsInsights.bytesScanned, ms, naiveQueries: 3 * functions, naiveBytes };
}

async function runSaved(dash: string, query: string, name: string) {
  const res = await fetch(`${dash}/api/insights/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, functions: [name], range: "1h" }) });
  let state = await res.json();
  while (state.runId && !["Complete", "Failed", "Cancelled", "Timeout", "Unknown", "DeadlineExceeded"].includes(state.status)) {
    await sleep(300);
    state = await (await fetch(`${dash}/api/insights/runs/${state.runId}`)).json();
  }
}

// Pages as a user opens them (the function is an incident one that every fleet size has).
const PAGES = DEMO_PAGES;
/** Pages whose first load scans the whole fleet's logs for days: at 5,000 functions the demo account needs far longer than a bench. */
const FLEET_SCAN_PAGES = new Set(["/rightsizing", "/cost"]);

/**
 * What one refresh of each page costs on AWS: the page opened in Chromium by a dashboard started
 * with an empty cache, its spend read from the dashboard's own log (/api/about/cost) once the
 * network has been quiet for a while (Insights panels poll until their queries end).
 */
async function pageCosts(simUrl: string, port: number, functions: number): Promise<Record<string, number | string>> {
  if (!existsSync(CHROMIUM)) return {};
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const out: Record<string, number | string> = {};
  try {
    for (const [route, p] of Object.entries(PAGES)) {
      if (functions > 1_000 && FLEET_SCAN_PAGES.has(route)) {
        out[route] = "not run";
        continue;
      }
      const dash = await startDashboard(simUrl, port);
      const tab = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      try {
        await tab.goto(dash.url + p, { waitUntil: "load", timeout: 120_000 });
        await tab.waitForLoadState("networkidle", { timeout: 180_000 }).catch(() => {});
        const spend = await (await fetch(`${dash.url}/api/about/cost?days=1`)).json();
        out[route] = spend.total.usd;
      } finally {
        await tab.close();
        stopGroup(dash.child);
        await sleep(300);
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(0)} ms`);
const usd = (n: number) => (n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(Math.min(8, 1 - Math.floor(Math.log10(n))))}` : `$${n.toFixed(2)}`);
const count = (n: number) => n.toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

async function main() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No build: run `npx next build` first (npm run bench does).");
  const overviews: Overview[] = [];
  const logs: (LogStats | null)[] = [];
  const pages: Record<string, number | string>[] = [];
  let firstLoad = "";
  for (const [i, functions] of SIZES.entries()) {
    const sim = await startSim(functions, 4760 + i);
    try {
      process.stderr.write(`${functions} functions: building the demo account's last day… `);
      await warmMetrics(1, sim.url);
      await warmQueues(sim.url);
      const earlierColdMs: number[] = [];
      for (let run = 1; run < COLD_RUNS; run++) {
        const fresh = await startDashboard(sim.url, 3700 + i * 10 + run);
        try {
          earlierColdMs.push((await coldOverview(fresh.url)).ms);
        } finally {
          stopGroup(fresh.child);
        }
      }
      const dash = await startDashboard(sim.url, 3760 + i);
      try {
        process.stderr.write("overview… ");
        overviews.push(await overview(dash.url, sim.url, sim.child.pid!, functions, earlierColdMs));
        process.stderr.write("log statistics… ");
        logs.push(await logStats(dash.url, sim.url, functions));
        if (i === 0) firstLoad = (await firstLoadTable(dash.url)).table;
      } finally {
        stopGroup(dash.child);
      }
      process.stderr.write("pages…\n");
      // BENCH_PAGES=0 skips the per-page refresh costs (a dashboard restart per page: most of the run).
      pages.push(process.env.BENCH_PAGES === "0" ? {} : await pageCosts(sim.url, 3770 + i, functions));
    } finally {
      stopGroup(sim.child);
    }
  }

  const base = overviews[0];
  console.log(`\n## Fleet overview: one refresh (24 h), through HTTP\n`);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}. Ratios are against ${count(base.functions)} functions.\n`);
  console.log("| functions | GetMetricData calls (minimum) | metrics requested | ListFunctions (min) | GetResources (min) | SQS calls | all AWS calls | cost of a refresh | cold | warm | warm, sorted + filtered | cold ratio | warm ratio | 50 concurrent identical: upstream calls (one request's) | demo account RSS |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const o of overviews) {
    const sqs = (o.calls["sqs:GetQueueAttributes"] ?? 0) + (o.calls["sqs:GetQueueUrl"] ?? 0);
    const all = Object.values(o.calls).reduce((a, b) => a + b, 0);
    console.log(
      `| ${count(o.functions)} | ${o.gmdCalls} (${Math.ceil((o.functions * FLEET_METRICS_PER_FUNCTION) / 500)}) | ${count(o.metrics)} | ${o.calls["lambda:ListFunctions"] ?? 0} (${Math.ceil(o.functions / 50)}) | ${o.calls["tag:GetResources"] ?? 0} (${Math.ceil(o.functions / 100)}) | ${count(sqs)} | ${count(all)} | ${usd(o.refreshUsd)} | ${ms(o.coldMs)} | ${ms(o.warmMs)} | ${ms(o.warmSortMs)} | ${(o.coldMs / base.coldMs).toFixed(1)}× | ${(o.warmMs / base.warmMs).toFixed(1)}× | ${o.concurrentCalls} (${o.oneRequestCalls}) | ${o.simRssMb.toFixed(0)} MB |`,
    );
  }

  if (logs.some(Boolean)) {
    console.log(`\n## Fleet-wide statistics from logs (1 h): one scan vs asking per function\n`);
    console.log("| functions | StartQuery calls (ceil(N/50)) | bytes scanned | time | naive: queries | naive: bytes scanned | naive / one scan |");
    console.log("|---:|---:|---:|---:|---:|---:|---:|");
    for (const l of logs) {
      if (!l) continue;
      const naive = l.naiveBytes ?? 3 * l.bytes;
      console.log(`| ${count(l.groups)} | ${l.queries} (${Math.ceil(l.groups / 50)}) | ${mb(l.bytes)} | ${ms(l.ms)} | ${count(l.naiveQueries)} | ${mb(naive)}${l.naiveBytes === null ? " (3 × the scan)" : " (measured)"} | ${(naive / Math.max(1, l.bytes)).toFixed(1)}× |`);
    }
  }

  console.log(`\n## One refresh of each page: what it costs on AWS, cache empty\n`);
  console.log(`| page | ${SIZES.map((n) => `${count(n)} functions`).join(" | ")} |`);
  console.log(`|---|${SIZES.map(() => "---:").join("|")}|`);
  for (const route of Object.keys(PAGES)) console.log(`| \`${route}\` | ${pages.map((p) => (typeof p[route] === "number" ? usd(p[route] as number) : (p[route] ?? "—"))).join(" | ")} |`);
  console.log(`\n"not run": the page's first load scans every function's logs for up to 14 days, more than the demo account can generate in a bench at that size.`);

  if (firstLoad) console.log(`\n## First-load JavaScript per page\n\n${firstLoad}`);
}

await main();
process.exit(0);
