// X-Ray GetSamplingRules on the wire. @aws-sdk/client-xray is not a dependency, so these requests
// are the ones its restJson1 serializer sends (client-xray schema: POST /GetSamplingRules, JSON body
// with the optional NextToken, SigV4 service name `xray`), made with fetch.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { MeterSnapshot } from "../control/meter";
import type { RunningSim } from "../server";
import { DAY_MS, NOW_MS, control, startTestSim } from "./helpers";

let sim: RunningSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.close());
afterEach(async () => {
  await control(sim, "DELETE", "faults");
  await control(sim, "DELETE", "meter");
});

// What the SDK sends: a SigV4 Authorization for service `xray` (not checked) and a JSON body.
async function getSamplingRules(body: Record<string, unknown> | string = {}) {
  const res = await fetch(`${sim.url}/GetSamplingRules`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: "AWS4-HMAC-SHA256 Credential=demo/20261120/us-east-1/xray/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0",
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, errorType: res.headers.get("x-amzn-errortype"), requestId: res.headers.get("x-amzn-requestid"), json: (await res.json()) as Record<string, any> };
}

describe("GetSamplingRules", () => {
  test("the Default rule and a rule that samples every request of checkout-api-prod's API stage", async () => {
    const out = await getSamplingRules();
    expect(out.status).toBe(200);
    expect(out.requestId).toBeTruthy();
    expect(out.json.NextToken).toBeUndefined();
    const anyRequest = { ResourceARN: "*", Host: "*", HTTPMethod: "*", URLPath: "*", Version: 1, Attributes: {} };
    expect(out.json.SamplingRuleRecords).toEqual([
      {
        SamplingRule: { RuleName: "Default", RuleARN: "arn:aws:xray:us-east-1:123456789012:sampling-rule/Default", Priority: 10_000, FixedRate: 0.05, ReservoirSize: 1, ServiceName: "*", ServiceType: "*", ...anyRequest },
        CreatedAt: expect.any(Number),
        ModifiedAt: expect.any(Number),
      },
      {
        SamplingRule: {
          RuleName: "checkout-all", RuleARN: "arn:aws:xray:us-east-1:123456789012:sampling-rule/checkout-all", Priority: 100, FixedRate: 1, ReservoirSize: 0,
          ServiceName: "checkout-api/prod", ServiceType: "AWS::APIGateway::Stage", ...anyRequest,
        },
        CreatedAt: expect.any(Number),
        ModifiedAt: expect.any(Number),
      },
    ]);
    // restJson1 timestamps are epoch seconds; the debugging rule is 9 days old, Default far older.
    const [byDefault, debug] = out.json.SamplingRuleRecords as { CreatedAt: number }[];
    expect(debug.CreatedAt * 1000).toBeGreaterThan(NOW_MS - 10 * DAY_MS);
    expect(debug.CreatedAt * 1000).toBeLessThan(NOW_MS - 9 * DAY_MS);
    expect(byDefault.CreatedAt * 1000).toBeLessThan(NOW_MS - 365 * DAY_MS);
  });

  test("an empty body is an empty input; a token it did not issue is InvalidRequestException; bad JSON is SerializationException", async () => {
    expect((await getSamplingRules("")).json.SamplingRuleRecords).toHaveLength(2);
    const bad = await getSamplingRules({ NextToken: "not-a-token" });
    expect([bad.status, bad.errorType]).toEqual([400, "InvalidRequestException"]);
    expect(bad.json.Message).toBe("Invalid NextToken");
    const malformed = await getSamplingRules("{");
    expect([malformed.status, malformed.errorType]).toEqual([400, "SerializationException"]);
  });

  test("other X-Ray operations are unknown (404), as the demo answers only GetSamplingRules", async () => {
    const res = await fetch(`${sim.url}/TraceSummaries`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect([res.status, res.headers.get("x-amzn-errortype")]).toEqual([404, "UnknownOperationException"]);
  });
});

describe("meter and faults", () => {
  test("each request is counted as xray:GetSamplingRules and is free", async () => {
    await getSamplingRules();
    await getSamplingRules();
    const meter = (await control<MeterSnapshot>(sim, "GET", "meter")).json;
    expect(meter.requests["xray:GetSamplingRules"]).toBe(2);
    expect(meter.costUsd.total).toBe(0);
  });

  test.each([
    ["throttle", 429, "ThrottledException"],
    ["accessDenied", 403, "AccessDeniedException"],
    ["error5xx", 500, "InternalFailure"],
  ])("%s answers %i %s", async (fault, status, name) => {
    expect((await control(sim, "POST", "faults", { action: "xray:*", fault, count: 1 })).status).toBe(201);
    const out = await getSamplingRules();
    expect([out.status, out.errorType]).toEqual([status, name]);
    if (fault === "accessDenied") expect(out.json.Message).toContain("is not authorized to perform: xray:GetSamplingRules");
    expect((await getSamplingRules()).status).toBe(200);
    expect((await control<MeterSnapshot>(sim, "GET", "meter")).json.requests["xray:GetSamplingRules"]).toBe(2);
  });
});
