import { describe, expect, test } from "vitest";
import { chartPeriodS, chartWindow, summaryWindow } from "@/lib/metrics/window";
import { RANGES, rangeSeconds } from "@/lib/ranges";

describe("chart period per range", () => {
  test.each([
    ["1h", 60, 60],
    ["3h", 60, 180],
    ["12h", 300, 144],
    ["24h", 300, 288],
    ["7d", 3_600, 168],
    ["14d", 3_600, 336],
  ] as const)("%s → %i s periods, %i points a series", (range, periodS, points) => {
    expect(chartPeriodS(rangeSeconds(range))).toBe(periodS);
    expect(rangeSeconds(range) / periodS).toBe(points);
  });

  test("every range stays within the 100,800-datapoint call limit for 10 series", () => {
    for (const r of RANGES) expect((10 * rangeSeconds(r)) / chartPeriodS(rangeSeconds(r))).toBeLessThanOrEqual(100_800);
  });
});

describe("windows", () => {
  const now = Date.UTC(2026, 10, 23, 9, 17, 42, 500); // 09:17:42.5

  test("chart window ends at the last whole minute and starts on a period boundary", () => {
    const w = chartWindow("24h", now);
    expect(new Date(w.endMs).toISOString()).toBe("2026-11-23T09:17:00.000Z");
    expect(new Date(w.startMs).toISOString()).toBe("2026-11-22T09:15:00.000Z"); // 09:17 − 24 h, floored to 5 min
    expect(w.periodS).toBe(300);
  });

  test("summary window is one period covering exactly the range", () => {
    const w = summaryWindow("7d", now);
    expect(w.endMs - w.startMs).toBe(7 * 86_400_000);
    expect(w.periodS).toBe(7 * 86_400);
  });
});
