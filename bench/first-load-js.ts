// `npx tsx bench/first-load-js.ts` (after `next build`): the gzipped JavaScript each page makes the
// browser fetch on first load, against the budget. Next 16 no longer prints these sizes.
//
// Why the served HTML and not .next's manifests: the manifests list a route's chunks, but which
// client chunks a page needs depends on what its server components render (a next/dynamic chart
// that is not rendered on the server adds nothing; one that is rendered is preloaded). The HTML is
// exactly what the browser acts on. First-load JS = every `<script src="/_next/static/…js">` in it
// (except `noModule` polyfills, which modern browsers skip) plus the client-reference chunks named
// in its RSC payload (React loads those before hydrating; Next emits them as scripts too).
// Each file is gzipped from .next/static at zlib level 9; kB = 1,000 bytes (as Next used to print).
//
// With Chromium available (CHROMIUM_PATH, else /usr/bin/chromium) each page is also opened in a
// headless browser and the JS fetched after the HTML's own chunks is reported as "lazy": the
// chunks next/dynamic loads once data arrives (e.g. recharts).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = path.resolve(import.meta.dirname, "..");
const STATIC_DIR = path.join(ROOT, ".next", "static");
export const BUDGET_KB = { "/functions/[name]": 250 } as Record<string, number>;

export type PageJs = { path: string; gzipBytes: number; files: string[] };

const gzipCache = new Map<string, number>();
/** Gzipped size of one `/_next/static/…` file, read from the build output. */
export function gzipBytesOf(url: string): number {
  let n = gzipCache.get(url);
  if (n === undefined) {
    const file = path.join(STATIC_DIR, url.replace(/^\/_next\/static\//, ""));
    n = gzipSync(readFileSync(file), { level: 9 }).length;
    gzipCache.set(url, n);
  }
  return n;
}

/** The JS URLs a page's HTML makes the browser load before hydration, in order of appearance. */
export function firstLoadScripts(html: string): string[] {
  const urls = new Set<string>();
  const noModule = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(tag)?.[1];
    if (src) (/\bnoModule\b/i.test(tag) ? noModule : urls).add(src);
  }
  // Client-reference chunks in the RSC payload (inside JS strings, hence the escaped quotes).
  for (const m of html.matchAll(/\\?"(\/_next\/static\/chunks\/[^"\\]+\.js)\\?"/g)) urls.add(m[1]);
  return [...urls].filter((u) => !noModule.has(u));
}

/** First-load JS per path of a running dashboard; a path that does not answer 200 is left out. */
export async function firstLoadJs(baseUrl: string, paths: string[]): Promise<PageJs[]> {
  const out: PageJs[] = [];
  for (const p of paths) {
    const res = await fetch(new URL(p, baseUrl), { redirect: "manual" });
    if (res.status !== 200) continue;
    const files = firstLoadScripts(await res.text());
    out.push({ path: p, files, gzipBytes: files.reduce((sum, f) => sum + gzipBytesOf(f), 0) });
  }
  return out;
}

/** JS the page fetches after its HTML's own chunks, within `settleMs` of the network going quiet. */
export async function lazyJs(baseUrl: string, pages: PageJs[], executablePath: string, settleMs = 2_000): Promise<Map<string, string[]>> {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  const lazy = new Map<string, string[]>();
  try {
    for (const page of pages) {
      const tab = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const seen = new Set<string>();
      tab.on("request", (r) => {
        const u = new URL(r.url());
        if (u.pathname.startsWith("/_next/static/") && u.pathname.endsWith(".js")) seen.add(u.pathname);
      });
      await tab.goto(new URL(page.path, baseUrl).href, { waitUntil: "load" });
      // Insights panels poll, so the network may never idle for long: bounded wait, then settle.
      await tab.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
      await tab.waitForTimeout(settleMs);
      lazy.set(page.path, [...seen].filter((f) => !page.files.includes(f)));
      await tab.close();
    }
  } finally {
    await browser.close();
  }
  return lazy;
}

/** Route pattern → a concrete path on the demo account. */
export const DEMO_PAGES: Record<string, string> = {
  "/": "/",
  "/functions/[name]": "/functions/checkout-api-prod",
  "/functions/[name]/runbook": "/functions/checkout-api-prod/runbook",
  "/cost": "/cost",
  "/rightsizing": "/rightsizing",
  "/calculator": "/calculator",
  "/queries": "/queries",
  "/about/cost": "/about/cost",
};

const kB = (bytes: number) => (bytes / 1000).toFixed(1);

/** The first-load table (Markdown) of a running dashboard; `over`: pages over their budget. */
export async function firstLoadTable(baseUrl: string): Promise<{ table: string; over: number; pages: PageJs[] }> {
  const lines: string[] = [];
  const routes = Object.keys(DEMO_PAGES);
  const pages = await firstLoadJs(baseUrl, Object.values(DEMO_PAGES));
  const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  const lazy = existsSync(chromiumPath) ? await lazyJs(baseUrl, pages, chromiumPath) : undefined;
  lines.push(`First-load JS, gzip level 9 (kB = 1,000 bytes)${lazy ? "; lazy = JS fetched after load, in Chromium" : ""}`, "");
  lines.push(`| route | first-load JS (gzip) | files |${lazy ? " lazy JS (gzip) |" : ""} budget |`);
  lines.push(`|---|---:|---:|${lazy ? "---:|" : ""}---|`);
  let over = 0;
  for (const route of routes) {
    const page = pages.find((p) => p.path === DEMO_PAGES[route]);
    if (!page) continue;
    const budget = BUDGET_KB[route];
    const verdict = budget === undefined ? "" : page.gzipBytes <= budget * 1000 ? `≤ ${budget} kB ✓` : `> ${budget} kB ✗`;
    if (budget !== undefined && page.gzipBytes > budget * 1000) over++;
    const lazyFiles = lazy?.get(page.path) ?? [];
    const lazyCell = lazy ? ` ${kB(lazyFiles.reduce((s, f) => s + gzipBytesOf(f), 0))} kB (${lazyFiles.length}) |` : "";
    lines.push(`| \`${route}\` | ${kB(page.gzipBytes)} kB | ${page.files.length} |${lazyCell} ${verdict} |`);
  }
  const missing = routes.filter((r) => !pages.some((p) => p.path === DEMO_PAGES[r]));
  if (missing.length) lines.push("", `Not served (no such page): ${missing.join(", ")}`);
  return { table: lines.join("\n"), over, pages };
}

async function main() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No build: run `npx next build` first.");
  // The built app against the demo account, as the e2e suite runs it, on ports of its own.
  const port = Number(process.env.PORT ?? 3300);
  const simPort = Number(process.env.SIM_PORT ?? 4800);
  const baseUrl = `http://127.0.0.1:${port}`;
  const demo = spawn(process.execPath, ["scripts/demo.mjs"], {
    cwd: ROOT, stdio: "ignore", detached: true,
    env: { ...process.env, PORT: String(port), SIM_PORT: String(simPort), SKIP_BUILD: "1" },
  });
  // The whole process group (demo.mjs, the demo account, the dashboard), as e2e/servers.ts does.
  const stop = () => { try { process.kill(-demo.pid!, "SIGKILL"); } catch { /* gone */ } };
  try {
    for (let i = 0; !(await fetch(baseUrl).then((r) => r.status < 500, () => false)); i++) {
      if (i > 300) throw new Error(`${baseUrl} did not start`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const { table, over, pages } = await firstLoadTable(baseUrl);
    console.log(`\n${table}`);
    if (process.argv.includes("--files")) for (const p of pages) console.log(`\n${p.path}\n${p.files.map((f) => `  ${kB(gzipBytesOf(f)).padStart(6)} kB  ${f}`).join("\n")}`);
    process.exitCode = over ? 1 : 0;
  } finally {
    stop();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
