import "server-only";
import { BYTES_PER_GB, PRICE_LISTS } from "@/lib/cost/prices";
import type { ObservationCost } from "@/lib/types";

/** $0.01 per 1,000 metrics requested; GetMetricData is never in the free tier (aws.amazon.com/cloudwatch/pricing, 2026-11). */
export const GET_METRIC_DATA_USD_PER_METRIC = 0.01 / 1_000;

/** $0.01 per Cost Explorer API request, each page counted (aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing, 2026-11). */
export const COST_EXPLORER_USD_PER_REQUEST = 0.01;

/** Logs Insights' price per GB scanned, from the price table (lib/cost/prices.ts). */
export const LOGS_INSIGHTS_USD_PER_GB_SCANNED = PRICE_LISTS["us-east-1"].logsInsightsUsdPerGbScanned;

/** Logs Insights bills a query for the bytes it scanned, whatever its end (Complete, Cancelled, Timeout). */
export const scanUsd = (bytesScanned: number) => (bytesScanned / BYTES_PER_GB) * LOGS_INSIGHTS_USD_PER_GB_SCANNED;

/**
 * What AWS charges for one request, by IAM action: GetMetricData per metric asked (each page again),
 * every Cost Explorer request a cent, SQS $0.40 a million (the overview reads each DLQ: a thousand
 * queues refreshed every minute is 43 M requests a month, far past SQS's free million, which the
 * account's own queues use anyway). Lambda, STS, Tagging, X-Ray sampling rules, Compute Optimizer and
 * CloudWatch's other reads (1M free a month) are free.
 */
export function requestUsd(action: string, metricsRequested = 0): number {
  if (action === "cloudwatch:GetMetricData") return metricsRequested * GET_METRIC_DATA_USD_PER_METRIC;
  if (action.startsWith("ce:")) return COST_EXPLORER_USD_PER_REQUEST;
  if (action.startsWith("sqs:")) return PRICE_LISTS["us-east-1"].sqsRequestUsd;
  return 0;
}

/**
 * Tallies the AWS calls made to build one view, and what of it was spent now rather than served
 * from the cache (a cached part keeps the cost of its first fetch, and costs nothing again).
 */
export class CostLedger {
  private calls: Record<string, number> = {};
  private metrics = 0;
  private bytesScanned = 0;
  private oldestFetchMs: number | undefined;
  private spentUsd = 0;
  private freshParts = 0;
  private cachedParts = 0;

  count(action: string, calls = 1) {
    this.calls[action] = (this.calls[action] ?? 0) + calls;
    this.spentUsd += calls * requestUsd(action);
    this.freshParts += 1;
  }

  countMetrics(calls: number, metricsRequested: number) {
    this.count("cloudwatch:GetMetricData", calls);
    this.metrics += metricsRequested;
    this.spentUsd += requestUsd("cloudwatch:GetMetricData", metricsRequested);
  }

  countLogsScan(bytesScanned: number) {
    this.bytesScanned += bytesScanned;
    this.spentUsd += scanUsd(bytesScanned);
  }

  /** Adds a part of the view (one served from the cache says so, and spent nothing now). */
  merge(other: ObservationCost) {
    for (const [action, n] of Object.entries(other.awsCalls)) this.calls[action] = (this.calls[action] ?? 0) + n;
    this.metrics += other.metricsRequested;
    this.bytesScanned += other.logsBytesScanned;
    this.oldestFetchMs = Math.min(this.oldestFetchMs ?? other.fetchedAtMs, other.fetchedAtMs);
    if (other.fromCache) this.cachedParts += 1;
    else this.freshParts += 1;
    this.spentUsd += other.spentUsd;
  }

  /** fetchedAtMs: when the oldest part of the view was fetched from AWS (now, if nothing came from cache). */
  total(): ObservationCost {
    return {
      awsCalls: { ...this.calls },
      metricsRequested: this.metrics,
      logsBytesScanned: this.bytesScanned,
      usd:
        requestUsd("cloudwatch:GetMetricData", this.metrics) +
        scanUsd(this.bytesScanned) +
        Object.entries(this.calls).reduce((a, [action, n]) => a + (action === "cloudwatch:GetMetricData" ? 0 : n * requestUsd(action)), 0),
      spentUsd: this.spentUsd,
      fromCache: this.cachedParts > 0 && this.freshParts === 0,
      fetchedAtMs: this.oldestFetchMs ?? Date.now(),
    };
  }
}
