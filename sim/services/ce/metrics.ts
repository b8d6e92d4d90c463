// Cost Explorer's metrics over line items, and amounts the way it writes them: strings, up to ten
// decimals, no trailing zeros ("65.675375", "77", "10.8889929342"); costs in "USD", usage in the
// usage type's unit, or "N/A" when a sum mixes units (a captured Total: {"Amount": "0", "Unit": "N/A"}).
import type { LineItem } from "../../billing/line-items";
import { validation } from "./errors";

export const METRICS = ["AmortizedCost", "BlendedCost", "NetAmortizedCost", "NetUnblendedCost", "NormalizedUsageAmount", "UnblendedCost", "UsageQuantity"] as const;
export type Metric = (typeof METRICS)[number];

/** One account, no discounts: blended = unblended, net = gross. NormalizedUsageAmount applies to reservations only. */
export function metricValue(item: LineItem, metric: Metric): number {
  switch (metric) {
    case "AmortizedCost":
    case "NetAmortizedCost":
      return item.amortizedUsd;
    case "UsageQuantity":
      return item.quantity;
    case "NormalizedUsageAmount":
      return 0;
    default:
      return item.unblendedUsd;
  }
}

export function parseMetrics(value: unknown, required: boolean): Metric[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || value.length === 0) throw validation("Metrics is required and must contain at least one of: " + METRICS.join(", "));
  for (const m of value) {
    if (!METRICS.includes(m as Metric)) throw validation(`Metric ${String(m)} is invalid. Valid values are ${METRICS.join(", ")}`);
  }
  return [...new Set(value as Metric[])];
}

/** Sums of some metrics over line items, with the unit their usage was measured in. */
export class Totals {
  readonly sums: Float64Array;
  private unit: string | null = null;
  private mixedUnits = false;

  constructor(private readonly metrics: readonly Metric[]) {
    this.sums = new Float64Array(metrics.length);
  }

  add(item: LineItem): void {
    for (let k = 0; k < this.metrics.length; k++) this.sums[k] += metricValue(item, this.metrics[k]);
    if (this.unit === null) this.unit = item.unit;
    else if (this.unit !== item.unit) this.mixedUnits = true;
  }

  sum(metric: Metric): number {
    const k = this.metrics.indexOf(metric);
    return k < 0 ? 0 : this.sums[k];
  }

  toWire(): Record<string, { Amount: string; Unit: string }> {
    const out: Record<string, { Amount: string; Unit: string }> = {};
    this.metrics.forEach((m, k) => {
      const usageUnit = this.mixedUnits || this.unit === null ? "N/A" : this.unit;
      const unit = m === "UsageQuantity" ? usageUnit : m === "NormalizedUsageAmount" ? "N/A" : "USD";
      out[m] = { Amount: formatAmount(this.sums[k]), Unit: unit };
    });
    return out;
  }
}

/** Ten decimals at most, and no more digits than a double holds (15 significant). */
export function formatAmount(x: number): string {
  if (Math.abs(x) < 5e-11) return "0";
  const integerDigits = Math.max(1, Math.floor(Math.log10(Math.abs(x))) + 1);
  const fixed = x.toFixed(Math.max(0, Math.min(10, 15 - integerDigits)));
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}
