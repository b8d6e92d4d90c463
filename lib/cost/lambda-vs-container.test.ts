import { expect, test } from "vitest";
import { actualLoad, breakEvenLoad, DEFAULT_CONTAINER, lambdaMonthlyAtLoad, requestsAtLoad } from "@/lib/cost/lambda-vs-container";

const fn = { durationMs: 100, memoryMb: 1024, architecture: "x86_64" as const };

test("at 100 % load one environment is busy all month: 26.28M requests of 100 ms at 1 GB", () => {
  expect(requestsAtLoad(1, 100)).toBe(26_280_000);
  // 2,628,000 GB-s × $0.0000166667 + 26.28M × $0.20/M
  expect(lambdaMonthlyAtLoad(1, fn)).toBeCloseTo(2_628_000 * 0.0000166667 + 26.28 * 0.2, 6);
  expect(lambdaMonthlyAtLoad(0, fn)).toBe(0);
});

test("break-even against the default Fargate task ($0.04937/h → $36.04/month): 73.5 % load at 1 GB, 44.5 % at 1,769 MB", () => {
  expect(DEFAULT_CONTAINER.usdPerHour * 730).toBeCloseTo(36.0401, 4);
  expect(breakEvenLoad(fn, DEFAULT_CONTAINER.usdPerHour)!).toBeCloseTo(36.0401 / (2_628_000 * 0.0000166667 + 5.256), 6);
  // 2,628,000 s × 1,769/1,024 GB × $0.0000166667 = $75.67, + $5.26 of requests
  expect(breakEvenLoad({ ...fn, memoryMb: 1769 }, DEFAULT_CONTAINER.usdPerHour)!).toBeCloseTo(36.0401 / (2_628_000 * (1769 / 1024) * 0.0000166667 + 5.256), 6);
  expect(breakEvenLoad({ ...fn, memoryMb: 1769 }, DEFAULT_CONTAINER.usdPerHour)!).toBeCloseTo(0.445, 3);
  // arm64 is cheaper per GB-s, so it breaks even later
  expect(breakEvenLoad({ ...fn, architecture: "arm64" }, DEFAULT_CONTAINER.usdPerHour)!).toBeGreaterThan(breakEvenLoad(fn, DEFAULT_CONTAINER.usdPerHour)!);
  // a $1/h container never wins at 1 GB
  expect(breakEvenLoad(fn, 1)).toBeNull();
});

test("a function's actual load is its average concurrency", () => {
  expect(actualLoad(26_280_000, 100)).toBeCloseTo(1, 10);
  expect(actualLoad(2_628_000, 100)).toBeCloseTo(0.1, 10);
});
