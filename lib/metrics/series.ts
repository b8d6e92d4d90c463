import "server-only";
import type { MetricResult } from "@/lib/metrics/get-metric-data";
import type { TimeWindow } from "@/lib/metrics/window";
import type { SeriesPoint } from "@/lib/types";

/**
 * Joins several results into chart rows, one per period of the window. CloudWatch omits periods
 * with no samples: for count metrics that means 0 (`zeroFill`), for the others "no data" (null).
 */
export function toChartRows(
  window: TimeWindow,
  columns: Record<string, MetricResult | undefined>,
  zeroFill: ReadonlySet<string>,
): SeriesPoint[] {
  const periodMs = window.periodS * 1000;
  const rows: SeriesPoint[] = [];
  const index = new Map<number, SeriesPoint>();
  for (let t = window.startMs; t < window.endMs; t += periodMs) {
    const row: SeriesPoint = { t };
    for (const name of Object.keys(columns)) row[name] = zeroFill.has(name) ? 0 : null;
    rows.push(row);
    index.set(t, row);
  }
  for (const [name, result] of Object.entries(columns)) {
    result?.timestampsMs.forEach((t, i) => {
      const row = index.get(t);
      if (row) row[name] = result.values[i];
    });
  }
  return rows;
}
