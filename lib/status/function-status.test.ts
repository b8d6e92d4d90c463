import { describe, expect, test } from "vitest";
import { errorRatePct, functionStatus } from "@/lib/status/function-status";

const base = { invocations: 10_000, errors: 0, throttles: 0, p99DurationMs: 120, timeoutS: 30 };

describe("functionStatus", () => {
  test("a quiet healthy function is ok with no reasons", () => {
    expect(functionStatus(base)).toEqual({ status: "ok", reasons: [] });
  });

  test("error rate: 99 of 10,000 (0.99%) is ok, 100 (1%) warns, 500 (5%) is degraded", () => {
    expect(functionStatus({ ...base, errors: 99 }).status).toBe("ok");
    expect(functionStatus({ ...base, errors: 100 })).toEqual({ status: "warning", reasons: ["error rate 1.0% (100 of 10000)"] });
    expect(functionStatus({ ...base, errors: 500 }).status).toBe("degraded");
  });

  test("2 errors in 3 calls only warn: too few events to page anyone", () => {
    expect(functionStatus({ ...base, invocations: 3, errors: 2 }).status).toBe("warning");
  });

  test("any throttle warns; 1% of requests throttled is degraded", () => {
    expect(functionStatus({ ...base, throttles: 1 }).status).toBe("warning");
    // 102 / (10,000 + 102) = 1.01%
    expect(functionStatus({ ...base, throttles: 102 })).toEqual({ status: "degraded", reasons: ["102 throttled (1.0% of requests)"] });
  });

  test("p99 against the timeout: 20.9 s of 30 s (69.7%) ok, 21 s (70%) warns, 27 s (90%) degraded", () => {
    expect(functionStatus({ ...base, p99DurationMs: 20_900 }).status).toBe("ok");
    expect(functionStatus({ ...base, p99DurationMs: 21_000 }).reasons).toEqual(["p99 duration at 70% of the 30 s timeout"]);
    expect(functionStatus({ ...base, p99DurationMs: 27_000 }).status).toBe("degraded");
  });

  test("DLQ: one message warns, 100 is degraded", () => {
    expect(functionStatus({ ...base, dlqDepth: 1 })).toEqual({ status: "warning", reasons: ["1 message in the dead-letter queue"] });
    expect(functionStatus({ ...base, dlqDepth: 100 }).status).toBe("degraded");
  });

  test("no invocations and nothing waiting is idle; metrics unavailable are skipped", () => {
    expect(functionStatus({ ...base, invocations: 0 }).status).toBe("idle");
    expect(functionStatus({ timeoutS: 3 }).status).toBe("ok");
  });

  test("all reasons are listed, worst level wins", () => {
    const s = functionStatus({ ...base, errors: 700, throttles: 5, dlqDepth: 3 });
    expect(s.status).toBe("degraded");
    expect(s.reasons).toHaveLength(3);
  });

  test("errorRatePct is undefined without invocations", () => {
    expect(errorRatePct(3, 0)).toBeUndefined();
    expect(errorRatePct(1, 8)).toBe(12.5);
  });
});
