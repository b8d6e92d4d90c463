import { describe, expect, test } from "vitest";
import { fleetLogStats, fleetTotals, functionStats, perFunction } from "@/lib/fleet/log-stats";
import type { FunctionSummary } from "@/lib/types";

// Rows as GetQueryResults returns them for queries/fleet-log-stats.insights: strings, doubles in
// Java notation, absent fields absent. The expected figures are worked by hand in the comments.
const fn = (name: string, memoryMb: number, architecture = "x86_64", logGroup = `/aws/lambda/${name}`): FunctionSummary => ({
  name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, runtime: "provided.al2023", architecture, memoryMb, timeoutS: 30,
  lastModified: "2026-11-01T00:00:00.000+0000", description: "", logGroup, ephemeralStorageMb: 512, lambdaInsights: false,
});
const row = (group: string, r: Record<string, string>) => ({ "@log": `123456789012:${group}`, ...r });

const A = fn("a", 256);
const B = fn("b", 1024, "arm64");
const C = fn("c", 128);
const D = fn("d", 512);
const ROWS = [
  // a ran at 128 MB: 1,000 invocations × 100 ms billed × 0.125 GB = 12.5 GB-s; peak 120 of 128 MB = 93.75 %
  row("/aws/lambda/a", { memorySizeMb: "128.0", invocations: "1000", coldStarts: "50", avgInitDurationMs: "200.0", maxInitDurationMs: "450.5", billedGbSeconds: "12.5", peakMemoryUsedMb: "120.0" }),
  // … then at 256 MB: 200 × 50 ms × 0.25 GB = 2.5 GB-s; peak 100 of 256 MB = 39.06 %
  row("/aws/lambda/a", { memorySizeMb: "256.0", invocations: "200", coldStarts: "10", avgInitDurationMs: "300.0", maxInitDurationMs: "600.0", billedGbSeconds: "2.5", peakMemoryUsedMb: "100.0" }),
  // b: 1 M invocations × 120 ms × 1 GB = 120,000 GB-s, never cold (no init fields at all); peak 512 of 1,024 MB
  row("/aws/lambda/b", { memorySizeMb: "1024.0", invocations: "1.0E6", coldStarts: "0", billedGbSeconds: "120000.0", peakMemoryUsedMb: "5.12E2" }),
  // d: 10 × 1 s × 0.5 GB = 5 GB-s, half of them cold — too few invocations to rank the rate
  row("/aws/lambda/d", { memorySizeMb: "512.0", invocations: "10", coldStarts: "5", avgInitDurationMs: "150.0", maxInitDurationMs: "180.0", billedGbSeconds: "5.0", peakMemoryUsedMb: "80.0" }),
];

describe("one function's figures", () => {
  test("rows at two memory sizes combine: counts and GB-s add, init averages weigh by cold starts, the peak is the highest share of the size it ran at", () => {
    const a = functionStats(A, ROWS.slice(0, 2));
    expect(a.invocations).toBe(1200);
    expect(a.coldStarts).toBe(60);
    expect(a.coldStartPct).toBeCloseTo(5, 10); // 60 / 1,200
    expect(a.avgInitDurationMs).toBeCloseTo(216.6667, 3); // (200 × 50 + 300 × 10) / 60 = 13,000 / 60
    expect(a.maxInitDurationMs).toBe(600);
    expect(a.billedGbSeconds).toBe(15);
    expect(a.peakMemoryUsedMb).toBe(120);
    expect(a.peakMemoryPct).toBeCloseTo(93.75, 10); // 120 / 128, not 120 / 256 (its size now)
    expect(a.memoryMb).toBe(256);
  });

  test("no cold starts: init figures are null, not 0; Java notation is read", () => {
    const b = functionStats(B, [ROWS[2]]);
    expect(b.invocations).toBe(1_000_000);
    expect(b.coldStartPct).toBe(0);
    expect(b.avgInitDurationMs).toBeNull();
    expect(b.maxInitDurationMs).toBeNull();
    expect(b.peakMemoryPct).toBe(50);
    expect(b.architecture).toBe("arm64");
  });

  test("a function with no REPORT lines has zero invocations and null rates", () => {
    const c = functionStats(C, []);
    expect(c).toMatchObject({ invocations: 0, coldStarts: 0, coldStartPct: null, billedGbSeconds: 0, peakMemoryUsedMb: null, peakMemoryPct: null });
  });

  test("a log group two functions share is counted once, under the first by name", () => {
    const e = fn("e", 128, "x86_64", "/shared");
    const f = fn("f", 128, "x86_64", "/shared");
    const stats = perFunction([f, e], [row("/shared", { memorySizeMb: "128", invocations: "7", coldStarts: "1", billedGbSeconds: "1" })]);
    expect(stats.map((s) => [s.name, s.invocations, s.sharedWith])).toEqual([["e", 7, ["f"]]]);
  });
});

describe("the fleet", () => {
  const stats = fleetLogStats([D, C, B, A], ROWS, "us-east-1");

  test("totals: invocations, cold starts and their rate, GB-s", () => {
    expect(stats.totals.functions).toBe(3); // c had no invocations
    expect(stats.totals.invocations).toBe(1_001_210); // 1,200 + 1,000,000 + 10
    expect(stats.totals.coldStarts).toBe(65); // 60 + 0 + 5
    expect(stats.totals.coldStartPct).toBeCloseTo(0.0064921, 6); // 65 / 1,001,210
    expect(stats.totals.billedGbSeconds).toBe(120_020);
  });

  test("compute cost: each architecture's GB-s at its duration price", () => {
    // x86_64: 20 GB-s × $0.0000166667 = $0.000333334; arm64: 120,000 × $0.0000133334 = $1.600008
    expect(stats.totals.computeUsdByArchitecture.x86_64).toBeCloseTo(0.000333334, 9);
    expect(stats.totals.computeUsdByArchitecture.arm64).toBeCloseTo(1.600008, 6);
    expect(stats.totals.computeUsd).toBeCloseTo(1.600341334, 9);
  });

  test("a region without checked prices gets no cost rather than a guess", () => {
    expect(fleetTotals(stats.functions, "eu-west-1").computeUsd).toBeNull();
  });

  test("top lists: cold-start rate needs 20 invocations; GB-s by size; memory peaks at ≥ 90 %", () => {
    expect(stats.top.coldStartPct.map((s) => s.name)).toEqual(["a"]); // b never cold, d only 10 invocations
    expect(stats.top.billedGbSeconds.map((s) => s.name)).toEqual(["b", "a", "d"]);
    expect(stats.top.nearMemoryLimit.map((s) => s.name)).toEqual(["a"]);
    expect(stats.functions.map((s) => s.name)).toEqual(["a", "b", "c", "d"]);
  });

  test("the caller's arrays are not reordered", () => {
    const fns = [D, C, B, A];
    const rows = [...ROWS];
    fleetLogStats(fns, rows, "us-east-1");
    expect(fns.map((f) => f.name)).toEqual(["d", "c", "b", "a"]);
    expect(rows).toEqual(ROWS);
  });
});
