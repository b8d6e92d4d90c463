import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Access control and security headers, against the built app started as a user would (`next start`),
// with LAMBDASCOPE_TOKEN set, on its own port; AWS is the e2e suite's demo account.
const PORT = 3105;
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN = "e2e-token-0123456789abcdef";
const ROOT = path.resolve(import.meta.dirname, "..");
const NEXT = path.join(ROOT, "node_modules", ".bin", "next");

function start(env: Record<string, string>, host = "127.0.0.1"): ChildProcess {
  const awsEnv = { AWS_ENDPOINT_URL: process.env.E2E_SIM_URL!, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo", NEXT_TELEMETRY_DISABLED: "1" };
  // Its own process group: `next start` runs the server in a child, and both must go when the test ends.
  return spawn(NEXT, ["start", "-p", String(PORT), "-H", host], { cwd: ROOT, env: { ...process.env, ...awsEnv, HOST: host, ...env }, stdio: "pipe", detached: true });
}

const stop = (p: ChildProcess) => {
  try {
    process.kill(-p.pid!, "SIGKILL");
  } catch {
    // already gone
  }
};

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
    server = start({ LAMBDASCOPE_TOKEN: TOKEN });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${BASE}/sign-in`).then((r) => r.ok, () => false)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the token-protected server did not start");
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
