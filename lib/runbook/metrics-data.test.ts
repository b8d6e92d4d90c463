import { describe, expect, test } from "vitest";
import type { MetricResult } from "@/lib/metrics/get-metric-data";
import { errorOrLatencyOnset, toThrottleInput, trafficShifts, versionStats, type RunbookMetrics } from "@/lib/runbook/metrics-data";

// Hand-built 5-minute series around an incident window of 11:00–12:00 with a 3-day baseline.
const M5 = 300_000;
const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 12); // window end
const incident = { startMs: T - H, endMs: T };
const baselines = [1, 2, 3].map((d) => ({ startMs: incident.startMs - d * 24 * H, endMs: incident.endMs - d * 24 * H }));

/** A series over [from, T) at 5 minutes, value f(t); periods where f is undefined are left out (no data). */
function series(from: number, f: (t: number) => number | undefined): MetricResult {
  const r: MetricResult = { timestampsMs: [], values: [], status: "Complete", messages: [] };
  for (let t = from; t < T; t += M5) {
    const v = f(t);
    if (v !== undefined) (r.timestampsMs.push(t), r.values.push(v));
  }
  return r;
}
const metrics = (results: Record<string, MetricResult>, versions: string[] = []): RunbookMetrics => ({ results: new Map(Object.entries(results)), versions });
const FROM = T - 4 * 24 * H;

describe("errorOrLatencyOnset", () => {
  // 150 invocations a period; 0.1 % background (one error every ~7 periods)
  const inv = series(FROM, () => 150);
  const background = (t: number) => (Math.floor(t / M5) % 7 === 0 ? 1 : 0);

  test("errors from 08:00 (12 %): the onset is 08:00, even though the window starts at 11:00", () => {
    const err = series(FROM, (t) => (t >= T - 4 * H ? 18 : background(t)));
    expect(errorOrLatencyOnset(metrics({ inv, err }), incident, baselines)).toBe(T - 4 * H);
  });

  test("a noisy 10 % canary (1–2 errors a period) then the full shift: the onset is the canary's start, within 10 minutes", () => {
    const canary = T - 5 * H;
    const err = series(FROM, (t) => (t >= T - 4.5 * H ? 18 : t >= canary ? [1, 2, 3, 0, 2, 1][Math.floor(t / M5) % 6] : background(t)));
    const onset = errorOrLatencyOnset(metrics({ inv, err }), incident, baselines)!;
    expect(onset).toBeGreaterThanOrEqual(canary - 10 * 60_000);
    expect(onset).toBeLessThanOrEqual(canary);
  });

  test("the background alone, or no data at all: no onset", () => {
    expect(errorOrLatencyOnset(metrics({ inv, err: series(FROM, background) }), incident, baselines)).toBeNull();
    expect(errorOrLatencyOnset(metrics({}), incident, baselines)).toBeNull();
  });

  test("p99 × 3 from 10:30 without errors: the onset is 10:30", () => {
    const p99 = series(FROM, (t) => (t >= T - 1.5 * H ? 600 : 200));
    expect(errorOrLatencyOnset(metrics({ inv, err: series(FROM, () => 0), p99 }), incident, baselines)).toBe(T - 1.5 * H);
  });

  test("partial data: periods missing in the window are not elevated, the others still count", () => {
    // CloudWatch leaves out periods without samples, in every series alike: 11:40–11:50 are missing.
    const missing = (t: number) => t >= T - 20 * 60_000 && t < T - 10 * 60_000;
    const err = series(FROM, (t) => (missing(t) ? undefined : t >= T - 30 * 60_000 ? 18 : 0));
    const inv = series(FROM, (t) => (missing(t) ? undefined : 150));
    expect(errorOrLatencyOnset(metrics({ inv, err }), incident, baselines)).toBe(T - 30 * 60_000);
  });
});

describe("trafficShifts and versionStats", () => {
  // v4 until 07:00; 10 % to v5 from 07:00; all v5 from 07:30 (the demo's bad deploy)
  const v4 = series(FROM, (t) => (t < T - 5 * H ? 100 : t < T - 4.5 * H ? 90 : undefined));
  const v5 = series(FROM, (t) => (t < T - 5 * H ? undefined : t < T - 4.5 * H ? 10 : 100));
  const err5 = series(FROM, (t) => (t >= T - 5 * H ? (t < T - 4.5 * H ? 1.2 : 12) : undefined));
  const m = metrics({ vinv_4: v4, vinv_5: v5, verr_5: err5, verr_4: series(FROM, () => 0.1) }, ["5", "4"]);
  const lookback = { startMs: T - 24 * H, endMs: T };

  test("three segments with their start times and shares", () => {
    expect(trafficShifts(m, lookback)).toEqual([
      { fromMs: T - 24 * H, shares: { "4": 1 } },
      { fromMs: T - 5 * H, shares: { "4": 0.9, "5": 0.1 } },
      { fromMs: T - 4.5 * H, shares: { "5": 1 } },
    ]);
  });

  test("the period in which the alias moved (30/70) does not skew the canary's 10 %", () => {
    const mixed = T - 4.5 * H - M5; // the last canary period: the full shift came in its middle
    const a = series(FROM, (t) => (t < T - 5 * H ? 100 : t === mixed ? 30 : t < T - 4.5 * H ? 90 : undefined));
    const b = series(FROM, (t) => (t < T - 5 * H ? undefined : t === mixed ? 70 : t < T - 4.5 * H ? 10 : 100));
    expect(trafficShifts(metrics({ vinv_4: a, vinv_5: b }, ["5", "4"]), lookback)[1].shares).toEqual({ "4": 0.9, "5": 0.1 });
  });

  test("one odd period is noise, not a shift", () => {
    const blip = series(FROM, (t) => (t === T - 10 * H ? 1 : undefined));
    expect(trafficShifts(metrics({ vinv_4: series(FROM, () => 100), vinv_5: blip }, ["5", "4"]), lookback)).toHaveLength(1);
  });

  test("per-version errors over the lookback: v5 12 %-ish, v4 0.1 %", () => {
    const stats = versionStats(m, lookback);
    const v5s = stats.find((s) => s.version === "5")!;
    // 6 canary periods × 10 + 54 periods × 100 invocations; 6 × 1.2 + 54 × 12 errors
    expect(v5s.invocations).toBe(6 * 10 + 54 * 100);
    expect(v5s.errors).toBeCloseTo(6 * 1.2 + 54 * 12, 6);
    expect(stats.find((s) => s.version === "4")!.invocations).toBe((24 - 5) * 12 * 100 + 6 * 90);
  });
});

describe("toThrottleInput", () => {
  test("sums and peaks inside the window only; duration rising before throttles is noticed", () => {
    const thr = series(FROM, (t) => (t >= T - 30 * 60_000 ? 20 : 0));
    const p99 = series(FROM, (t) => (t >= T - 50 * 60_000 ? 900 : 300));
    const conc = series(FROM, (t) => (t >= T - H ? 10 : 4));
    const r = toThrottleInput(metrics({ thr, p99, conc, inv: series(FROM, () => 100) }), incident, { name: "payments-webhook-prod", reservedConcurrency: 10 }, 900);
    expect(r).toEqual({ functionName: "payments-webhook-prod", throttles: 6 * 20, invocations: 12 * 100, peakConcurrency: 10, reservedConcurrency: 10, unreservedPool: 900, durationRoseFirst: true });
  });
});
