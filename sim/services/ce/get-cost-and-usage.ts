// GetCostAndUsage: the bill (sim/billing) summed by period, filtered and grouped the way Cost
// Explorer does it. Shapes follow real responses: ungrouped periods carry Total and `Groups: []`,
// grouped ones `Total: {}` and the groups; amounts are strings; Estimated marks the open month.
import type { LineItem } from "../../billing/line-items";
import { ACCOUNT_NAME } from "../../billing/prices";
import type { ActionInput, CallContext } from "../../wire/service";
import { type DimensionReader, SUPPORTED_DIMENSIONS, costCategoryValue, dimensionReaders } from "./dimensions";
import { invalidNextToken, validation } from "./errors";
import { type Predicate, compileFilter } from "./expression";
import { type Metric, Totals, parseMetrics } from "./metrics";
import { nextPageToken, pageOffset } from "./paging";
import { type Period, isEstimated, parseGranularity, parseTimePeriod, periodToWire, periods } from "./time-period";

/**
 * Groups per page, counted across ResultsByTime. AWS pages grouped results without publishing the
 * size; the demo's is small enough that a month of daily results by two keys needs several pages.
 * A period cut by a page boundary continues on the next page under the same TimePeriod.
 */
export const MAX_GROUPS_PER_PAGE = 500;
/** "You can group … using up to two different groups" (GetCostAndUsage API reference, GroupBy). */
const MAX_GROUP_BY = 2;
const GROUP_TYPES = ["DIMENSION", "TAG", "COST_CATEGORY"];

interface GroupSpec {
  type: string;
  key: string;
  keyOf: (item: LineItem) => string;
}

export function parseGroupBy(value: unknown, readers: Record<string, DimensionReader>): GroupSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validation("GroupBy must be a list of group definitions");
  if (value.length > MAX_GROUP_BY) throw validation(`GroupBy may contain at most ${MAX_GROUP_BY} group definitions, got ${value.length}`);
  return value.map((g: { Type?: unknown; Key?: unknown }) => {
    // AWS's texts for these three (seen in SDK issues), typo included.
    if (typeof g?.Type !== "string" || typeof g.Key !== "string" || g.Type === "" || g.Key === "") {
      throw validation("Group Definition is invalid. Both type an key need to be set to a non-empty value.");
    }
    if (!GROUP_TYPES.includes(g.Type)) throw validation("Group Definition type is invalid.");
    const key = g.Key;
    if (g.Type === "DIMENSION") {
      const read = readers[key];
      if (!read) throw validation(`Group Definition dimension is invalid. Valid values are ${SUPPORTED_DIMENSIONS.join(", ")}`);
      return { type: g.Type, key, keyOf: read };
    }
    if (g.Type === "TAG") return { type: g.Type, key, keyOf: (i: LineItem) => `${key}$${i.tags[key] ?? ""}` };
    return { type: g.Type, key, keyOf: (i: LineItem) => `${key}$${costCategoryValue(i, key) ?? ""}` };
  });
}

interface PeriodResult {
  period: Period;
  total: Totals;
  groups: { keys: string[]; totals: Totals }[];
}

function summarize(items: (day: number) => LineItem[], period: Period, metrics: Metric[], filter: Predicate, groupBy: GroupSpec[]): PeriodResult {
  const total = new Totals(metrics);
  const byKey = new Map<string, { keys: string[]; totals: Totals }>();
  for (let day = period.fromDay; day < period.toDay; day++) {
    for (const item of items(day)) {
      if (!filter(item)) continue;
      if (groupBy.length === 0) {
        total.add(item);
        continue;
      }
      const keys = groupBy.map((g) => g.keyOf(item));
      const id = keys.join("\u0000");
      let group = byKey.get(id);
      if (!group) byKey.set(id, (group = { keys, totals: new Totals(metrics) }));
      group.totals.add(item);
    }
  }
  const groups = [...byKey.values()].sort((a, b) => compareKeys(a.keys, b.keys));
  return { period, total, groups };
}

function compareKeys(a: string[], b: string[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

export async function getCostAndUsage(input: ActionInput, ctx: CallContext) {
  const ledger = ctx.billing;
  const nowMs = ctx.model.nowMs();
  const range = parseTimePeriod(input.TimePeriod, ledger, nowMs);
  const granularity = parseGranularity(input.Granularity);
  const metrics = parseMetrics(input.Metrics, true);
  const readers = dimensionReaders(ctx.model.fleet.accountId);
  const groupBy = parseGroupBy(input.GroupBy, readers);
  const filter = compileFilter(input.Filter, readers);
  const offset = pageOffset("GetCostAndUsage", input);
  await ledger.ready();

  const results = periods(range, granularity).map((p) => summarize((day) => ledger.items(day), p, metrics, filter, groupBy));
  const grouped = groupBy.length > 0;
  const resultsByTime: unknown[] = [];
  let next: string | undefined;
  if (!grouped) {
    for (const r of results) resultsByTime.push({ TimePeriod: periodToWire(r.period), Total: r.total.toWire(), Groups: [], Estimated: isEstimated(r.period, nowMs) });
  } else {
    // Each period takes one slot per group (an empty period one slot); a page is MAX_GROUPS_PER_PAGE slots.
    let slot = 0;
    const pageEnd = offset + MAX_GROUPS_PER_PAGE;
    for (const r of results) {
      const slots = Math.max(1, r.groups.length);
      const from = Math.max(offset - slot, 0);
      const to = Math.min(pageEnd - slot, slots);
      if (from < to) {
        const groups = r.groups.slice(from, to).map((g) => ({ Keys: g.keys, Metrics: g.totals.toWire() }));
        resultsByTime.push({ TimePeriod: periodToWire(r.period), Total: {}, Groups: groups, Estimated: isEstimated(r.period, nowMs) });
      }
      slot += slots;
    }
    if (offset > 0 && offset >= slot) throw invalidNextToken();
    if (slot > pageEnd) next = nextPageToken("GetCostAndUsage", input, pageEnd);
  }
  ctx.recordUsage({ billedRequests: 1 });
  const byAccount = groupBy.some((g) => g.type === "DIMENSION" && g.key === "LINKED_ACCOUNT");
  return {
    ...(grouped ? { GroupDefinitions: groupBy.map((g) => ({ Type: g.type, Key: g.key })) } : {}),
    ResultsByTime: resultsByTime,
    DimensionValueAttributes: byAccount ? [{ Value: ctx.model.fleet.accountId, Attributes: { description: ACCOUNT_NAME } }] : [],
    ...(next ? { NextPageToken: next } : {}),
  };
}
