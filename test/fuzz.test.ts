import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/http/input"; // reads no configuration: safe to import before it is set
import { startSim, type RunningSim } from "@/sim/server";
import { fixedModel } from "@/sim/test/helpers";

// Hostile input at every API route (issue 8): each case must be a 400 naming the field and the
// reason, and the whole run must not send AWS a single request. Cases come from a table of the
// routes' fields × a short list of generators; a route or method missing from the table fails.

const ROOT = path.resolve(import.meta.dirname, "..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

// ── The routes' inputs ───────────────────────────────────────────────────────────────────────────

type Kind = "name" | "uuid" | "enum" | "int" | "number" | "month" | "instant" | "tagKey" | "tagValue" | "alarm" | "queryId" | "names" | "token" | "path";
type Field = { name: string; in: "query" | "path" | "body"; kind: Kind; valid: string | string[]; required?: boolean; maxLength?: number; min?: number; max?: number };
type Spec = { fields: Field[]; forms?: boolean; spans?: [string, string]; exclusive?: string[] };

const q = (name: string, kind: Kind, valid: string, more: Partial<Field> = {}): Field => ({ name, in: "query", kind, valid, ...more });
const NAME: Field = { name: "name", in: "path", kind: "name", valid: "checkout-api-prod", maxLength: 64 };
const RANGE = q("range", "enum", "1h");
const DAYS = q("days", "int", "14", { min: 1, max: 30 });
const TAG_KEY = q("tagKey", "tagKey", "service", { maxLength: 128 });
const RUN_ID: Field = { name: "runId", in: "path", kind: "uuid", valid: "3b241101-e2bb-4255-8caf-4136c566a962" };

const SPECS: Record<string, Spec> = {
  "GET /api/cost/by-tag": { fields: [TAG_KEY, q("from", "month", "2026-01"), q("to", "month", "2026-06"), q("metric", "enum", "UnblendedCost")], spans: ["from", "to"] },
  "GET /api/cost/estimate": {
    fields: [
      q("requests", "int", "3000000", { required: true, min: 0, max: 1e12 }),
      q("durationMs", "number", "120", { required: true, min: 0, max: 900_000 }),
      q("memoryMb", "int", "1536", { required: true, min: 128, max: 10_240 }),
      q("architecture", "enum", "x86_64", { required: true }),
      q("ephemeralStorageMb", "int", "1024", { min: 512, max: 10_240 }),
      q("provisionedConcurrency", "int", "2", { min: 0, max: 100_000 }),
      q("provisionedHours", "number", "24", { min: 0, max: 744 }),
      q("freeTier", "enum", "true"),
      q("region", "enum", "us-east-1"),
      q("logGb", "number", "10", { min: 0, max: 1e7 }),
      q("xrayTraces", "int", "1000", { min: 0, max: 1e12 }),
    ],
  },
  "GET /api/cost/functions": { fields: [{ ...TAG_KEY, required: true }, q("value", "tagValue", "checkout", { required: true, maxLength: 256 })] },
  "GET /api/cost/reconcile": { fields: [TAG_KEY] },
  "GET /api/fleet/log-stats": { fields: [RANGE] },
  "POST /api/fleet/log-stats": { fields: [{ name: "range", in: "body", kind: "enum", valid: "1h" }] },
  "GET /api/fleet/log-stats/[runId]": { fields: [RUN_ID] },
  "DELETE /api/fleet/log-stats/[runId]": { fields: [RUN_ID] },
  "GET /api/functions": {
    fields: [
      RANGE,
      q("sort", "enum", "invocations"),
      q("dir", "enum", "desc"),
      q("q", "name", "checkout", { maxLength: 64 }),
      q("status", "enum", "degraded"),
      ...["service", "env", "owner"].map((k) => q(k, "tagValue", "checkout", { maxLength: 256 })),
      q("offset", "int", "200", { min: 0, max: 1_000_000 }),
      q("limit", "int", "100", { min: 1, max: 1_000 }),
    ],
  },
  "GET /api/about/cost": { fields: [q("days", "int", "7", { min: 1, max: 31 })] },
  "GET /api/functions/[name]": { fields: [NAME] },
  "GET /api/functions/[name]/alarms": { fields: [NAME] },
  "GET /api/functions/[name]/cost": { fields: [NAME] },
  "GET /api/functions/[name]/metrics": { fields: [NAME, RANGE] },
  "GET /api/functions/[name]/rightsizing": { fields: [NAME, DAYS] },
  "GET /api/functions/[name]/runbook": {
    fields: [NAME, q("window", "enum", "1h"), q("from", "instant", "2026-11-23T09:00:00Z"), q("to", "instant", "2026-11-23T10:00:00Z"), q("alarm", "alarm", "checkout-api-prod-errors", { maxLength: 255 }), q("baselineDays", "int", "3", { min: 1, max: 7 })],
    spans: ["from", "to"],
    exclusive: ["window", "from", "alarm"],
  },
  "GET /api/insights/queries": { fields: [] },
  "GET /api/insights/runs/[runId]": { fields: [RUN_ID] },
  "DELETE /api/insights/runs/[runId]": { fields: [RUN_ID] },
  "POST /api/insights/runs": {
    fields: [
      { name: "query", in: "body", kind: "queryId", valid: "recent-errors", required: true, maxLength: 64 },
      { name: "functions", in: "body", kind: "names", valid: ["checkout-api-prod"], required: true },
      { name: "range", in: "body", kind: "enum", valid: "1h" },
    ],
  },
  "GET /api/inventory": { fields: [] },
  "GET /api/rightsizing": { fields: [DAYS] },
  "POST /api/session": {
    forms: true,
    fields: [
      { name: "token", in: "body", kind: "token", valid: "a-token-of-16-chars", required: true, maxLength: 512 },
      { name: "next", in: "body", kind: "path", valid: "/functions", maxLength: 2048 },
    ],
  },
  "DELETE /api/session": { fields: [] },
};

// ── Generators: hostile values per family, and the families that are hostile for each kind ───────

const HOMOGLYPHS: Record<string, string> = { a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", i: "і", s: "ѕ", h: "һ", "-": "‐" };
const nested = (depth: number): unknown => JSON.parse("[".repeat(depth) + "]".repeat(depth));
const text = (f: Field) => String(Array.isArray(f.valid) ? f.valid[0] : f.valid);

const FAMILIES: Record<string, (f: Field) => unknown[]> = {
  empty: () => [""],
  malformed: () => [" ", "%", "%00", "[object Object]", "{}", "[]"],
  numeric: () => ["1e309", "-1e309", "NaN", "Infinity", "-Infinity", "-1", "0x10", "0b11", "0o17", "1_000", "1,000", "+", ".", " 1", "1 "],
  fraction: () => ["1.5", "0.999"],
  outOfRange: (f) => [f.min! - 1, f.max! + 1, f.max! * 1000].map(String),
  enumRange: () => ["0h", "-1h", "999d", "1y", "all", "24H", "P1D", "1h,24h", "1 h", "-24h", "1e309h"],
  month: () => ["2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", "-2026-01", "+02026-01", "2026/01"],
  instant: () => ["yesterday", "2026-11-20", "1700000000", "2026-11-20T10:00:00", "2026-11-20 10:00:00Z", "2026-11-20T25:00:00Z", "2026-11-20T10:00:00+25:00"],
  injection: () => ["a'b", 'a"b', "a|b", "a`id`b", "| filter @message like /x/", "fields @message", "stats count(*) by bin(5m)", "../../etc/passwd", "..%2F..%2Fetc", "<script>alert(1)</script>", "a;b", "$(id)", "${jndi:x}", "a b", "a*", "a/b", "a\\b"],
  tagChars: () => ["a$b", "a|b", "<script>", 'a"b', "a'b", "a`b", "a;b", "a(b)", "a*b", "a,b", "a#b", "a%b", "a\\b", "a!b", "a?b", "a&b", "a~b", "a^b", "stats count(*)"],
  openRedirect: () => ["//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "/a b", "/é"],
  control: (f) => ["\n", "\u0000", "\r", "\u001b[2J", "\t", "\u007f"].map((c) => text(f) + c + "x"),
  lookalike: (f) => [[...text(f)].map((c) => HOMOGLYPHS[c] ?? c).join(""), [...text(f)].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join("")].filter((v) => v !== text(f)),
  invisible: (f) => [text(f) + "\u200b", "\u202e" + text(f), "\ufeff" + text(f), text(f).slice(0, 1) + "\u00ad" + text(f).slice(1), text(f) + "\u2060"],
  oversized: (f) => [...(f.maxLength ? [f.maxLength + 1] : []), 100_000].map((n) => text(f).padEnd(n, "a")),
  repeated: (f) => [[text(f), text(f)]], // a key given twice (query string, form)
  jsonTypes: (f) => [5, -1, 1e308, true, false, null, {}, [], { $ne: null }, [text(f)], nested(1_000)], // wrong JSON types
  arrays: (f) => [[], text(f), Array(51).fill(text(f)), Array(5_000).fill("a"), [5], [null], [{}], [[text(f)]], { 0: text(f) }, nested(1_000)],
  elements: () => KINDS.name.flatMap((family) => FAMILIES[family]({ ...NAME, valid: "checkout-api-prod" })).filter((v) => typeof v === "string").map((v) => [v]),
};

const TEXT = ["malformed", "injection", "control", "lookalike", "invisible", "oversized"];
const KINDS: Record<Kind, string[]> = {
  name: ["empty", ...TEXT],
  uuid: ["empty", "numeric", ...TEXT],
  enum: ["empty", "numeric", "enumRange", ...TEXT, "repeated", "jsonTypes"],
  int: ["empty", "numeric", "fraction", "outOfRange", ...TEXT, "repeated"],
  number: ["empty", "numeric", "outOfRange", ...TEXT, "repeated"],
  month: ["empty", "numeric", "month", ...TEXT, "repeated"],
  instant: ["empty", "numeric", "instant", ...TEXT, "repeated"],
  tagKey: ["empty", "tagChars", "control", "invisible", "oversized", "repeated"],
  tagValue: ["tagChars", "control", "invisible", "oversized", "repeated"], // "" is a tag value
  alarm: ["empty", "control", "oversized", "repeated"], // any other text may name an alarm
  queryId: ["empty", ...TEXT, "jsonTypes"],
  names: ["arrays", "elements"],
  token: ["empty", "oversized", "repeated", "jsonTypes"], // any other text is a (wrong) token
  path: ["empty", ...TEXT, "openRedirect", "repeated", "jsonTypes"],
};

// ── Cases ────────────────────────────────────────────────────────────────────────────────────────

type Body = { json: unknown } | { raw: string | Uint8Array; type?: string } | { form: [string, string][] } | { stream: number };
type Case = { route: string; label: string; query: [string, string][]; params: Record<string, string>; body?: Body; expect: string[]; prefix?: boolean; unknown?: boolean };

const HOUR_MS = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
const month = (monthsAgo: number) => { const d = new Date(); d.setUTCDate(1); d.setUTCMonth(d.getUTCMonth() - monthsAgo); return d.toISOString().slice(0, 7); };
const SPAN_CASES: Record<"month" | "instant", [string, string | undefined, string | undefined][]> = {
  month: [["reversed", month(1), month(3)], ["13 months", month(12), month(0)], ["huge", "0001-01", "9999-12"], ["future", "2999-01", "2999-12"], ["ancient", "1900-01", "1900-12"], ["from only, far back", "1900-01", undefined], ["to only, future", undefined, "9999-12"], ["to only, before the default from", undefined, month(20)]],
  instant: [["reversed", iso(Date.now() - HOUR_MS), iso(Date.now() - 2 * HOUR_MS)], ["empty", iso(Date.now() - HOUR_MS), iso(Date.now() - HOUR_MS)], ["huge", "1970-01-01T00:00:00Z", "2100-01-01T00:00:00Z"], ["25 hours", iso(Date.now() - 25 * HOUR_MS), iso(Date.now())], ["future", iso(Date.now() + 24 * HOUR_MS), iso(Date.now() + 25 * HOUR_MS)], ["from only", iso(Date.now() - HOUR_MS), undefined], ["to only", undefined, iso(Date.now())]],
};

const pairs = (name: string, value: unknown) => [value as string | string[]].flat().map((v): [string, string] => [name, v]);
// A field value too large for the body cap is refused as a body, before any field is looked at.
const tooLarge = (b?: Body) => !!b && Buffer.byteLength("json" in b ? JSON.stringify(b.json) : "form" in b ? String(new URLSearchParams(b.form)) : "") > MAX_BODY_BYTES;

function cases(route: string, spec: Spec): Case[] {
  const required = (except?: string) => spec.fields.filter((f) => f.required && f.name !== except);
  const queryOf = (fields: Field[]) => fields.filter((f) => f.in === "query").map((f): [string, string] => [f.name, text(f)]);
  const bodyOf = (fields: Field[]) => Object.fromEntries(fields.filter((f) => f.in === "body").map((f) => [f.name, f.valid]));
  const params = Object.fromEntries(spec.fields.filter((f) => f.in === "path").map((f) => [f.name, text(f)]));
  const hasBody = spec.fields.some((f) => f.in === "body");
  const out: Case[] = [];
  /** A case: valid values for the route's required fields (but `except`), changed as `c` says. */
  const add = (c: Pick<Case, "label" | "expect"> & Partial<Case>, except?: string) =>
    out.push({ route, query: queryOf(required(except)), params, body: hasBody ? { json: bodyOf(required(except)) } : undefined, ...c, ...(tooLarge(c.body) ? { expect: ["body"], prefix: false } : {}) });

  for (const field of spec.fields) {
    const { name } = field;
    const others = required(name);
    for (const family of KINDS[field.kind]) {
      if (family === "repeated" && (field.in === "path" || (field.in === "body" && !spec.forms))) continue;
      if (family === "jsonTypes" && field.in !== "body") continue;
      for (const value of FAMILIES[family](field)) {
        const c = { label: `${name} ${family} ${JSON.stringify(value)}`, expect: [name], prefix: field.kind === "names" };
        if (field.in === "path") add({ ...c, params: { ...params, [name]: value as string } }, name);
        if (field.in === "query") add({ ...c, query: [...queryOf(others), ...pairs(name, value)] }, name);
        if (field.in === "body" && family !== "repeated") add({ ...c, body: { json: { ...bodyOf(others), [name]: value } } }, name);
        // The sign-in form posts the same fields form-encoded: strings, and a key given twice.
        if (field.in === "body" && spec.forms && (typeof value === "string" || family === "repeated")) {
          add({ ...c, label: `${c.label} (form)`, body: { form: [...Object.entries(bodyOf(others)).flatMap(([k, v]) => pairs(k, v)), ...pairs(name, value)] } }, name);
        }
      }
    }
  }

  // Cross-field: spans reversed, huge, in the future or beyond history; choices that exclude each other.
  if (spec.spans) {
    const [from, to] = spec.spans;
    const kind = spec.fields.find((f) => f.name === from)!.kind as "month" | "instant";
    for (const [label, a, b] of SPAN_CASES[kind]) add({ label: `span ${label}: ${a}…${b}`, query: [...queryOf(required()), ...(a ? pairs(from, a) : []), ...(b ? pairs(to, b) : [])], expect: spec.spans });
  }
  const choices = spec.exclusive ?? [];
  for (const [i, a] of choices.entries()) {
    for (const b of choices.slice(i + 1)) {
      const chosen = spec.fields.filter((f) => [a, b].includes(f.name) || ([a, b].includes(spec.spans?.[0] ?? "") && f.name === spec.spans?.[1]));
      add({ label: `both ${a} and ${b}`, query: [...queryOf(required()), ...queryOf(chosen)], expect: [...choices, ...(spec.spans ?? [])] });
    }
  }

  // Unknown parameters in the query of every route (a path parameter repeated there too), and in JSON bodies.
  const known = spec.fields.find((f) => f.in === "query")?.name ?? "range";
  const extras = ["x", "__proto__", "constructor", "toString", "", known[0].toUpperCase() + known.slice(1), `${known}[]`, `${known}[x]`, ...Object.keys(params)];
  for (const key of extras) add({ label: `unknown parameter ${JSON.stringify(key)}`, query: [...queryOf(required()), [key, params[key] ?? "1"]], expect: [key || '""'], unknown: true });
  if (!hasBody) return out;
  const valid = JSON.stringify(bodyOf(required()));
  for (const extra of ['"x":1', '"__proto__":{"admin":true}', '"constructor":{"prototype":{}}']) {
    add({ label: `unknown body field ${extra}`, body: { raw: `${valid.slice(0, -1)}${valid === "{}" ? "" : ","}${extra}}`, type: "application/json" }, expect: [extra.split('"')[1]], unknown: true });
  }
  // The body as a whole: not JSON, the wrong shape, deeply nested, too large.
  const json = (raw: string | Uint8Array): Body => ({ raw, type: "application/json" });
  const whole: [string, Body][] = [
    ...["", "not json", "{", "[", "{'query':'x'}", '{"query":"x",}', "NaN", "\u0000", "query=x&functions=y"].map((raw): [string, Body] => [JSON.stringify(raw), json(raw)]),
    ["invalid UTF-8", json(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))],
    ...["[]", '"x"', "5", "null", "true", `[${valid}]`].map((raw): [string, Body] => [`shape ${raw}`, json(raw)]),
    ["nested 20,000 deep", json("[".repeat(20_000) + "]".repeat(20_000))],
    ["64 KB + 1", json(`{"x":"${"a".repeat(MAX_BODY_BYTES)}"}`)],
    ["10 MB, streamed", { stream: 10 * 1024 * 1024 }],
  ];
  if (spec.forms) whole.push(["form, 10 MB", { raw: `token=${"a".repeat(10 * 1024 * 1024)}`, type: "application/x-www-form-urlencoded" }], ["text/plain", { raw: "token=x", type: "text/plain" }]);
  for (const [label, body] of whole) add({ label: `body ${label}`, body, expect: ["body"] });
  return out;
}

// ── Running a case against the route handler ─────────────────────────────────────────────────────

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
const pulled = { bytes: 0 };

function request(c: Case): Request {
  const [method, pattern] = c.route.split(" ");
  const url = new URL(`http://127.0.0.1${pattern.replace(/\[(\w+)\]/g, (_, p) => encodeURIComponent(c.params[p]))}`);
  for (const [k, v] of c.query) url.searchParams.append(k, v);
  const b = c.body;
  if (!b) return new Request(url, { method });
  if ("json" in b) return new Request(url, { method, body: JSON.stringify(b.json), headers: { "content-type": "application/json" } });
  if ("form" in b) return new Request(url, { method, body: new URLSearchParams(b.form) });
  if ("raw" in b) return new Request(url, { method, body: b.raw as BodyInit, headers: b.type ? { "content-type": b.type } : {} });
  // A body that arrives in chunks with no Content-Length: the reader must stop, not buffer it all.
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  pulled.bytes = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (pulled.bytes >= b.stream) return ctl.close();
      pulled.bytes += chunk.byteLength;
      ctl.enqueue(chunk);
    },
  });
  return new Request(url, { method, body: stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
}

const show = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}… (${s.length} chars)` : s);

/** What is wrong with the answer to `c`, or null. */
async function check(handlers: Map<string, Handler>, c: Case): Promise<string | null> {
  let res: Response;
  try {
    res = await handlers.get(c.route)!(request(c), { params: Promise.resolve(c.params) });
  } catch (err) {
    return `threw ${String(err).slice(0, 200)}`;
  }
  const body = (await res.json().catch(() => null)) as { error?: { field?: unknown; reason?: unknown } } | null;
  const { field, reason } = body?.error ?? {};
  if (res.status !== 400) return `status ${res.status}: ${show(JSON.stringify(body))}`;
  if (typeof field !== "string" || !c.expect.some((e) => field === e || (c.prefix && field.startsWith(`${e}.`)))) return `field ${JSON.stringify(field)}, expected ${c.expect.join(" or ")} (${show(String(reason))})`;
  if (typeof reason !== "string" || !/\p{L}{2,}.*\s/u.test(reason) || reason.length > 300) return `reason is not a short sentence: ${show(JSON.stringify(reason))}`;
  if (!c.unknown && reason === "unknown parameter") return `the route does not know the field ${field}: fix the table`;
  if ("stream" in (c.body ?? {}) && pulled.bytes > 2 * MAX_BODY_BYTES) return `read ${pulled.bytes} bytes of a too-large body`;
  return null;
}

// ── The run ──────────────────────────────────────────────────────────────────────────────────────

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

let sim: RunningSim;
const handlers = new Map<string, Handler>();
const routes = routeFiles(path.join(ROOT, "app/api")).map((file) => ({ file, pattern: "/" + path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/") }));

beforeAll(async () => {
  sim = await startSim({ port: 0, model: fixedModel() });
  // Configuration is read once, when the app's modules first load: set it before importing them.
  Object.assign(process.env, { AWS_ENDPOINT_URL: sim.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo", LAMBDASCOPE_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "lambdascope-fuzz-")) });
  for (const r of routes) {
    const mod = (await import(r.file)) as Record<string, Handler>;
    for (const m of METHODS) if (typeof mod[m] === "function") handlers.set(`${m} ${r.pattern}`, mod[m]);
  }
}, 60_000);
afterAll(() => sim?.close());

test("every route and method has a fuzz spec (and every spec a route)", () => {
  expect([...handlers.keys()].filter((k) => !SPECS[k]), "add these to SPECS in test/fuzz.test.ts").toEqual([]);
  expect(Object.keys(SPECS).filter((k) => !handlers.has(k)), "no such route or method").toEqual([]);
});

test("hostile input: a 400 naming the field and why, never a 5xx, and zero AWS requests", async () => {
  const all = Object.entries(SPECS).flatMap(([route, spec]) => cases(route, spec));
  // Should a case get through to AWS anyway, it is denied at once (and still counted), so a
  // regression fails fast instead of running scans for minutes.
  sim.faults.add({ action: "*", fault: "accessDenied" });
  sim.meter.reset();
  const failures: string[] = [];
  for (const c of all) {
    const problem = await check(handlers, c);
    if (problem) failures.push(`${c.route} · ${show(c.label)}: ${problem}`);
  }
  const awsRequests = sim.meter.snapshot().requests;
  console.log(`fuzz: ${all.length} cases across ${routes.length} routes`);
  expect(failures).toEqual([]);
  expect(awsRequests, "a bad input reached AWS").toEqual({});

  // The meter does see the app: one good request afterwards is counted.
  sim.faults.clear();
  const ok = await handlers.get("GET /api/functions/[name]")!(new Request("http://127.0.0.1/api/functions/checkout-api-prod"), { params: Promise.resolve({ name: "checkout-api-prod" }) });
  expect(ok.status).toBe(200);
  expect(Object.keys(sim.meter.snapshot().requests).length).toBeGreaterThan(0);
}, 300_000);
