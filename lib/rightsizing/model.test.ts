import { describe, expect, test } from "vitest";
import { cpuSplit, fitWaitAndCpu, memoryFloorMb, project, recommend, type FunctionStats } from "@/lib/rightsizing/model";

// 14 days of a steady function; each case overrides what it is about.
const stats = (o: Partial<FunctionStats>): FunctionStats => ({
  name: "fn",
  memoryMb: 1024,
  timeoutS: 30,
  architecture: "x86_64",
  runtime: "provided.al2023",
  ephemeralStorageMb: 512,
  days: 14,
  invocations: 1_400_000,
  coldStarts: 0,
  avgDurationMs: 150,
  p50DurationMs: 140,
  p99DurationMs: 300,
  avgBilledDurationMs: 150,
  memoryUsedMb: { p50: 50, p99: 56, p999: 58, max: 60 },
  timeouts: 0,
  outOfMemory: 0,
  cpu: { source: "none" },
  provisionedConcurrency: 0,
  ...o,
});
const insights = (cpuTimeMs: number, durationMs: number) => ({ source: "lambda-insights" as const, cpuTimeMs, durationMs, samples: 10_000 });

describe("hand-worked cases", () => {
  test("pure I/O: no CPU time, so the smallest size that keeps the memory margin", () => {
    const r = recommend(stats({ cpu: insights(0, 150) }));
    // floor = max(58 × 1.15, 60 × 1.05) = 66.7 → Lambda's minimum, 128 MB
    expect(r.floorMb).toBe(128);
    expect(r.recommendedMb).toBe(128);
    expect(r.finding).toBe("over-provisioned");
    expect(r.recommended!.p99Ms).toBeCloseTo(300, 6);
    // 1.4M invocations × 150 ms: 1024 MB → 128 MB is 1/8 of the GB-s; months are 730 h of 336
    const gbSecondsNow = (1_400_000 * 0.15 * 1) * (730 / 336);
    const durationNow = gbSecondsNow * 0.0000166667;
    expect(r.savingUsd).toBeCloseTo(durationNow * (7 / 8), 2);
    expect(r.risk).toBe("VeryLow");
    expect(r.confidence).toBe("high");
  });

  test("pure CPU: less memory is slower by as much as it is cheaper, so the size stays; fastest is one vCPU", () => {
    // all of the 300 ms at 512 MB is CPU: 300 × 512 / 1,769 ms of CPU
    const s = stats({ memoryMb: 512, avgDurationMs: 300, avgBilledDurationMs: 300, p50DurationMs: 290, p99DurationMs: 400, cpu: insights((300 * 512) / 1769, 300) });
    const split = cpuSplit(s);
    expect(split.share).toBeCloseTo(1, 9);
    const r = recommend(s);
    expect(r.finding).toBe("optimal");
    expect(r.recommendedMb).toBe(512);
    // the smallest size within 10 %: 512 / 1.1 = 465.45 → 466 MB, same GB-s: no saving
    expect(project(s, split, 466).monthlyUsd).toBeCloseTo(r.current.monthlyUsd, 1);
    // p50 at 10,240 MB = p50 × 512 / 1,769; within 1 % from 1,769 / 1.01 = 1,751.5 → 1,752 MB
    expect(r.fastest!.memoryMb).toBe(1752);
    // cost is flat up to one vCPU while duration falls; balanced is never past the fastest
    expect(r.balanced!.memoryMb).toBe(1752);
  });

  test("mixed: 30 ms of CPU in 150 ms at 1,024 MB", () => {
    const s = stats({ cpu: insights(30, 150) });
    // wall CPU = 30 × 1,769 / 1,024 = 51.826 ms → share 0.345508
    expect(cpuSplit(s).share).toBeCloseTo(0.345508, 5);
    // the bound holds for the share's upper end, 0.345508 × 1.2 + 0.01 = 0.424610:
    // p99 ≤ 1.1 × 300: 0.575390 + 0.424610 × 1,024 / m ≤ 1.1 → m ≥ 434.80 / 0.524610 = 828.8 → 829 MB
    const r = recommend(s);
    expect(r.recommendedMb).toBe(829);
    expect(r.recommended!.p99RangeMs[1]).toBeLessThanOrEqual(330);
    expect(r.recommended!.p99RangeMs[1]).toBeGreaterThan(329.5);
    // at the central share: 0.654492 + 0.345508 × 1,024 / 829 = 1.081269
    expect(r.recommended!.p99Ms).toBeCloseTo(300 * 1.081269, 2);
    expect(r.finding).toBe("over-provisioned");
    // balanced lies between the cheapest and the fastest
    expect(r.balanced!.memoryMb).toBeGreaterThan(r.recommendedMb!);
    expect(r.balanced!.memoryMb).toBeLessThan(r.fastest!.memoryMb);
    // GB-s: 829 × 1.081269 against 1,024: 12.5 % less of 1.4M × 0.15 s × 1 GB × 730 / 336 × $0.0000166667 = $7.6042
    expect(r.savingUsd).toBeCloseTo(7.6042 * (1 - (829 * 1.081269) / 1024), 3);
  });

  test("mixed, more CPU: the size within tolerance saves under 10 %, so today's is optimal", () => {
    // 50 ms of CPU: share 0.5758; even at the central share the smallest size within 10 % (873 MB) is only 6 % cheaper
    const s = stats({ cpu: insights(50, 150) });
    const r = recommend(s);
    expect(r.finding).toBe("optimal");
    expect(r.recommendedMb).toBe(1024);
    expect(r.savingUsd).toBe(0);
    const at873 = project(s, cpuSplit(s), 873);
    // 873 × 1.099603 / 1,024 = 0.93744 of $7.6042's GB-s; requests ($0.61) unchanged
    expect(r.current.monthlyUsd - at873.monthlyUsd).toBeCloseTo(7.6042 * (1 - (873 * 1.099603) / 1024), 3);
    expect((r.current.monthlyUsd - at873.monthlyUsd) / r.current.monthlyUsd).toBeLessThan(0.1);
  });

  test("memory-bound: OOM kills get more memory than today, whatever the CPU", () => {
    const s = stats({ memoryUsedMb: { p50: 990, p99: 1015, p999: 1024, max: 1024 }, outOfMemory: 5, cpu: insights(50, 150) });
    // floor = max(1,024 × 1.15, 1,024 × 1.05, today × 1.15) = 1,177.6 → 1,178 MB
    expect(memoryFloorMb(s)).toBe(1178);
    const r = recommend(s);
    expect(r.finding).toBe("under-provisioned");
    expect(r.recommendedMb).toBe(1178);
    expect(r.risk).toBe("High");
    expect(r.savingUsd).toBeLessThan(0);
    expect(r.reasons.join(" ")).toContain("5 out-of-memory kills");
  });

  test("CPU-starved near its timeout gets enough memory to fall under 80 % of it", () => {
    // 256 MB, 3 s timeout, p99 2.8 s, 90 % CPU
    const s = stats({ memoryMb: 256, timeoutS: 3, avgDurationMs: 2000, avgBilledDurationMs: 2000, p50DurationMs: 1900, p99DurationMs: 2800, cpu: insights((0.9 * 2000 * 256) / 1769, 2000) });
    // more memory helps least at the share's lower end, 0.9 × 0.8 − 0.01 = 0.71:
    // ratio ≤ 2.4 / 2.8 = 0.857143: 0.29 + 0.71 × 256 / m ≤ 0.857143 → m ≥ 181.76 / 0.567143 = 320.5 → 321 MB
    const r = recommend(s);
    expect(r.finding).toBe("under-provisioned");
    expect(r.recommendedMb).toBe(321);
    expect(r.reasons.join(" ")).toContain("near the 3 s timeout");
  });

  test("a tiny sample: not enough data, no recommendation", () => {
    const r = recommend(stats({ invocations: 20, days: 2 }));
    expect(r.finding).toBe("not-enough-data");
    expect(r.recommendedMb).toBeNull();
  });

  test("no CPU evidence: a 50 % default with the whole 0–100 % range, never high confidence", () => {
    const s = stats({});
    const split = cpuSplit(s);
    expect([split.share, split.low, split.high]).toEqual([0.5, 0, 1]);
    const r = recommend(s);
    expect(r.confidence).not.toBe("high");
    // at 512 MB: p99 between 300 (all waiting) and 600 ms (all CPU)
    const at512 = project(s, split, 512);
    expect(at512.p99RangeMs[0]).toBeCloseTo(300, 6);
    expect(at512.p99RangeMs[1]).toBeCloseTo(600, 6);
  });

  test("arm64: the same GB-s at arm64's price, with what to check", () => {
    const r = recommend(stats({ cpu: insights(0, 150), runtime: "python3.12" }));
    const gbs = 1_400_000 * 0.15 * (128 / 1024) * (730 / 336);
    expect(r.arm64!.savingUsd).toBeCloseTo(gbs * (0.0000166667 - 0.0000133334), 3);
    expect(r.arm64!.checks).toContain("wheels");
    expect(recommend(stats({ architecture: "arm64" })).arm64).toBeNull();
  });
});

test("runs at two memory sizes give the wait and the CPU", () => {
  // 100 ms waiting + 50 ms of CPU at one vCPU
  const at = (mb: number) => 100 + (50 * 1769) / mb;
  const fit = fitWaitAndCpu([
    { memoryMb: 512, avgDurationMs: at(512), invocations: 1000 },
    { memoryMb: 1024, avgDurationMs: at(1024), invocations: 3000 },
  ])!;
  expect(fit.waitMs).toBeCloseTo(100, 6);
  expect(fit.cpuMsAtOneVcpu).toBeCloseTo(50, 6);
  // sizes above one vCPU tell nothing apart
  expect(fitWaitAndCpu([{ memoryMb: 2048, avgDurationMs: 150, invocations: 10 }, { memoryMb: 4096, avgDurationMs: 150, invocations: 10 }])).toBeNull();
  const split = cpuSplit({ memoryMb: 1024, avgDurationMs: at(1024), cpu: { source: "memory-sizes", points: [{ memoryMb: 512, avgDurationMs: at(512), invocations: 1000 }, { memoryMb: 1024, avgDurationMs: at(1024), invocations: 3000 }] } });
  expect(split.share).toBeCloseTo(86.38 / 186.38, 3);
});
