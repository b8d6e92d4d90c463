// Every page and API route passes here first (Next.js Proxy, Node runtime).
// Access: open on loopback; with LAMBDASCOPE_TOKEN only signed-in browsers and bearer-token scripts;
// with LAMBDASCOPE_AUTH_PROXY only requests the named sign-in proxy vouches for (lib/access/identity.ts).
// CSP: scripts only from this origin or carrying this response's nonce, which Next puts on its own
// inline bootstrap scripts (it reads the nonce from the request's CSP header); nothing may frame us.
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE, accessFromEnv, isAuthorized } from "@/lib/access/access";
import { USER_HEADER, proxyIdentity } from "@/lib/access/identity";

const PUBLIC_PATHS = new Set(["/sign-in", "/api/session"]);

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'", // React style props and recharts set inline styles
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function proxy(req: NextRequest) {
  const csp = contentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString("base64"));
  const withCsp = (res: NextResponse | Response) => (res.headers.set("content-security-policy", csp), res);
  const access = accessFromEnv(process.env);
  // Misconfigured: fail closed (instrumentation.ts stops the server from starting at all).
  if (access.problem) return withCsp(new NextResponse(access.problem, { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } }));
  const user = access.proxy ? await proxyIdentity(access.proxy, req.headers) : null;
  const tokenOk = access.token !== null && isAuthorized(access.token, req.cookies.get(SESSION_COOKIE)?.value, req.headers.get("authorization"));
  const open = (access.token === null && access.proxy === null) || user !== null || tokenOk || PUBLIC_PATHS.has(req.nextUrl.pathname);
  if (open) {
    const headers = new Headers(req.headers);
    headers.set("content-security-policy", csp);
    headers.delete(USER_HEADER); // only the proxy's verified identity, never the client's claim
    if (user !== null) headers.set(USER_HEADER, user);
    return withCsp(NextResponse.next({ request: { headers } }));
  }
  // Behind a sign-in proxy without a token, there is no sign-in page here: the proxy signs users in.
  if (access.token === null) {
    const reason = `not signed in through ${access.proxy!.kind}: open the dashboard through the proxy`;
    return withCsp(req.nextUrl.pathname.startsWith("/api/") ? NextResponse.json({ error: { field: "authorization", reason } }, { status: 401 }) : new NextResponse(reason, { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } }));
  }
  if (req.nextUrl.pathname.startsWith("/api/")) {
    return withCsp(NextResponse.json({ error: { field: "authorization", reason: "sign in at /sign-in, or send Authorization: Bearer <LAMBDASCOPE_TOKEN>" } }, { status: 401 }));
  }
  const signIn = new URL("/sign-in", req.url);
  signIn.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
  return withCsp(NextResponse.redirect(signIn, 303));
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"] };
