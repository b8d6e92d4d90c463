import "server-only";
import { BYTES_PER_GB, PRICE_LISTS } from "@/lib/cost/prices";
import type { ObservationCost } from "@/lib/types";

/** $0.01 per 1,000 metrics requested; GetMetricData is never in the free tier (aws.amazon.com/cloudwatch/pricing, 2026-11). */
export const GET_METRIC_DATA_USD_PER_METRIC = 0.01 / 1_000;

/** $0.01 per Cost Explorer API request, each page counted (aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing, 2026-11). */
export const COST_EXPLORER_USD_PER_REQUEST = 0.01;

/** Logs Insights' price per GB scanned, from the price table (lib/cost/prices.ts). */
export const LOGS_INSIGHTS_USD_PER_GB_SCANNED = PRICE_LISTS["us-east-1"].logsInsightsUsdPerGbScanned;

/** Tallies the AWS calls made to build one view. Lambda, SQS and Describe* calls are free for our volumes. */
export class CostLedger {
  private calls: Record<string, number> = {};
  private metrics = 0;
  private bytesScanned = 0;
  private oldestFetchMs: number | undefined;

  count(action: string, calls = 1) {
    this.calls[action] = (this.calls[action] ?? 0) + calls;
  }

  countMetrics(calls: number, metricsRequested: number) {
    this.count("cloudwatch:GetMetricData", calls);
    this.metrics += metricsRequested;
  }

  countLogsScan(bytesScanned: number) {
    this.bytesScanned += bytesScanned;
  }

  merge(other: ObservationCost) {
    for (const [action, n] of Object.entries(other.awsCalls)) this.count(action, n);
    this.metrics += other.metricsRequested;
    this.bytesScanned += other.logsBytesScanned;
    this.oldestFetchMs = Math.min(this.oldestFetchMs ?? other.fetchedAtMs, other.fetchedAtMs);
  }

  /** fetchedAtMs: when the oldest part of the view was fetched from AWS (now, if nothing came from cache). */
  total(): ObservationCost {
    return {
      awsCalls: { ...this.calls },
      metricsRequested: this.metrics,
      logsBytesScanned: this.bytesScanned,
      usd:
        this.metrics * GET_METRIC_DATA_USD_PER_METRIC +
        (this.bytesScanned / BYTES_PER_GB) * LOGS_INSIGHTS_USD_PER_GB_SCANNED +
        (this.calls["ce:GetCostAndUsage"] ?? 0) * COST_EXPLORER_USD_PER_REQUEST +
        (this.calls["ce:GetTags"] ?? 0) * COST_EXPLORER_USD_PER_REQUEST,
      fetchedAtMs: this.oldestFetchMs ?? Date.now(),
    };
  }
}
