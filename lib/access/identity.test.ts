import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync, sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { accessFromEnv } from "@/lib/access/access";
import { authProxyFromEnv, fetchAlbKey, proxyIdentity, type AuthProxy } from "@/lib/access/identity";

const SECRET = "proxy-secret-0123456789";
const ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/lambdascope/50dc6c495c0c9188";
const NOW_MS = Date.UTC(2026, 10, 23, 12);
const headers = (h: Record<string, string>) => new Headers(h);

describe("configuration", () => {
  test("a named proxy is access control: HOST beyond loopback may start with it", () => {
    expect(accessFromEnv({ HOST: "0.0.0.0", LAMBDASCOPE_AUTH_PROXY: "oauth2-proxy", LAMBDASCOPE_AUTH_PROXY_SECRET: SECRET }).problem).toBeNull();
    expect(accessFromEnv({ HOST: "0.0.0.0", LAMBDASCOPE_AUTH_PROXY: "alb-oidc", LAMBDASCOPE_ALB_ARN: ARN }).problem).toBeNull();
  });

  test("an incomplete or unknown proxy is refused, naming what to set", () => {
    expect(authProxyFromEnv({ LAMBDASCOPE_AUTH_PROXY: "oauth2-proxy" }).problem).toMatch(/LAMBDASCOPE_AUTH_PROXY_SECRET \(at least 16/);
    expect(authProxyFromEnv({ LAMBDASCOPE_AUTH_PROXY: "oauth2-proxy", LAMBDASCOPE_AUTH_PROXY_SECRET: "short" }).problem).toMatch(/at least 16/);
    expect(authProxyFromEnv({ LAMBDASCOPE_AUTH_PROXY: "alb-oidc" }).problem).toMatch(/LAMBDASCOPE_ALB_ARN/);
    expect(authProxyFromEnv({ LAMBDASCOPE_AUTH_PROXY: "alb-oidc", LAMBDASCOPE_ALB_ARN: "arn:aws:iam::123456789012:role/x" }).problem).toMatch(/LAMBDASCOPE_ALB_ARN/);
    expect(authProxyFromEnv({ LAMBDASCOPE_AUTH_PROXY: "nginx" }).problem).toMatch(/one of oauth2-proxy, alb-oidc/);
    expect(accessFromEnv({ HOST: "0.0.0.0", LAMBDASCOPE_AUTH_PROXY: "nginx" }).problem).toMatch(/one of/);
  });

  test("the ALB's key endpoint is in its region", () => {
    const { proxy } = authProxyFromEnv({ LAMBDASCOPE_AUTH_PROXY: "alb-oidc", LAMBDASCOPE_ALB_ARN: ARN });
    expect(proxy).toEqual({ kind: "alb-oidc", albArn: ARN, keysUrl: "https://public-keys.auth.elb.eu-west-1.amazonaws.com" });
  });
});

describe("oauth2-proxy", () => {
  const proxy: AuthProxy = { kind: "oauth2-proxy", secret: SECRET };

  test("the user headers count only with the proxy's secret", async () => {
    expect(await proxyIdentity(proxy, headers({ "x-lambdascope-proxy-secret": SECRET, "x-forwarded-email": "ana@example.com", "x-forwarded-user": "ana" }))).toBe("ana@example.com");
    expect(await proxyIdentity(proxy, headers({ "x-lambdascope-proxy-secret": SECRET, "x-forwarded-user": "ana" }))).toBe("ana");
    expect(await proxyIdentity(proxy, headers({ "x-forwarded-email": "ana@example.com" }))).toBeNull();
    expect(await proxyIdentity(proxy, headers({ "x-lambdascope-proxy-secret": `${SECRET}x`, "x-forwarded-email": "ana@example.com" }))).toBeNull();
    // the secret alone names nobody
    expect(await proxyIdentity(proxy, headers({ "x-lambdascope-proxy-secret": SECRET }))).toBeNull();
  });
});

describe("ALB OIDC claims", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const other = generateKeyPairSync("ec", { namedCurve: "P-256" });
  let server: Server;
  let proxy: Extract<AuthProxy, { kind: "alb-oidc" }>;
  let keyFetches = 0;

  beforeAll(async () => {
    // Serves PEM public keys by key id, as public-keys.auth.elb.<region>.amazonaws.com does.
    server = createServer((req, res) => {
      keyFetches += 1;
      const pem = { "/kid-1": publicKey, "/kid-other": other.publicKey }[req.url ?? ""];
      if (!pem) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/plain" }).end(pem.export({ type: "spki", format: "pem" }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    proxy = { kind: "alb-oidc", albArn: ARN, keysUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  });
  afterAll(() => server.close());

  // ALB keeps the base64 padding ('=') in its segments; the signature is over the segments as sent.
  const padded = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  function albJwt(header: Record<string, unknown>, claims: Record<string, unknown>, key = privateKey): string {
    const signingInput = `${padded(header)}.${padded(claims)}`;
    const signature = sign("sha256", Buffer.from(signingInput), { key, dsaEncoding: "ieee-p1363" }).toString("base64url");
    return `${signingInput}.${signature}`;
  }
  const goodHeader = { alg: "ES256", kid: "kid-1", signer: ARN, iss: "https://idp.example.com", client: "abc", exp: NOW_MS / 1000 + 120 };
  const claims = { sub: "1234", email: "ana@example.com", exp: NOW_MS / 1000 + 120 };
  const identity = (jwt: string) => proxyIdentity(proxy, headers({ "x-amzn-oidc-data": jwt }), NOW_MS);

  test("a claims token signed by this load balancer names the user; its key is fetched once", async () => {
    keyFetches = 0;
    expect(await identity(albJwt(goodHeader, claims))).toBe("ana@example.com");
    expect(await identity(albJwt(goodHeader, { sub: "1234" }))).toBe("1234");
    expect(keyFetches).toBe(1);
  });

  test("forged, expired, foreign or tampered tokens name nobody", async () => {
    const good = albJwt(goodHeader, claims);
    const [h, , s] = good.split(".");
    expect(await identity(`${h}.${padded({ ...claims, email: "admin@example.com" })}.${s}`)).toBeNull(); // claims changed after signing
    expect(await identity(albJwt(goodHeader, claims, other.privateKey))).toBeNull(); // signed by another key
    expect(await identity(albJwt({ ...goodHeader, kid: "kid-other" }, claims, privateKey))).toBeNull(); // kid of a key that did not sign it
    expect(await identity(albJwt({ ...goodHeader, signer: ARN.replace("lambdascope", "someone-else") }, claims))).toBeNull();
    expect(await identity(albJwt({ ...goodHeader, exp: NOW_MS / 1000 - 1 }, claims))).toBeNull();
    expect(await identity(albJwt({ ...goodHeader, alg: "none" }, claims))).toBeNull();
    expect(await identity(albJwt({ ...goodHeader, kid: "../../etc/passwd" }, claims))).toBeNull();
    expect(await identity(albJwt({ ...goodHeader, kid: "kid-missing" }, claims))).toBeNull();
    expect(await identity("not.a.jwt")).toBeNull();
    expect(await proxyIdentity(proxy, headers({}), NOW_MS)).toBeNull();
  });

  test("a key that failed to fetch is fetched again next time", async () => {
    keyFetches = 0;
    await expect(fetchAlbKey(proxy.keysUrl, "kid-missing")).rejects.toThrow(/HTTP 404/);
    await expect(fetchAlbKey(proxy.keysUrl, "kid-missing")).rejects.toThrow(/HTTP 404/);
    expect(keyFetches).toBe(2);
  });
});
