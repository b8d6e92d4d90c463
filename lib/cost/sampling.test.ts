import { expect, test } from "vitest";
import { LAMBDA_DEFAULT, samplingFor, tracesRecorded, type SamplingRule } from "@/lib/cost/sampling";

const rules: SamplingRule[] = [
  { name: "Default", priority: 10000, fixedRate: 0.05, reservoirSize: 1, serviceName: "*", serviceType: "*" },
  { name: "checkout-all", priority: 100, fixedRate: 1, reservoirSize: 0, serviceName: "checkout-api/prod", serviceType: "AWS::APIGateway::Stage" },
];

test("a rule on the API stage in front of a function decides its sampling; Lambda's fixed rate otherwise", () => {
  expect(samplingFor("checkout-api-prod", rules).name).toBe("checkout-all");
  expect(samplingFor("search-query-prod", rules)).toBe(LAMBDA_DEFAULT);
  expect(samplingFor("checkout-api-staging", rules)).toBe(LAMBDA_DEFAULT);
});

test("traces: the reservoir per second first, then the rate", () => {
  // 10,000 an hour at 1/s + 5 %: 3,600 + 5 % of 6,400 = 3,920; everything at rate 1
  expect(tracesRecorded([10_000, 100], LAMBDA_DEFAULT)).toBe(3_920 + 100);
  expect(tracesRecorded([10_000, 100], rules[1])).toBe(10_100);
});
