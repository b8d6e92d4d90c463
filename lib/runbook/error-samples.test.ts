import { describe, expect, test } from "vitest";
import { evaluateErrors } from "@/lib/runbook/error-samples";

const group = (message: string, kind: "error" | "timeout" | "out of memory", count: number) => ({ message, kind, count, firstSeenMs: 0, lastSeenMs: 1, sampleRequestIds: ["a", "b", "c", "d"] });

describe("step 4: error samples", () => {
  test("12 % failing with one message: likely cause, the message and three request ids shown", () => {
    const r = evaluateErrors({ invocations: 1_000, errors: 120, groups: [group('unknown field "bundleId"', "error", 118), group("conditional check failed", "error", 2)], maxMemoryUtilisationPct: 40 });
    expect(r.verdict).toBe("likely cause");
    expect(r.summary).toContain('most often "unknown field "bundleId"" (118)');
    expect(r.evidence[0].value).toBe("118 × · a, b, c");
  });

  test("a few OOM kills at a low rate are the likely cause, and the action is memory", () => {
    const r = evaluateErrors({ invocations: 10_000, errors: 4, groups: [group("Runtime.OutOfMemory", "out of memory", 4)], maxMemoryUtilisationPct: 100 });
    expect(r.verdict).toBe("likely cause");
    expect(r.action).toContain("4 out-of-memory kills");
  });

  test("timeouts point downstream", () => {
    expect(evaluateErrors({ invocations: 100, errors: 10, groups: [group("Task timed out after 30.00 seconds", "timeout", 10)], maxMemoryUtilisationPct: 40 }).action).toContain("step 3");
  });

  test("no kill yet but memory at 97 % of its size: contributing, raise memory", () => {
    const r = evaluateErrors({ invocations: 300, errors: 0, groups: [], maxMemoryUtilisationPct: 97 });
    expect(r.verdict).toBe("contributing");
    expect(r.action).toContain("97 %");
    expect(evaluateErrors({ invocations: 300, errors: 0, groups: [], maxMemoryUtilisationPct: null }).verdict).toBe("clear");
  });

  test("no errors, or a healthy background of 0.1 %: clear", () => {
    expect(evaluateErrors({ invocations: 5_000, errors: 0, groups: [], maxMemoryUtilisationPct: 40 }).verdict).toBe("clear");
    expect(evaluateErrors({ invocations: 5_000, errors: 5, groups: [group("conditional check failed", "error", 5)], maxMemoryUtilisationPct: 40 }).verdict).toBe("clear");
  });
});
