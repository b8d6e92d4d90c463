// Fault matrix (issue 8): every AWS action a page needs × every fault AWS can answer it with. Each
// page is its list of panels (the API routes and server loaders it calls); which actions a panel
// needs is read from the demo account's meter on a healthy run, never written down by hand. Then,
// per (action, fault): exactly the panels that need the action degrade, naming the action with a
// hint that fixes it; every other panel on those pages answers with data; nothing answers a bare
// 500; throttling is not retried into a storm.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, expect, test, vi } from "vitest";
import type { FaultKind } from "@/sim/control/faults";
import { startSim } from "@/sim/server";
import { HOUR_MS, MINUTE_MS, NOW_MS, fixedModel } from "@/sim/test/helpers";

const NAME = "catalog-thumbnailer-prod"; // alias and versions, failure queue via a destination (event-invoke config), Lambda Insights
const MAX_ATTEMPTS = 2;
const TIMEOUT_MS = 2_000;

// The demo account's "now" is pinned, and it has no data after it. The dashboard's clock runs from 22 h
// later: its 24-hour and one-day windows hold two hours of data, so even the fleet-wide scans are quick.
const CLOCK_MS = NOW_MS + 22 * HOUR_MS;
vi.useFakeTimers({ now: CLOCK_MS, toFake: ["Date"], shouldAdvanceTime: true });
const sim = await startSim({ port: 0, model: fixedModel(), warmBilling: true });
await sim.billing.ready(); // the bill takes seconds to build: not inside a Cost Explorer call's timeout
const cacheDir = mkdtempSync(path.join(os.tmpdir(), "fault-matrix-"));
delete process.env.REDIS_URL;
Object.assign(process.env, {
  AWS_ENDPOINT_URL: sim.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo",
  LAMBDASCOPE_AWS_TIMEOUT_MS: String(TIMEOUT_MS), LAMBDASCOPE_AWS_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  LAMBDASCOPE_CACHE_DIR: cacheDir, LAMBDASCOPE_RATE_LIMIT_PER_MIN: "100000",
  // The demo account scans logs in this process, 20 ms a turn per running query: a few at a time keep its answers within the timeout.
  LAMBDASCOPE_INSIGHTS_CONCURRENCY: "6",
});

/** A freshly started dashboard: its modules imported anew, so no cache, Insights run or AWS client (nor its retry quota) outlives a case. */
async function startApp() {
  vi.resetModules();
  return {
    errors: await import("@/lib/aws/errors"),
    detail: await import("@/lib/functions/function-detail"),
    fleet: await import("@/app/api/functions/route"),
    metrics: await import("@/app/api/functions/[name]/metrics/route"),
    alarms: await import("@/app/api/functions/[name]/alarms/route"),
    cost: await import("@/app/api/functions/[name]/cost/route"),
    whatIf: await import("@/app/api/functions/[name]/rightsizing/route"),
    runbook: await import("@/app/api/functions/[name]/runbook/route"),
    runs: await import("@/app/api/insights/runs/route"),
    run: await import("@/app/api/insights/runs/[runId]/route"),
    queries: await import("@/app/api/insights/queries/route"),
    inventory: await import("@/app/api/inventory/route"),
    byTag: await import("@/app/api/cost/by-tag/route"),
    drill: await import("@/app/api/cost/functions/route"),
    reconcile: await import("@/app/api/cost/reconcile/route"),
    rightsizing: await import("@/app/api/rightsizing/route"),
  };
}
let app = await startApp();

// ---- Panels: how each is called, what "with data" means, and what a degraded answer must still hold.
type Answer = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
type PanelDef = { call: () => Promise<Answer>; data: (b: any) => boolean; partial?: (b: any) => boolean }; // eslint-disable-line @typescript-eslint/no-explicit-any

const get = (url: string) => new Request(`http://x${url}`);
const fn = { params: Promise.resolve({ name: NAME }) };
const answer = async (res: Response | Promise<Response>): Promise<Answer> => {
  const r = await res;
  return { status: r.status, body: await r.json() };
};
/** A server loader as the page runs it: its value, or the failure the page's ErrorBox shows. */
const loader = async (load: () => Promise<unknown>): Promise<Answer> => {
  try {
    return { status: 200, body: await load() };
  } catch (err) {
    const error = app.errors.classifyAwsError("lambda:GetFunction", err);
    return { status: error.status, body: { error } };
  }
};
/** A Logs Insights panel as the browser runs it: start, then poll to the end. */
async function insightsRun(query: string): Promise<Answer> {
  const body = JSON.stringify({ query, functions: [NAME], range: "24h" });
  const start = await answer(app.runs.POST(new Request("http://x/api/insights/runs", { method: "POST", headers: { "content-type": "application/json" }, body })));
  if (start.status >= 300) return start;
  const ctx = { params: Promise.resolve({ runId: start.body.runId as string }) };
  let state = start.body;
  while (!["Complete", "Failed", "Cancelled", "Timeout", "Unknown", "DeadlineExceeded"].includes(state.status)) {
    await new Promise((r) => setTimeout(r, 200));
    state = (await answer(app.run.GET(get(`/api/insights/runs/${state.runId}`), ctx))).body;
  }
  return { status: 200, body: state };
}

const RUNBOOK_WINDOW = new URLSearchParams({ from: new Date(NOW_MS - 30 * MINUTE_MS).toISOString(), to: new Date(NOW_MS - 15 * MINUTE_MS).toISOString(), baselineDays: "1" });
const scanned = (b: any) => Array.isArray(b.functions) && (!b.scan?.ok || b.functions.some((f: any) => f.recommendation)); // eslint-disable-line @typescript-eslint/no-explicit-any
const PANELS: Record<string, PanelDef> = {
  fleet: { call: () => answer(app.fleet.GET(get("/api/functions?range=24h&limit=1000"))), data: (b) => b.rows.length === 40 && b.rows.every((f: { status?: string }) => f.status), partial: (b) => b.rows.length === 40 },
  functionDetail: { call: () => loader(() => app.detail.getFunctionDetail(NAME)), data: (b) => b.config.name === NAME && b.versions.data.length > 0, partial: (b) => b.config.name === NAME },
  metrics: { call: () => answer(app.metrics.GET(get(`/api/functions/${NAME}/metrics?range=24h`), fn)), data: (b) => b.totals.invocations > 0 && b.dlq !== null },
  alarms: { call: () => answer(app.alarms.GET(get(`/api/functions/${NAME}/alarms`), fn)), data: (b) => b.alarms.length > 0 },
  cost: { call: () => answer(app.cost.GET(get(`/api/functions/${NAME}/cost`), fn)), data: (b) => b.terms.length > 0 && b.periods.length === 2, partial: (b) => b.sample.hours === 168 },
  whatIf: { call: () => answer(app.whatIf.GET(get(`/api/functions/${NAME}/rightsizing?days=1`), fn)), data: (b) => Boolean(b.function?.recommendation), partial: scanned },
  logsHealth: { call: () => insightsRun("function-health"), data: (b) => b.status === "Complete" && b.rows.length > 0 },
  logsErrors: { call: () => insightsRun("errors-with-request-ids"), data: (b) => b.status === "Complete" && Array.isArray(b.rows) },
  functionConfig: { call: () => loader(() => app.detail.lookupFunction(NAME)), data: (b) => b.config.name === NAME },
  runbook: { call: () => answer(app.runbook.GET(get(`/api/functions/${NAME}/runbook?${RUNBOOK_WINDOW}`), fn)), data: (b) => b.steps.length === 6, partial: (b) => b.steps.length === 6 && b.steps.some((s: { verdict: string }) => s.verdict !== "could not check") },
  byTag: { call: () => answer(app.byTag.GET(get("/api/cost/by-tag?tagKey=service"))), data: (b) => b.cells.length > 0 },
  drillDown: { call: () => answer(app.drill.GET(get("/api/cost/functions?tagKey=service&value=reporting"))), data: (b) => b.functions.length === 5 && b.functions.every((f: { inputs: unknown }) => f.inputs), partial: (b) => b.functions.length === 5 },
  reconcile: { call: () => answer(app.reconcile.GET(get("/api/cost/reconcile?tagKey=service"))), data: (b) => b.rows.length > 0 },
  rightsizing: { call: () => answer(app.rightsizing.GET(get("/api/rightsizing?days=1"))), data: (b) => b.functions.length === 40 && scanned(b), partial: scanned },
  queryCatalog: { call: () => answer(app.queries.GET(get("/api/insights/queries"))), data: (b) => b.saved.length > 0 && b.definitions.data.length > 0, partial: (b) => b.saved.length > 0 },
  inventory: { call: () => answer(app.inventory.GET(get("/api/inventory"))), data: (b) => b.functions.length === 40 && b.functions.every((f: { tags: unknown }) => f.tags), partial: (b) => b.functions.length === 40 },
  queryRun: { call: () => insightsRun("cold-start-rate"), data: (b) => b.status === "Complete" && b.rows.length > 0 },
};

// ---- Pages: the panels each one calls (components/** and the page's own server loader).
const PAGES: Record<string, string[]> = {
  "/": ["fleet"],
  "/functions/[name]": ["functionDetail", "metrics", "alarms", "cost", "whatIf", "logsHealth", "logsErrors"],
  "/functions/[name]/runbook": ["functionConfig", "runbook"],
  "/cost": ["byTag", "drillDown", "reconcile"],
  "/rightsizing": ["rightsizing"],
  "/queries": ["queryCatalog", "inventory", "queryRun"],
  "/calculator": ["inventory", "cost"],
};

// ---- Helpers.
type Failure = { action: string; code: string; hint: string };
/** Every AWS failure an answer reports: `{error}`, `{ok:false,error}` panels, a run's error, a runbook step it could not check. */
function failuresIn(v: unknown, out: Failure[] = []): Failure[] {
  if (Array.isArray(v)) v.forEach((x) => failuresIn(x, out));
  else if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.action === "string" && typeof o.hint === "string") out.push(o as Failure);
    if (o.verdict === "could not check") {
      const m = /(\S+:\S+) failed \(([^)]*)\): (.*)$/.exec(String(o.summary));
      out.push(m ? { action: m[1], code: m[2], hint: m[3] } : { action: "?", code: "?", hint: String(o.summary) });
    }
    Object.values(o).forEach((x) => failuresIn(x, out));
  }
  return out;
}

const requests = () => sim.meter.snapshot().requests;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Between cases: stop the account's leftover queries, wait until nothing calls it, start a fresh dashboard with empty caches. */
async function reset() {
  sim.faults.clear();
  for (let last = ""; ; ) {
    sim.logs.queries.cancelAll();
    const now = JSON.stringify(requests());
    if (now === last) break;
    last = now;
    await sleep(250);
  }
  rmSync(cacheDir, { recursive: true, force: true });
  app = await startApp();
  sim.meter.reset();
}

/** Opens the pages at once, every panel as a browser calls it (a panel on two pages is called once). */
async function open(pages: string[]): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  const ids = [...new Set(pages.flatMap((p) => PAGES[p]))];
  (await Promise.all(ids.map(async (id) => [id, await PANELS[id].call()] as const))).forEach(([id, a]) => answers.set(id, a));
  return answers;
}

const HINTS: Record<FaultKind, (action: string) => RegExp> = {
  accessDenied: (a) => new RegExp(`Grant ${a}\\b`),
  throttle: () => /retried|retrying/,
  error5xx: () => /retried|retrying/,
  latency: () => /retried|retrying/,
  queryLimit: () => /Logs Insights queries are running/,
  queryTimeout: () => /Logs Insights query timed out/,
  queryFailed: () => /Logs Insights query failed/,
  optInRequired: () => /opt in/,
};
const faultsFor = (action: string): FaultKind[] => [
  "throttle", "accessDenied", "latency", "error5xx",
  ...(action === "logs:StartQuery" ? (["queryLimit", "queryTimeout", "queryFailed"] as const) : []),
  ...(action.startsWith("compute-optimizer:") ? (["optInRequired"] as const) : []),
];

// ---- The healthy account: each panel alone, with cold caches, says what it needs (and must have data).
const needs = new Map<string, Record<string, number>>();
for (const id of Object.keys(PANELS)) {
  await reset();
  const { status, body } = await PANELS[id].call();
  if (status !== 200 || failuresIn(body).length || !PANELS[id].data(body)) throw new Error(`healthy ${id}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
  needs.set(id, requests());
}
const ACTIONS = [...new Set([...needs.values()].flatMap((r) => Object.keys(r)))].sort();
const CASES = ACTIONS.flatMap((action) => faultsFor(action).map((fault) => ({ action, fault })));
let passed = 0;

afterEach(() => sim.faults.clear());
afterAll(async () => {
  console.log(`fault matrix: ${CASES.length} cases, ${passed} passed`);
  await sim.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

// Retried once: the demo account shares this process's CPU, and a rare stall past the timeout is the machine's, not the product's.
test.each(CASES)("$action × $fault", { timeout: 120_000, retry: 1 }, async ({ action, fault }) => {
  await reset();
  const needing = (id: string) => (needs.get(id)![action] ?? 0) > 0;
  const pages = Object.keys(PAGES).filter((page) => PAGES[page].some(needing));
  sim.faults.add({ action, fault, ...(fault === "latency" ? { latencyMs: TIMEOUT_MS + 500 } : {}) });
  const answers = await open(pages);

  const problems: string[] = [];
  for (const [id, { status, body }] of answers) {
    const failures = failuresIn(body);
    const said = `${id} answered ${status} ${JSON.stringify(failures.length ? failures : body).slice(0, 300)}`;
    if (status === 500 || (status >= 400 && !body.error?.action)) problems.push(`bare error: ${said}`);
    if (!needing(id)) {
      if (status !== 200 || failures.length || !PANELS[id].data(body)) problems.push(`should answer with data: ${said}`);
      continue;
    }
    if (status === 200 && failures.length === 0) problems.push(`should degrade: ${said}`);
    if (failures.some((f) => f.action !== action)) problems.push(`should name ${action}: ${said}`);
    if (failures.some((f) => !HINTS[fault](action).test(f.hint))) problems.push(`hint should match ${HINTS[fault](action)}: ${said}`);
    if (status === 200 && PANELS[id].partial && !PANELS[id].partial!(body)) problems.push(`should keep its other parts: ${said}`);
  }
  if (fault === "throttle") {
    const healthy = [...answers.keys()].reduce((n, id) => n + (needs.get(id)![action] ?? 0), 0);
    const calls = requests()[action] ?? 0;
    if (calls > MAX_ATTEMPTS * healthy) problems.push(`retry storm: ${calls} calls to ${action}, healthy ${healthy} × ${MAX_ATTEMPTS} attempts`);
  }
  expect(problems, `${action} × ${fault} on ${pages.join(", ")}`).toEqual([]);
  passed += 1;
});

test("latency below the timeout (300 ms on every action): every panel of every page still answers with data", { timeout: 300_000 }, async () => {
  await reset();
  sim.faults.add({ action: "*", fault: "latency", latencyMs: 300 });
  const answers = await open(Object.keys(PAGES));
  const slow = [...answers].filter(([id, a]) => a.status !== 200 || failuresIn(a.body).length || !PANELS[id].data(a.body));
  expect(slow.map(([id, a]) => `${id}: ${a.status} ${JSON.stringify(failuresIn(a.body)).slice(0, 300)}`)).toEqual([]);
});
