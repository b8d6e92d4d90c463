// The dimensions the demo account's line items carry, and how group keys are written: tag and cost
// category groups are `<key>$<value>` with `<key>$` for costs without a value (`service$checkout`,
// `service$`; AWS-FACTS §1), dimension groups the plain value (`AWS Lambda`).
import { TEAM_CATEGORY } from "../../billing/cost-categories";
import type { LineItem } from "../../billing/line-items";
import { ACCOUNT_NAME } from "../../billing/prices";

export type DimensionReader = (item: LineItem) => string;

/** DIMENSION keys the bill has values for (GroupBy, Filter, GetDimensionValues). */
export function dimensionReaders(accountId: string): Record<string, DimensionReader> {
  return {
    SERVICE: (i) => i.service,
    USAGE_TYPE: (i) => i.usageType,
    REGION: (i) => i.region,
    LINKED_ACCOUNT: () => accountId,
    RECORD_TYPE: (i) => i.recordType,
  };
}

export const SUPPORTED_DIMENSIONS = ["SERVICE", "USAGE_TYPE", "REGION", "LINKED_ACCOUNT", "RECORD_TYPE"];

/** GetDimensionValues / GetCostAndUsage DimensionValueAttributes: what AWS attaches to some values. */
export function dimensionAttributes(dimension: string, value: string, unitOf: (usageType: string) => string | undefined): Record<string, string> {
  if (dimension === "LINKED_ACCOUNT") return { description: ACCOUNT_NAME };
  if (dimension === "USAGE_TYPE") {
    const unit = unitOf(value);
    return unit ? { unit } : {};
  }
  return {};
}

export const tagValue = (item: LineItem, key: string): string | undefined => item.tags[key];

/** The only cost category is Team, and every cost has a Team value (its default catches the rest). */
export const costCategoryValue = (item: LineItem, name: string): string | undefined => (name === TEAM_CATEGORY ? item.team : undefined);
