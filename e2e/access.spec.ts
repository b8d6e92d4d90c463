import type { ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startServer, stopServer, waitUntilServing } from "./servers";

// Access control and security headers, against the built app started as a user would (`npm start`),
// with LAMBDASCOPE_TOKEN set, on its own port; AWS is the e2e suite's demo account.
const PORT = 3105;
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN = "e2e-token-0123456789abcdef";
const ROOT = path.resolve(import.meta.dirname, "..");

const start = (env: Record<string, string>, host = "127.0.0.1", port = PORT): ChildProcess => startServer("scripts/start.mjs", ROOT, { HOST: host, PORT: String(port), ...env });
const stop = stopServer;

/** Every page and API route in app/, as a URL (dynamic segments filled with real values). */
function routes(): { url: string; api: boolean }[] {
  const out: { url: string; api: boolean }[] = [];
  const walk = (dir: string, parts: string[]) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name), [...parts, e.name.replace("[name]", "checkout-api-prod").replace("[runId]", "no-such-run")]);
      else if (e.name === "page.tsx" || e.name === "route.ts") out.push({ url: `/${parts.join("/")}`, api: e.name === "route.ts" });
    }
  };
  walk(path.join(ROOT, "app"), []);
  return out;
}


test.describe("with LAMBDASCOPE_TOKEN", () => {
  let server: ChildProcess;
  test.beforeAll(async () => {
    // a low rate limit, so that one test can reach it
    server = start({ LAMBDASCOPE_TOKEN: TOKEN, LAMBDASCOPE_RATE_LIMIT_PER_MIN: "3" });
    await waitUntilServing(`${BASE}/sign-in`);
  });
  test.afterAll(() => stop(server));

  test("every page and API route refuses a request without the token", async () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(20);
    for (const r of all) {
      const res = await fetch(`${BASE}${r.url}`, { redirect: "manual" });
      if (r.url === "/sign-in") expect(res.status).toBe(200);
      else if (r.url === "/api/session") expect(res.status, r.url).toBe(405); // POST and DELETE only
      else if (r.api) {
        expect(res.status, r.url).toBe(401);
        expect(await res.json()).toMatchObject({ error: { field: "authorization" } });
      } else {
        expect(res.status, r.url).toBe(303);
        expect(res.headers.get("location"), r.url).toContain(`/sign-in?next=${encodeURIComponent(r.url)}`);
      }
    }
    // with the token as a bearer, a script gets past the gate (one cheap route: the others scan logs)
    expect((await fetch(`${BASE}/api/inventory`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`${BASE}/api/inventory`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
  });

  test("expensive APIs: a client's 4th Logs Insights request in a minute gets 429 and when to retry", async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const body = JSON.stringify({ query: "cold-start-rate", functions: ["checkout-api-prod"], range: "1h" });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${BASE}/api/insights/runs`, { method: "POST", headers, body });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error).toMatchObject({ field: "rate", reason: expect.stringContaining("at most 3 Logs Insights requests a minute") });
    // bad input is refused before it is counted, and cheap APIs are not limited
    expect((await fetch(`${BASE}/api/insights/runs`, { method: "POST", headers, body: "{}" })).status).toBe(400);
    expect((await fetch(`${BASE}/api/inventory`, { headers })).status).toBe(200);
  });

  test("signing in once: a wrong token is refused, the right one sets an HttpOnly cookie and returns to the page", async ({ page, context }) => {
    // a page that asks AWS for nothing, so nothing is left in flight when the server stops
    await page.goto(`${BASE}/calculator?memoryMb=1024`);
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel("Token").fill("not-the-token-at-all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("sign-in-error")).toBeVisible();
    await page.getByLabel("Token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${BASE}/calculator?memoryMb=1024`);
    await expect(page.getByLabel("Memory (MB)")).toHaveValue("1024");
    const cookie = (await context.cookies()).find((c) => c.name === "lambdascope_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(cookie.value).not.toContain(TOKEN);
    expect(await page.evaluate(() => document.cookie)).not.toContain("lambdascope_session");
  });
});

test.describe("behind oauth2-proxy (trusted identity headers)", () => {
  const PROXY_PORT = PORT + 1;
  const PROXY_BASE = `http://127.0.0.1:${PROXY_PORT}`;
  const SECRET = "e2e-proxy-secret-0123456789";
  const asProxy = { "x-lambdascope-proxy-secret": SECRET, "x-forwarded-email": "ana@example.com" };
  let server: ChildProcess;
  test.beforeAll(async () => {
    // bound beyond loopback: the named proxy is the access control that lets it start
    server = start({ LAMBDASCOPE_AUTH_PROXY: "oauth2-proxy", LAMBDASCOPE_AUTH_PROXY_SECRET: SECRET }, "0.0.0.0", PROXY_PORT);
    await waitUntilServing(`${PROXY_BASE}/api/session`);
  });
  test.afterAll(() => stop(server));

  test("every page and API route refuses requests the proxy did not vouch for", async () => {
    const forged = { "x-forwarded-email": "admin@example.com", "x-lambdascope-user": "admin@example.com" };
    for (const r of routes().filter((r) => r.url !== "/sign-in" && r.url !== "/api/session")) {
      for (const headers of [{}, forged, { ...forged, "x-lambdascope-proxy-secret": `${SECRET}x` }]) {
        const res = await fetch(`${PROXY_BASE}${r.url}`, { redirect: "manual", headers });
        expect(res.status, `${r.url} ${JSON.stringify(headers)}`).toBe(401);
        if (r.api) expect(await res.json()).toMatchObject({ error: { field: "authorization" } });
      }
    }
  });

  test("a user the proxy signed in sees the dashboard under their name, never a name the client made up", async ({ page }) => {
    await page.setExtraHTTPHeaders({ ...asProxy, "x-lambdascope-user": "admin@example.com" });
    await page.goto(`${PROXY_BASE}/calculator?memoryMb=1024`);
    await expect(page.getByTestId("signed-in-user")).toHaveText("ana@example.com");
    await expect(page.getByLabel("Memory (MB)")).toHaveValue("1024");
    expect((await fetch(`${PROXY_BASE}/api/inventory`, { headers: asProxy })).status).toBe(200);
  });
});

test("the sign-in route names bad input", async ({ request }) => {
  for (const [data, field] of [[{ token: "" }, "token"], [{ token: "x".repeat(600) }, "token"], [{ token: "a-token", admin: true }, "admin"]] as const) {
    const res = await request.post("/api/session", { data });
    expect(res.status(), JSON.stringify(data).slice(0, 40)).toBe(400);
    expect((await res.json()).error.field).toBe(field);
  }
});

test("bound beyond loopback without a token, the dashboard refuses to start and says why", async () => {
  const server = start({}, "0.0.0.0");
  let stderr = "";
  server.stderr!.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => server.on("exit", resolve));
  expect(code).toBe(1);
  expect(stderr).toContain("HOST=0.0.0.0");
  expect(stderr).toContain("LAMBDASCOPE_TOKEN");
});

test("security headers: a nonce CSP without inline script, no framing, nosniff, no referrer", async ({ page, request }) => {
  const res = await request.get("/");
  const csp = res.headers()["content-security-policy"];
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["referrer-policy"]).toBe("no-referrer");
  // a fresh nonce each response
  expect((await request.get("/")).headers()["content-security-policy"]).not.toBe(csp);
  // and the app still runs under it: the calculator computes in the browser (and asks AWS for nothing
  // that could still be in flight when the next spec meters its calls)
  const violations: string[] = [];
  page.on("console", (m) => m.text().includes("Content Security Policy") && violations.push(m.text()));
  await page.goto("/calculator");
  await expect(page.getByTestId("total-usd")).toHaveText("$2.73");
  await page.getByLabel("Memory (MB)").fill("3072");
  await expect(page.getByTestId("total-usd")).not.toHaveText("$2.73");
  expect(violations).toEqual([]);
});
