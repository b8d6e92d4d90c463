// Cost Explorer cells → the /cost page's rows. Pure, shared with the browser.
import type { CostCell } from "@/lib/cost/cost-explorer";

export type TagRow = {
  tagValue: string; // "" = untagged
  byMonth: number[]; // aligned with `months`
  totalUsd: number;
  sharePct: number; // of the span's total
  momPct: number | null; // the last complete month against the one before; null when that was 0
  byService: Record<string, number>;
};

/** One row per tag value, the costliest first; months aligned with `months`. */
export function tagRows(cells: readonly CostCell[], months: readonly string[]): { rows: TagRow[]; totalUsd: number; estimatedMonths: string[]; compared: [string, string] | null } {
  const byValue = new Map<string, TagRow>();
  for (const c of cells) {
    const row = byValue.get(c.tagValue) ?? { tagValue: c.tagValue, byMonth: months.map(() => 0), totalUsd: 0, sharePct: 0, momPct: null, byService: {} };
    const i = months.indexOf(c.month);
    if (i === -1) continue;
    row.byMonth[i] += c.usd;
    row.totalUsd += c.usd;
    row.byService[c.service] = (row.byService[c.service] ?? 0) + c.usd;
    byValue.set(c.tagValue, row);
  }
  const totalUsd = [...byValue.values()].reduce((a, r) => a + r.totalUsd, 0);
  const rows = [...byValue.values()].sort((a, b) => b.totalUsd - a.totalUsd);
  const estimatedMonths = [...new Set(cells.filter((c) => c.estimated).map((c) => c.month))];
  // An open month is partial: comparing it with a whole one would show every team "down".
  const last = months.length - 1 - (estimatedMonths.includes(months[months.length - 1]) ? 1 : 0);
  for (const r of rows) {
    r.sharePct = totalUsd > 0 ? (100 * r.totalUsd) / totalUsd : 0;
    r.momPct = last >= 1 && r.byMonth[last - 1] > 0 ? (100 * (r.byMonth[last] - r.byMonth[last - 1])) / r.byMonth[last - 1] : null;
  }
  return { rows, totalUsd, estimatedMonths, compared: last >= 1 ? [months[last], months[last - 1]] : null };
}

/**
 * Tag values that differ only in case ("checkout" and "Checkout"): one team's spend split in two.
 * Cost allocation tags are case-sensitive, so Cost Explorer keeps them apart.
 */
export function caseVariants(values: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const v of values) if (v) groups.set(v.toLowerCase(), [...(groups.get(v.toLowerCase()) ?? []), v]);
  return [...groups.values()].filter((g) => g.length > 1);
}
