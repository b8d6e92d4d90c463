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

/** What one region's requests were: the per-region part of the meter (Cost Explorer is global). */
export interface RegionMeterSnapshot {
  requests: Record<string, number>;
  getMetricData: { calls: number; metricsRequested: number; datapointsReturned: number };
  logsInsights: { queries: number; bytesScanned: number };
}

export interface MeterSnapshot {
  requests: Record<string, number>;
  getMetricData: { calls: number; metricsRequested: number; datapointsReturned: number };
  logsInsights: { queries: number; bytesScanned: number };
  costExplorer: { requests: number; usd: number };
  costUsd: { getMetricData: number; logsInsights: number; costExplorer: number; total: number };
  /** The same counts by the region a request was signed for (configured regions always appear). */
  byRegion: Record<string, RegionMeterSnapshot>;
}

/** What CloudWatch Logs reports to the meter: its queries, for the region it belongs to. */
export interface InsightsMeter {
  recordInsightsQuery(): void;
  recordInsightsScan(bytesScanned: number): void;
}

class Counts {
  requests = new Map<string, number>();
  gmd = { calls: 0, metricsRequested: 0, datapointsReturned: 0 };
  insights = { queries: 0, bytesScanned: 0 };

  snapshot(): RegionMeterSnapshot {
    return { requests: sortedRecord(this.requests), getMetricData: { ...this.gmd }, logsInsights: { ...this.insights } };
  }
}

export class Meter {
  private total = new Counts();
  private regions = new Map<string, Counts>();
  private ceRequests = 0;

  /** `regions`: the account's configured regions, listed in byRegion even before their first request. */
  constructor(private readonly configuredRegions: readonly string[] = []) {
    this.reset();
  }

  /** One request that reached a known action, answered or not (throttled and denied calls count too). */
  countRequest(iamAction: string, region?: string): void {
    for (const c of this.countsOf(region)) c.requests.set(iamAction, (c.requests.get(iamAction) ?? 0) + 1);
  }

  /** An answered call a handler reports: GetMetricData with its volume, Cost Explorer per request. */
  recordUsage(iamAction: string, usage: UsageReport, region?: string): void {
    if (iamAction.startsWith("ce:")) {
      this.ceRequests += usage.billedRequests ?? 1;
      return;
    }
    if (iamAction !== "cloudwatch:GetMetricData") return;
    for (const { gmd } of this.countsOf(region)) {
      gmd.calls += 1;
      gmd.metricsRequested += usage.metricsRequested ?? 0;
      gmd.datapointsReturned += usage.datapointsReturned ?? 0;
    }
  }

  /** A Logs Insights query that StartQuery accepted. */
  recordInsightsQuery(region?: string): void {
    for (const c of this.countsOf(region)) c.insights.queries += 1;
  }

  /** The bytes a query scanned, once it has finished (any terminal status). */
  recordInsightsScan(bytesScanned: number, region?: string): void {
    for (const c of this.countsOf(region)) c.insights.bytesScanned += bytesScanned;
  }

  /** The Logs Insights part of the meter as one region's CloudWatch Logs sees it. */
  forRegion(region: string): InsightsMeter {
    return {
      recordInsightsQuery: () => this.recordInsightsQuery(region),
      recordInsightsScan: (bytesScanned) => this.recordInsightsScan(bytesScanned, region),
    };
  }

  snapshot(): MeterSnapshot {
    const { requests, getMetricData: gmd, logsInsights: insights } = this.total.snapshot();
    const getMetricData = roundUsd(gmd.metricsRequested * GET_METRIC_DATA_USD_PER_METRIC);
    const logsInsights = roundUsd((insights.bytesScanned / BYTES_PER_GB) * LOGS_INSIGHTS_USD_PER_GB_SCANNED);
    const costExplorer = roundUsd(this.ceRequests * COST_EXPLORER_USD_PER_REQUEST);
    return {
      requests,
      getMetricData: gmd,
      logsInsights: insights,
      costExplorer: { requests: this.ceRequests, usd: costExplorer },
      costUsd: { getMetricData, logsInsights, costExplorer, total: roundUsd(getMetricData + logsInsights + costExplorer) },
      byRegion: Object.fromEntries([...this.regions].map(([region, c]) => [region, c.snapshot()])),
    };
  }

  reset(): void {
    this.total = new Counts();
    this.regions = new Map(this.configuredRegions.map((r) => [r, new Counts()]));
    this.ceRequests = 0;
  }

  /** The totals, and the region's counts when the request named one. */
  private countsOf(region: string | undefined): Counts[] {
    if (region === undefined) return [this.total];
    let c = this.regions.get(region);
    if (!c) this.regions.set(region, (c = new Counts()));
    return [this.total, c];
  }
}

const sortedRecord = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));

// Sub-cent amounts add up over a benchmark; keep 8 decimals so 1 metric ($0.00001) still shows.
const roundUsd = (usd: number) => Math.round(usd * 1e8) / 1e8;
