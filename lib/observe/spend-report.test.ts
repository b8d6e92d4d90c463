import { describe, expect, test } from "vitest";
import { spendReport } from "@/lib/observe/spend-report";
import type { SpendRow } from "@/lib/observe/spend";

const row = (day: string, page: string, action: string, region: string, calls: number, usd: number, extra: Partial<SpendRow> = {}): SpendRow => ({
  day, page, action, region, calls, usd, metricsRequested: 0, bytesScanned: 0, ...extra,
});

// Two days: the overview refreshed twice (2 × 5,000 metrics = $0.10), a function page once (12 metrics),
// one Logs Insights scan of 2 GiB ($0.01), and free ListFunctions calls.
const rows = [
  row("2026-12-01", "/", "cloudwatch:GetMetricData", "us-east-1", 10, 0.05, { metricsRequested: 5_000 }),
  row("2026-12-01", "/", "lambda:ListFunctions", "us-east-1", 20, 0),
  row("2026-12-02", "/", "cloudwatch:GetMetricData", "us-east-1", 10, 0.05, { metricsRequested: 5_000 }),
  row("2026-12-02", "/functions/[name]", "cloudwatch:GetMetricData", "eu-west-1", 1, 0.00012, { metricsRequested: 12 }),
  row("2026-12-02", "/functions/[name]", "logs:StartQuery", "eu-west-1", 0, 0.01, { bytesScanned: 2 * 1024 ** 3 }),
];

describe("the dashboard's spend report", () => {
  const r = spendReport(rows, ["2026-11-30", "2026-12-01", "2026-12-02"]);

  test("totals add every row", () => {
    expect(r.total.calls).toBe(41);
    expect(r.total.usd).toBeCloseTo(0.11012, 8);
    expect(r.total.metricsRequested).toBe(10_012);
    expect(r.total.bytesScanned).toBe(2 * 1024 ** 3);
  });

  test("each day, empty days included", () => {
    expect(r.byDay.map((d) => [d.day, d.calls, Number(d.usd.toFixed(5))])).toEqual([
      ["2026-11-30", 0, 0],
      ["2026-12-01", 30, 0.05],
      ["2026-12-02", 11, 0.06012],
    ]);
  });

  test("pages and actions, most expensive first, with each day's share", () => {
    expect(r.byPage.map((p) => [p.key, p.calls, Number(p.usd.toFixed(5))])).toEqual([
      ["/", 40, 0.1],
      ["/functions/[name]", 1, 0.01012],
    ]);
    expect(r.byPage[0].usdByDay).toEqual({ "2026-12-01": 0.05, "2026-12-02": 0.05 });
    expect(r.byAction.map((a) => a.key)).toEqual(["cloudwatch:GetMetricData", "logs:StartQuery", "lambda:ListFunctions"]);
    expect(r.byRegion.map((a) => [a.key, a.calls])).toEqual([["us-east-1", 40], ["eu-west-1", 1]]);
  });

  test("a month at this rate averages the days that had spend: ($0.05 + $0.06012) / 2 × 30", () => {
    expect(r.monthlyUsdAtThisRate).toBeCloseTo(1.6518, 4);
  });

  test("no rows: zeros, not NaN", () => {
    const empty = spendReport([], ["2026-12-02"]);
    expect(empty.monthlyUsdAtThisRate).toBe(0);
    expect(empty.byPage).toEqual([]);
  });
});
