// Trusted identity headers from a named reverse proxy that signs users in (LAMBDASCOPE_AUTH_PROXY):
//  - "oauth2-proxy": X-Forwarded-Email / X-Forwarded-User (oauth2-proxy `--pass-user-headers`), trusted
//    only with the shared secret the proxy injects as X-Lambdascope-Proxy-Secret, so a client that
//    reaches the dashboard around the proxy cannot claim to be anyone.
//  - "alb-oidc": the ALB's signed claims, x-amzn-oidc-data: an ES256 JWT whose key is published at
//    https://public-keys.auth.elb.<region>.amazonaws.com/<kid>, whose header names the signing load
//    balancer (`signer`, checked against LAMBDASCOPE_ALB_ARN) and its expiry (`exp`). ALB pads its
//    base64url segments, so the signature is checked over the segments as sent.
//    (ELB guide, "Authenticate users using an Application Load Balancer": user claims encoding and
//    signature verification.)
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { sameSecret } from "@/lib/access/access";

export const AUTH_PROXIES = ["oauth2-proxy", "alb-oidc"] as const;
export type AuthProxy =
  | { kind: "oauth2-proxy"; secret: string }
  | { kind: "alb-oidc"; albArn: string; keysUrl: string };

export const PROXY_SECRET_HEADER = "x-lambdascope-proxy-secret";
/** Who the proxy says the user is, passed on to pages; never taken from the client. */
export const USER_HEADER = "x-lambdascope-user";
const MIN_SECRET_LENGTH = 16;
const ALB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):\d{12}:loadbalancer\/app\/[A-Za-z0-9-]+\/[0-9a-f]+$/;

/** The configured proxy, or why the configuration is unusable. */
export function authProxyFromEnv(env: Record<string, string | undefined>): { proxy: AuthProxy | null; problem: string | null } {
  const name = env.LAMBDASCOPE_AUTH_PROXY?.trim();
  if (!name) return { proxy: null, problem: null };
  if (name === "oauth2-proxy") {
    const secret = env.LAMBDASCOPE_AUTH_PROXY_SECRET ?? "";
    if (secret.length < MIN_SECRET_LENGTH) {
      return { proxy: null, problem: `LAMBDASCOPE_AUTH_PROXY=oauth2-proxy needs LAMBDASCOPE_AUTH_PROXY_SECRET (at least ${MIN_SECRET_LENGTH} characters), which the proxy sends as ${PROXY_SECRET_HEADER}` };
    }
    return { proxy: { kind: "oauth2-proxy", secret }, problem: null };
  }
  if (name === "alb-oidc") {
    const albArn = env.LAMBDASCOPE_ALB_ARN?.trim() ?? "";
    const region = albArn.match(ALB_ARN)?.[1];
    if (!region) return { proxy: null, problem: "LAMBDASCOPE_AUTH_PROXY=alb-oidc needs LAMBDASCOPE_ALB_ARN, the ARN of the load balancer that signs users in" };
    const keysUrl = env.LAMBDASCOPE_ALB_KEYS_URL?.trim() || `https://public-keys.auth.elb.${region}.amazonaws.com`;
    return { proxy: { kind: "alb-oidc", albArn, keysUrl }, problem: null };
  }
  return { proxy: null, problem: `LAMBDASCOPE_AUTH_PROXY must be one of ${AUTH_PROXIES.join(", ")}` };
}

type HeaderBag = { get(name: string): string | null };

/** The signed-in user's name (email when known), or null when the request does not prove one. */
export async function proxyIdentity(proxy: AuthProxy, headers: HeaderBag, nowMs = Date.now(), fetchKey = fetchAlbKey): Promise<string | null> {
  if (proxy.kind === "oauth2-proxy") {
    const secret = headers.get(PROXY_SECRET_HEADER);
    if (secret === null || !sameSecret(secret, proxy.secret)) return null;
    return headers.get("x-forwarded-email") || headers.get("x-forwarded-user") || null;
  }
  const jwt = headers.get("x-amzn-oidc-data");
  return jwt ? verifyAlbClaims(jwt, proxy, nowMs, fetchKey) : null;
}

const decodeJson = (segment: string) => JSON.parse(Buffer.from(segment, "base64url").toString("utf8")) as Record<string, unknown>;

export async function verifyAlbClaims(jwt: string, proxy: Extract<AuthProxy, { kind: "alb-oidc" }>, nowMs: number, fetchKey = fetchAlbKey): Promise<string | null> {
  const parts = jwt.split(".");
  if (parts.length !== 3 || jwt.length > 16_384) return null;
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeJson(parts[0]);
    claims = decodeJson(parts[1]);
  } catch {
    return null;
  }
  if (header.alg !== "ES256" || typeof header.kid !== "string" || !/^[A-Za-z0-9-]{1,128}$/.test(header.kid)) return null;
  if (header.signer !== proxy.albArn) return null;
  const exp = Number(header.exp ?? claims.exp);
  if (!Number.isFinite(exp) || exp * 1000 <= nowMs) return null;
  const key = await fetchKey(proxy.keysUrl, header.kid).catch(() => null);
  if (!key) return null;
  const signature = Buffer.from(parts[2], "base64url");
  const signed = verify("sha256", Buffer.from(`${parts[0]}.${parts[1]}`), { key, dsaEncoding: "ieee-p1363" }, signature);
  if (!signed) return null;
  const who = claims.email ?? claims.sub;
  return typeof who === "string" && who ? who : null;
}

// ALB rotates keys rarely; each key id is fetched once per process.
const albKeys = new Map<string, Promise<KeyObject>>();

export function fetchAlbKey(keysUrl: string, kid: string): Promise<KeyObject> {
  const url = `${keysUrl.replace(/\/$/, "")}/${encodeURIComponent(kid)}`;
  let key = albKeys.get(url);
  if (!key) {
    key = fetch(url, { signal: AbortSignal.timeout(5_000) }).then(async (res) => {
      if (!res.ok) throw new Error(`ALB public key ${kid}: HTTP ${res.status}`);
      return createPublicKey(await res.text());
    });
    key.catch(() => albKeys.delete(url)); // a failed fetch is retried on the next request
    albKeys.set(url, key);
  }
  return key;
}
