// Every page and API route passes here first (Next.js Proxy, Node runtime).
// Access: open on loopback; with LAMBDASCOPE_TOKEN only signed-in browsers and bearer-token scripts.
// CSP: scripts only from this origin or carrying this response's nonce, which Next puts on its own
// inline bootstrap scripts (it reads the nonce from the request's CSP header); nothing may frame us.
import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE, accessFromEnv, isAuthorized } from "@/lib/access/access";

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

export function proxy(req: NextRequest) {
  const csp = contentSecurityPolicy(Buffer.from(crypto.randomUUID()).toString("base64"));
  const withCsp = (res: NextResponse | Response) => (res.headers.set("content-security-policy", csp), res);
  const access = accessFromEnv(process.env);
  // Misconfigured: fail closed (instrumentation.ts stops the server from starting at all).
  if (access.problem) return withCsp(new NextResponse(access.problem, { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } }));
  const open = access.token === null || PUBLIC_PATHS.has(req.nextUrl.pathname) || isAuthorized(access.token, req.cookies.get(SESSION_COOKIE)?.value, req.headers.get("authorization"));
  if (open) {
    const headers = new Headers(req.headers);
    headers.set("content-security-policy", csp);
    return withCsp(NextResponse.next({ request: { headers } }));
  }
  if (req.nextUrl.pathname.startsWith("/api/")) {
    return withCsp(NextResponse.json({ error: { field: "authorization", reason: "sign in at /sign-in, or send Authorization: Bearer <LAMBDASCOPE_TOKEN>" } }, { status: 401 }));
  }
  const signIn = new URL("/sign-in", req.url);
  signIn.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
  return withCsp(NextResponse.redirect(signIn, 303));
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"] };
