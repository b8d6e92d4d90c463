// The meter: every AWS request the demo account answered, keyed by IAM action name, and what the
// billable ones would cost on AWS. Read by tests and the benchmark through GET /_sim/meter.
import type { UsageReport } from "../wire/service";

// $0.01 per 1,000 metrics requested; each paginated call counts again (AWS-FACTS §2, CloudWatch
// pricing page). GetMetricData is never in the CloudWatch free tier.
export const GET_METRIC_DATA_USD_PER_METRIC = 0.01 / 1_000;

// Logs Insights: $0.005 per GB of data scanned (AWS-FACTS §2, CloudWatch pricing), counted per
// query as its final statistics report (cancelled and timed-out queries bill what they scanned).
// The 5 GB of the CloudWatch free tier is shared with ingestion and storage, so it is not applied.
export const LOGS_INSIGHTS_USD_PER_GB_SCANNED = 0.005;
const BYTES_PER_GB = 1024 ** 3;

// Cost Explorer API: $0.01 per request, each paginated request again (AWS-FACTS §2). Counted for
// requests that were answered; throttled, denied and invalid ones are in `requests` only.
export const COST_EXPLORER_USD_PER_REQUEST = 0.01;

// Everything else the demo answers is free at dashboard volumes, so it is counted but not priced:
// Lambda's control-plane reads (ListFunctions, GetFunction, …) and STS GetCallerIdentity are not
// billed; DescribeAlarms falls in CloudWatch's 1M free API requests a month and SQS requests in
// SQS's 1M free requests a month (AWS-FACTS §2).

export interface MeterSnapshot {
  requests: Record<string, number>;
  getMetricData: { calls: number; metricsRequested: number; datapointsReturned: number };
  logsInsights: { queries: number; bytesScanned: number };
  costExplorer: { requests: number; usd: number };
  costUsd: { getMetricData: number; logsInsights: number; costExplorer: number; total: number };
}

export class Meter {
  private requests = new Map<string, number>();
  private gmd = { calls: 0, metricsRequested: 0, datapointsReturned: 0 };
  private insights = { queries: 0, bytesScanned: 0 };
  private ceRequests = 0;

  /** One request that reached a known action, answered or not (throttled and denied calls count too). */
  countRequest(iamAction: string): void {
    this.requests.set(iamAction, (this.requests.get(iamAction) ?? 0) + 1);
  }

  /** An answered call a handler reports: GetMetricData with its volume, Cost Explorer per request. */
  recordUsage(iamAction: string, usage: UsageReport): void {
    if (iamAction.startsWith("ce:")) {
      this.ceRequests += usage.billedRequests ?? 1;
      return;
    }
    if (iamAction !== "cloudwatch:GetMetricData") return;
    this.gmd.calls += 1;
    this.gmd.metricsRequested += usage.metricsRequested ?? 0;
    this.gmd.datapointsReturned += usage.datapointsReturned ?? 0;
  }

  /** A Logs Insights query that StartQuery accepted. */
  recordInsightsQuery(): void {
    this.insights.queries += 1;
  }

  /** The bytes a query scanned, once it has finished (any terminal status). */
  recordInsightsScan(bytesScanned: number): void {
    this.insights.bytesScanned += bytesScanned;
  }

  snapshot(): MeterSnapshot {
    const getMetricData = roundUsd(this.gmd.metricsRequested * GET_METRIC_DATA_USD_PER_METRIC);
    const logsInsights = roundUsd((this.insights.bytesScanned / BYTES_PER_GB) * LOGS_INSIGHTS_USD_PER_GB_SCANNED);
    const costExplorer = roundUsd(this.ceRequests * COST_EXPLORER_USD_PER_REQUEST);
    return {
      requests: Object.fromEntries([...this.requests].sort(([a], [b]) => a.localeCompare(b))),
      getMetricData: { ...this.gmd },
      logsInsights: { ...this.insights },
      costExplorer: { requests: this.ceRequests, usd: costExplorer },
      costUsd: { getMetricData, logsInsights, costExplorer, total: roundUsd(getMetricData + logsInsights + costExplorer) },
    };
  }

  reset(): void {
    this.requests.clear();
    this.gmd = { calls: 0, metricsRequested: 0, datapointsReturned: 0 };
    this.insights = { queries: 0, bytesScanned: 0 };
    this.ceRequests = 0;
  }
}

// Sub-cent amounts add up over a benchmark; keep 8 decimals so 1 metric ($0.00001) still shows.
const roundUsd = (usd: number) => Math.round(usd * 1e8) / 1e8;
