import type { SpendRow } from "@/lib/observe/spend";

// The dashboard's own spend, shaped for /about/cost. Pure: rows in, tables out.
export type SpendFigures = { calls: number; usd: number; metricsRequested: number; bytesScanned: number };
export type SpendLine = SpendFigures & { key: string; usdByDay: Record<string, number> };
export type SpendReport = {
  days: string[];
  total: SpendFigures;
  byDay: (SpendFigures & { day: string })[];
  byPage: SpendLine[];
  byAction: SpendLine[];
  byRegion: SpendLine[];
  /** The average day's spend × 30: what watching the fleet this way costs a month. */
  monthlyUsdAtThisRate: number;
};

const zero = (): SpendFigures => ({ calls: 0, usd: 0, metricsRequested: 0, bytesScanned: 0 });
const add = (to: SpendFigures, r: SpendFigures) => {
  to.calls += r.calls;
  to.usd += r.usd;
  to.metricsRequested += r.metricsRequested;
  to.bytesScanned += r.bytesScanned;
};

/** Lines grouped by `keyOf`, most expensive first (then most calls, then by name). */
function group(rows: readonly SpendRow[], keyOf: (r: SpendRow) => string): SpendLine[] {
  const lines = new Map<string, SpendLine>();
  for (const r of rows) {
    const key = keyOf(r);
    const line = lines.get(key) ?? { key, ...zero(), usdByDay: {} };
    add(line, r);
    line.usdByDay[r.day] = (line.usdByDay[r.day] ?? 0) + r.usd;
    lines.set(key, line);
  }
  return [...lines.values()].sort((a, b) => b.usd - a.usd || b.calls - a.calls || a.key.localeCompare(b.key));
}

/**
 * The spend of `days` (oldest first) by day, page, AWS action and Region. The monthly rate averages
 * the days that had any spend, so a log started this morning is not diluted by empty days before it.
 */
export function spendReport(rows: readonly SpendRow[], days: readonly string[]): SpendReport {
  const total = zero();
  for (const r of rows) add(total, r);
  const byDay = days.map((day) => {
    const f = zero();
    for (const r of rows) if (r.day === day) add(f, r);
    return { day, ...f };
  });
  const active = byDay.filter((d) => d.calls > 0).length;
  return {
    days: [...days],
    total,
    byDay,
    byPage: group(rows, (r) => r.page),
    byAction: group(rows, (r) => r.action),
    byRegion: group(rows, (r) => r.region),
    monthlyUsdAtThisRate: active ? (total.usd / active) * 30 : 0,
  };
}
