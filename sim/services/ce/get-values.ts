// GetDimensionValues, GetTags and GetCostCategories: the values that have costs in a TimePeriod
// (after the Filter), optionally narrowed by SearchString and sorted by a metric, a page at a time.
import { TEAM_CATEGORY, TEAM_VALUES } from "../../billing/cost-categories";
import type { LineItem } from "../../billing/line-items";
import { intMember } from "../../wire/format";
import type { ActionInput, CallContext } from "../../wire/service";
import { SUPPORTED_DIMENSIONS, dimensionAttributes, dimensionReaders } from "./dimensions";
import { invalidNextToken, validation } from "./errors";
import { compileFilter } from "./expression";
import { METRICS, type Metric, Totals } from "./metrics";
import { nextPageToken, pageOffset } from "./paging";
import { parseTimePeriod } from "./time-period";

/** "If MaxResults isn't specified …, the request returns 1000 results"; 1000 is also the upper limit. */
const MAX_RESULTS = 1000;
const CONTEXTS = ["COST_AND_USAGE", "RESERVATIONS", "SAVINGS_PLANS"];

interface Listing {
  values: string[];
  /** ReturnSize / TotalSize / NextPageToken for this page. */
  page: { returned: string[]; total: number; next?: string };
}

/**
 * Distinct values of `valuesOf` over the filtered line items of the period (a cost may have several,
 * e.g. its tag keys, or none), SearchString (case-insensitive substring), SortBy (one metric,
 * default ascending; without SortBy in code-point order or `defaultOrder`), then a page of MaxResults.
 */
async function listValues(action: string, input: ActionInput, ctx: CallContext, valuesOf: (item: LineItem) => readonly string[], defaultOrder?: string[]): Promise<Listing> {
  const ledger = ctx.billing;
  const range = parseTimePeriod(input.TimePeriod, ledger, ctx.model.nowMs());
  const filter = compileFilter(input.Filter, dimensionReaders(ctx.model.fleet.accountId));
  const sort = parseSortBy(input.SortBy);
  const maxResults = intMember(input.MaxResults) ?? MAX_RESULTS;
  if (!(maxResults >= 1 && maxResults <= MAX_RESULTS)) throw validation(`MaxResults must be between 1 and ${MAX_RESULTS}`);
  const search = typeof input.SearchString === "string" ? input.SearchString.toLowerCase() : "";
  const offset = pageOffset(action, input);
  await ledger.ready();

  const totals = new Map<string, Totals>();
  const metrics: Metric[] = sort ? [sort.metric] : [];
  for (let day = range.fromDay; day < range.toDay; day++) {
    for (const item of ledger.items(day)) {
      if (!filter(item)) continue;
      for (const v of valuesOf(item)) {
        if (search !== "" && !v.toLowerCase().includes(search)) continue;
        let t = totals.get(v);
        if (!t) totals.set(v, (t = new Totals(metrics)));
        t.add(item);
      }
    }
  }
  let values = [...totals.keys()];
  if (sort) {
    const sign = sort.descending ? -1 : 1;
    values.sort((a, b) => sign * (totals.get(a)!.sum(sort.metric) - totals.get(b)!.sum(sort.metric)) || (a < b ? -1 : 1));
  } else if (defaultOrder) {
    values = defaultOrder.filter((v) => totals.has(v));
  } else {
    values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  if (offset > 0 && offset >= values.length) throw invalidNextToken();
  const returned = values.slice(offset, offset + maxResults);
  const next = offset + maxResults < values.length ? nextPageToken(action, input, offset + maxResults) : undefined;
  ctx.recordUsage({ billedRequests: 1 });
  return { values, page: { returned, total: values.length, next } };
}

function parseSortBy(value: unknown): { metric: Metric; descending: boolean } | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length === 0) throw validation("SortBy must be a list of sort definitions");
  if (value.length > 1) throw validation("The demo account sorts by one key only");
  const { Key, SortOrder } = value[0] as { Key?: unknown; SortOrder?: unknown };
  if (!METRICS.includes(Key as Metric)) throw validation(`SortBy Key must be one of ${METRICS.join(", ")}`);
  if (SortOrder !== undefined && SortOrder !== "ASCENDING" && SortOrder !== "DESCENDING") throw validation("SortOrder must be ASCENDING or DESCENDING");
  return { metric: Key as Metric, descending: SortOrder === "DESCENDING" };
}

const pageFields = (page: Listing["page"]) => ({ ReturnSize: page.returned.length, TotalSize: page.total, ...(page.next ? { NextPageToken: page.next } : {}) });

export async function getDimensionValues(input: ActionInput, ctx: CallContext) {
  const dimension = input.Dimension;
  const context = input.Context ?? "COST_AND_USAGE";
  if (typeof context !== "string" || !CONTEXTS.includes(context)) throw validation(`Context must be one of ${CONTEXTS.join(", ")}`);
  const readers = dimensionReaders(ctx.model.fleet.accountId);
  if (typeof dimension !== "string" || !readers[dimension]) {
    throw validation(`Dimension ${String(dimension)} is invalid or not available in the demo account. Valid values are ${SUPPORTED_DIMENSIONS.join(", ")}`);
  }
  // The account has no reservations, and its Savings Plan is not broken down by plan attributes here.
  const read = readers[dimension];
  const units = new Map<string, string>();
  const { page } = await listValues("GetDimensionValues", input, ctx, (item) => {
    if (context !== "COST_AND_USAGE") return NONE;
    units.set(item.usageType, item.unit);
    return [read(item)];
  });
  return {
    DimensionValues: page.returned.map((Value) => ({ Value, Attributes: dimensionAttributes(dimension, Value, (u) => units.get(u)) })),
    ...pageFields(page),
  };
}

export async function getTags(input: ActionInput, ctx: CallContext) {
  const tagKey = input.TagKey;
  if (tagKey !== undefined && typeof tagKey !== "string") throw validation("TagKey must be a string");
  // Without TagKey: the tag keys of the costs; with it: that key's values (untagged costs have none).
  const { page } = await listValues("GetTags", input, ctx, (item) => {
    if (!tagKey) return Object.keys(item.tags);
    const v = item.tags[tagKey];
    return v === undefined ? NONE : [v];
  });
  return { Tags: page.returned, ...pageFields(page) };
}

export async function getCostCategories(input: ActionInput, ctx: CallContext) {
  const name = input.CostCategoryName;
  if (name !== undefined && typeof name !== "string") throw validation("CostCategoryName must be a string");
  if (name === undefined) {
    const { page } = await listValues("GetCostCategories", input, ctx, () => [TEAM_CATEGORY]);
    return { CostCategoryNames: page.returned, ...pageFields(page) };
  }
  const { page } = await listValues("GetCostCategories", input, ctx, (item) => (name === TEAM_CATEGORY ? [item.team] : NONE), TEAM_VALUES);
  return { CostCategoryNames: [name], CostCategoryValues: page.returned, ...pageFields(page) };
}

const NONE: readonly string[] = [];
