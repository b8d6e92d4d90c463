import { expect, test } from "vitest";
import { toChartRows } from "@/lib/metrics/series";

test("chart rows: one per period; missing count periods are 0, missing duration periods are null", () => {
  const t0 = Date.UTC(2026, 10, 23, 9, 0);
  const window = { startMs: t0, endMs: t0 + 3 * 60_000, periodS: 60 };
  const rows = toChartRows(
    window,
    {
      invocations: { timestampsMs: [t0, t0 + 120_000], values: [5, 7], status: "Complete", messages: [] },
      p99: { timestampsMs: [t0], values: [123.4], status: "Complete", messages: [] },
    },
    new Set(["invocations"]),
  );
  expect(rows).toEqual([
    { t: t0, invocations: 5, p99: 123.4 },
    { t: t0 + 60_000, invocations: 0, p99: null },
    { t: t0 + 120_000, invocations: 7, p99: null },
  ]);
});
