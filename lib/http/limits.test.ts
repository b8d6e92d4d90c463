import { beforeAll, describe, expect, test } from "vitest";
import type { InputError } from "@/lib/http/responses";

let limits: typeof import("@/lib/http/limits");
beforeAll(async () => {
  process.env.LAMBDASCOPE_RATE_LIMIT_PER_MIN = "3";
  process.env.LAMBDASCOPE_MAX_SCAN_GROUP_DAYS = "350";
  limits = await import("@/lib/http/limits"); // config is read once, after the env is set
});

const T0 = Date.UTC(2026, 10, 23, 12, 0, 10); // 10 s into a minute
const from = (client?: string) => new Request("http://x/api/insights/runs", { headers: client ? { "x-forwarded-for": `${client}, 10.0.0.1` } : {} });

describe("rate limit on expensive APIs", () => {
  test("the 4th request in a minute gets 429 with Retry-After and the reason; other clients and APIs are counted apart", async () => {
    for (let i = 0; i < 3; i++) expect(await limits.rateLimit(from("203.0.113.7"), "Logs Insights", T0)).toBeNull();
    const refused = (await limits.rateLimit(from("203.0.113.7"), "Logs Insights", T0))!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    expect((await refused.json()).error).toEqual({ field: "rate", reason: "at most 3 Logs Insights requests a minute per client (LAMBDASCOPE_RATE_LIMIT_PER_MIN); try again in 50 s" });
    expect(await limits.rateLimit(from("198.51.100.2"), "Logs Insights", T0)).toBeNull();
    expect(await limits.rateLimit(from("203.0.113.7"), "Cost Explorer", T0)).toBeNull();
    // the next minute starts afresh
    expect(await limits.rateLimit(from("203.0.113.7"), "Logs Insights", T0 + 60_000)).toBeNull();
  });

  test("the client is the proxy's user, else the forwarded address, else this machine", () => {
    expect(limits.clientOf(new Request("http://x", { headers: { "x-lambdascope-user": "ana@example.com", "x-forwarded-for": "203.0.113.7" } }))).toBe("ana@example.com");
    expect(limits.clientOf(from("203.0.113.7"))).toBe("203.0.113.7");
    expect(limits.clientOf(from())).toBe("local");
  });
});

describe("scan cap", () => {
  test("log groups × days up to the cap pass; over it, a 400 naming the range and the fix", () => {
    expect(() => limits.checkScanSize(50, 7 * 86_400)).not.toThrow(); // 350
    expect(() => limits.checkScanSize(25, 14 * 86_400)).not.toThrow(); // 350
    let err: InputError | undefined;
    try {
      limits.checkScanSize(26, 14 * 86_400);
    } catch (e) {
      err = e as InputError;
    }
    expect(err).toMatchObject({ field: "range", status: 400 });
    expect(err!.reason).toBe("26 log groups × 14 days is 364 log-group-days, over the 350 one request may scan (LAMBDASCOPE_MAX_SCAN_GROUP_DAYS): choose fewer functions or a shorter range");
  });
});
