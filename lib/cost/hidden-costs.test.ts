import { expect, test } from "vitest";
import { hiddenCosts } from "@/lib/cost/hidden-costs";
import { durationCost, logsIngestionCost, requestsCost, xrayCost } from "@/lib/cost/lambda-cost";

// A month of 10M requests × 50 ms at 128 MB: $2.00 + 62,500 GB-s × $0.0000166667 = $1.04 of compute.
const compute = [requestsCost({ requests: 10e6 }), durationCost({ gbSeconds: 62_500, architecture: "x86_64" })];
const none = { logLevel: null, sampling: null, tracesRecorded: null, tracesAtLambdaDefault: null };

test("chatty logs: 2 KB an invocation costs more than the compute; the saving keeps Lambda's own ~300 bytes", () => {
  const gb = (10e6 * 2000) / 1024 ** 3; // 18.6 GB → $9.31
  const [flag] = hiddenCosts({ ...none, terms: [...compute, logsIngestionCost({ gb })], invocations: 10e6, logBytes: 10e6 * 2000, logLevel: "DEBUG" });
  expect(flag.kind).toBe("logs");
  expect(flag.detail).toContain("2,000 bytes of logs per invocation (log level DEBUG)");
  expect(flag.savingUsd).toBeCloseTo(gb * 0.5 * (1 - 300 / 2000), 9);
});

test("quiet logs are not flagged", () => {
  const gb = (10e6 * 300) / 1024 ** 3; // 2.79 GB × $0.50 = $1.40, under the $3.04 of compute
  expect(hiddenCosts({ ...none, terms: [...compute, logsIngestionCost({ gb })], invocations: 10e6, logBytes: 10e6 * 300 })).toEqual([]);
});

test("every request traced: 10M traces ($50) against $3.04 of compute; at Lambda's default they would cost a fraction", () => {
  const terms = [...compute, xrayCost({ traces: 10e6 })];
  const [flag] = hiddenCosts({ terms, invocations: 10e6, logBytes: null, logLevel: null, sampling: { rule: "checkout-all", fixedRate: 1, reservoirSize: 0 }, tracesRecorded: 10e6, tracesAtLambdaDefault: 2_628_000 + 0.05 * (10e6 - 2_628_000) });
  expect(flag.title).toBe("Every request is traced");
  expect(flag.savingUsd).toBeCloseTo(50 * (1 - (2_628_000 + 0.05 * 7_372_000) / 10e6), 9);
});
