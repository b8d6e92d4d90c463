import { describe, expect, test } from "vitest";
import { evaluateThrottles } from "@/lib/runbook/throttles";

const base = { functionName: "payments-webhook-prod", throttles: 0, invocations: 10_000, peakConcurrency: 8, reservedConcurrency: 10, unreservedPool: 900, durationRoseFirst: false };

describe("step 1: throttles", () => {
  test("no throttles: clear", () => {
    expect(evaluateThrottles(base).verdict).toBe("clear");
  });

  test("3 % throttled at the reserved limit: likely cause, raise it to the demand plus 20 %", () => {
    // 300 of 10,300 requests = 2.9 %; demand = ceil(10 × 10,300 / 10,000) = 11; × 1.2 → 14 (ceil 13.2)
    const r = evaluateThrottles({ ...base, throttles: 300, peakConcurrency: 10 });
    expect(r.verdict).toBe("likely cause");
    expect(r.action).toContain("from 10 to 14");
    expect(r.action).toContain("aws lambda put-function-concurrency --function-name payments-webhook-prod --reserved-concurrent-executions 14");
  });

  test("a few throttles below the limit only contribute", () => {
    expect(evaluateThrottles({ ...base, throttles: 5, peakConcurrency: 9 }).verdict).toBe("contributing");
  });

  test("if duration rose first, the action points downstream, not at concurrency", () => {
    const r = evaluateThrottles({ ...base, throttles: 300, peakConcurrency: 10, durationRoseFirst: true });
    expect(r.verdict).toBe("likely cause");
    expect(r.action).toContain("step 3");
  });

  test("unreserved functions are judged against the account pool", () => {
    const r = evaluateThrottles({ ...base, reservedConcurrency: null, unreservedPool: 50, throttles: 400, peakConcurrency: 50 });
    expect(r.verdict).toBe("likely cause");
    expect(r.action).toContain("Service Quotas");
  });

  test("no data: could not check, with the reason", () => {
    const r = evaluateThrottles(null, "cloudwatch:GetMetricData denied");
    expect(r).toMatchObject({ verdict: "could not check", summary: "cloudwatch:GetMetricData denied" });
  });
});
