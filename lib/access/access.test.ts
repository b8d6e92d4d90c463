import { describe, expect, test } from "vitest";
import { accessFromEnv, isAuthorized, isLoopback, safeNext, sameSecret, sessionValue } from "@/lib/access/access";

const TOKEN = "0123456789abcdef-token";

describe("access", () => {
  test("loopback addresses", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"]) expect(isLoopback(h), h).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "example.com", "128.0.0.1"]) expect(isLoopback(h), h).toBe(false);
  });

  test("bound beyond loopback without a token: refused, naming the fix", () => {
    expect(accessFromEnv({}).problem).toBeNull();
    expect(accessFromEnv({}).host).toBe("127.0.0.1");
    expect(accessFromEnv({ HOST: "0.0.0.0" }).problem).toMatch(/HOST=0\.0\.0\.0 .*set LAMBDASCOPE_TOKEN/);
    expect(accessFromEnv({ HOST: "0.0.0.0", LAMBDASCOPE_TOKEN: TOKEN })).toEqual({ host: "0.0.0.0", token: TOKEN, proxy: null, problem: null });
    expect(accessFromEnv({ HOST: "0.0.0.0", LAMBDASCOPE_TOKEN: "short" }).problem).toMatch(/at least 16 characters/);
    // a token on loopback is honoured too
    expect(accessFromEnv({ LAMBDASCOPE_TOKEN: TOKEN }).token).toBe(TOKEN);
  });

  test("the cookie proves the token without holding it; bearer works for scripts", () => {
    const cookie = sessionValue(TOKEN);
    expect(cookie).not.toContain(TOKEN);
    expect(cookie).toMatch(/^[0-9a-f]{64}$/);
    expect(isAuthorized(TOKEN, cookie, null)).toBe(true);
    expect(isAuthorized(TOKEN, sessionValue("another-token-000000"), null)).toBe(false);
    expect(isAuthorized(TOKEN, undefined, `Bearer ${TOKEN}`)).toBe(true);
    expect(isAuthorized(TOKEN, undefined, `Bearer ${TOKEN}x`)).toBe(false);
    expect(isAuthorized(TOKEN, undefined, TOKEN)).toBe(false);
    expect(isAuthorized(TOKEN, undefined, null)).toBe(false);
    expect(sameSecret("a", "a")).toBe(true);
    expect(sameSecret("a", "ab")).toBe(false);
  });

  test("after sign-in only paths on this site", () => {
    expect(safeNext("/functions/x?range=24h")).toBe("/functions/x?range=24h");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", null]) expect(safeNext(bad)).toBe("/");
  });
});
