// Who may use the dashboard. Bound to loopback (the default) it is open; bound to any other address
// it must have a token (LAMBDASCOPE_TOKEN) or a trusted sign-in proxy (identity.ts), or it refuses to start (instrumentation.ts) and to serve
// (proxy.ts). The token is entered once on /sign-in and kept as an HMAC of it in an HttpOnly cookie,
// or sent as `Authorization: Bearer` by scripts. Node-only (node:crypto): proxy.ts runs on Node.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { authProxyFromEnv, type AuthProxy } from "@/lib/access/identity";

export const SESSION_COOKIE = "lambdascope_session";
export const SESSION_MAX_AGE_S = 7 * 24 * 3600;
const MIN_TOKEN_LENGTH = 16;

export type Access = { host: string; token: string | null; proxy: AuthProxy | null; problem: string | null };

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

export function accessFromEnv(env: Record<string, string | undefined>): Access {
  const host = env.HOST?.trim() || "127.0.0.1";
  const token = env.LAMBDASCOPE_TOKEN ?? null;
  const refused = (problem: string): Access => ({ host, token: null, proxy: null, problem });
  if (token !== null && token.length < MIN_TOKEN_LENGTH) return refused(`LAMBDASCOPE_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`);
  const { proxy, problem } = authProxyFromEnv(env);
  if (problem) return refused(problem);
  if (!isLoopback(host) && token === null && proxy === null) {
    return refused(`HOST=${host} lets other machines connect, and Lambdascope shows your AWS account: set LAMBDASCOPE_TOKEN (at least ${MIN_TOKEN_LENGTH} characters), or LAMBDASCOPE_AUTH_PROXY for a sign-in proxy, or bind to 127.0.0.1`);
  }
  return { host, token, proxy, problem: null };
}

/** What the session cookie holds: proof of the token, not the token. */
export function sessionValue(token: string): string {
  return createHmac("sha256", token).update("lambdascope-session-v1").digest("hex");
}

/** Constant-time equality (hashes first, so lengths never leak either). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash("sha256").update(given).digest(), createHash("sha256").update(expected).digest());
}

/** Whether a request carries the token: the session cookie, or `Authorization: Bearer <token>`. */
export function isAuthorized(token: string, cookie: string | undefined, authorization: string | null): boolean {
  if (cookie !== undefined && sameSecret(cookie, sessionValue(token))) return true;
  const bearer = authorization?.match(/^Bearer (.+)$/)?.[1];
  return bearer !== undefined && sameSecret(bearer, token);
}

/** Where to go after signing in: a path on this site only (no `//host` or scheme). */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
}
