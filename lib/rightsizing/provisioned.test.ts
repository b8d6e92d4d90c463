import { expect, test } from "vitest";
import { provisionedAdvice } from "@/lib/rightsizing/provisioned";
import { recommend, type FunctionStats } from "@/lib/rightsizing/model";

const stats = (o: Partial<FunctionStats>): FunctionStats => ({
  name: "api", memoryMb: 512, timeoutS: 10, architecture: "x86_64", runtime: "nodejs22.x", ephemeralStorageMb: 512, days: 14,
  invocations: 14 * 24 * 36_000, coldStarts: 0, avgDurationMs: 200, p50DurationMs: 180, p99DurationMs: 400, avgBilledDurationMs: 200,
  memoryUsedMb: { p50: 300, p99: 380, p999: 400, max: 410 }, timeouts: 0, outOfMemory: 0, cpu: { source: "none" }, provisionedConcurrency: 0, ...o,
});
const HOURS = 14 * 24;

test("an allocation whose peak stays under 60 % is cut to what would run at 60 % at that peak", () => {
  const s = stats({ provisionedConcurrency: 10 });
  // peak 30 % of 10 = 3 busy → 3 / 0.6 = 5
  const a = provisionedAdvice(s, recommend(s), Array(HOURS).fill(36_000), [0.1, 0.3, 0.2], "us-east-1")!;
  expect(a.kind).toBe("reduce");
  if (a.kind !== "reduce") return;
  expect(a.suggested).toBe(5);
  // 5 fewer × 0.5 GB × 730 h × 3,600 s × $0.0000041667 = $27.38; the 5 left still hold all the traffic
  expect(a.savingUsd).toBeCloseTo(27.38, 2);
  // busy at peak: nothing to say
  expect(provisionedAdvice(s, recommend(s), [], [0.2, 0.75], "us-east-1")).toBeNull();
});

test("a steady, latency-sensitive function with cold starts is offered its floor of traffic as provisioned concurrency", () => {
  // 36,000 an hour × 200 ms = 2 environments busy every hour; 2 % cold starts
  const s = stats({ coldStarts: 0.02 * 14 * 24 * 36_000 });
  const a = provisionedAdvice(s, recommend(s), Array(HOURS).fill(36_000), [], "us-east-1")!;
  expect(a.kind).toBe("add");
  if (a.kind !== "add") return;
  expect(a.suggested).toBe(2);
  // 36,000 × 0.2 s × 0.5 GB × 730 = 2,628,000 GB-s a month: provisioned 2 × 0.5 GB × 2,628,000 s × $0.0000041667
  // = $10.95, plus the duration at $0.0000097222 ($25.55) instead of $0.0000166667 ($43.80): $7.30 cheaper
  expect(a.extraUsd).toBeCloseTo(10.95 + 25.55 - 43.8, 2);
  // quiet nights (no datapoints for a third of the hours) leave no floor
  expect(provisionedAdvice(s, recommend(s), Array(HOURS * (2 / 3)).fill(36_000), [], "us-east-1")).toBeNull();
  // rare cold starts: not worth it
  const warm = stats({ coldStarts: 100 });
  expect(provisionedAdvice(warm, recommend(warm), Array(HOURS).fill(36_000), [], "us-east-1")).toBeNull();
});
