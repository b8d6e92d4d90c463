import "server-only";
import { paginateGetMetricData, type CloudWatchClient, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { chunk, MAX_QUERIES_PER_GET_METRIC_DATA } from "@/lib/metrics/chunk";
import type { TimeWindow } from "@/lib/metrics/window";
import { mapLimit } from "@/lib/aws/map-limit";
import { Pacer, SharedCap } from "@/lib/aws/pacer";
import { accountId } from "@/lib/aws/cached-fetch";
import { redis, rollingSlotRedis } from "@/lib/cache/redis";

export type MetricQuery = {
  id: string; // ^[a-z][a-zA-Z0-9_]*$, unique within one request
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string; // Sum | Average | Maximum | Minimum | SampleCount | p99 …
  periodS?: number; // defaults to the window's period
};

export type MetricResult = {
  timestampsMs: number[]; // ascending
  values: number[];
  status: string; // Complete | PartialData | Forbidden | InternalError
  messages: string[];
};

export type GetMetricDataCost = { calls: number; metricsRequested: number };

/** Calls in flight at once. */
const PARALLEL_CALLS = 8;

/**
 * GetMetricData's quota is 50 TPS per account and Region (repost.aws/knowledge-center/cloudwatch-getmetricdata-api):
 * each replica sends at most 50 in any rolling second (Pacer), so the 50 chunks of a 5,000-function fleet go
 * out at once instead of being throttled, and with REDIS_URL all replicas together at most 50 in any rolling second.
 */
export const GET_METRIC_DATA_QUOTA_TPS = 50;
const pacers = new Map<string, Pacer>();
const pacerFor = (region: string) => pacers.get(region) ?? pacers.set(region, new Pacer(GET_METRIC_DATA_QUOTA_TPS)).get(region)!;
const sharedCap = process.env.REDIS_URL ? new SharedCap(GET_METRIC_DATA_QUOTA_TPS, (key, limit, windowMs) => rollingSlotRedis(redis(), key, limit, windowMs)) : undefined;

const toQuery = (q: MetricQuery, periodS: number): MetricDataQuery => ({
  Id: q.id,
  MetricStat: {
    Metric: {
      Namespace: q.namespace,
      MetricName: q.metricName,
      Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })),
    },
    Period: q.periodS ?? periodS,
    Stat: q.stat,
  },
  ReturnData: true,
});

/**
 * Runs any number of metric queries over one window: chunks them at 500 a call, follows NextToken
 * (AWS pages when a call would exceed 100,800 datapoints) and joins each query's pages.
 */
export async function getMetricData(
  client: CloudWatchClient,
  queries: readonly MetricQuery[],
  window: TimeWindow,
): Promise<{ results: Map<string, MetricResult>; cost: GetMetricDataCost }> {
  const results = new Map<string, MetricResult>();
  const cost: GetMetricDataCost = { calls: 0, metricsRequested: 0 };
  const chunks = chunk(queries, MAX_QUERIES_PER_GET_METRIC_DATA);

  const region = await client.config.region();
  const pacer = pacerFor(region);
  const quotaKey = sharedCap && `GetMetricData|${await accountId(region)}|${region}`;
  const turn = async () => {
    await pacer.turn();
    if (quotaKey) await sharedCap!.turn(quotaKey);
  };
  const runChunk = async (batch: MetricQuery[]) => {
    await turn();
    const pages = paginateGetMetricData(
      { client },
      {
        MetricDataQueries: batch.map((q) => toQuery(q, window.periodS)),
        StartTime: new Date(window.startMs),
        EndTime: new Date(window.endMs),
        ScanBy: "TimestampAscending",
      },
    );
    for await (const page of pages) {
      cost.calls += 1;
      cost.metricsRequested += batch.length; // each page is billed for every metric it asks for
      for (const r of page.MetricDataResults ?? []) addPage(results, r);
      if (page.NextToken) await turn(); // the paginator sends the next page when the loop goes on
    }
  };

  // A pool, not waves: a slow chunk does not hold up the others.
  await mapLimit(chunks, PARALLEL_CALLS, runChunk);
  for (const r of results.values()) sortByTime(r);
  return { results, cost };
}

function addPage(
  results: Map<string, MetricResult>,
  r: { Id?: string; Timestamps?: Date[]; Values?: number[]; StatusCode?: string; Messages?: { Value?: string }[] },
) {
  if (!r.Id) return;
  const acc = results.get(r.Id) ?? { timestampsMs: [], values: [], status: "Complete", messages: [] };
  (r.Timestamps ?? []).forEach((t, i) => {
    acc.timestampsMs.push(t.getTime());
    acc.values.push(r.Values?.[i] ?? NaN);
  });
  // PartialData on a page that had a NextToken is completed by the next page; keep the worst final status.
  if (r.StatusCode && r.StatusCode !== "PartialData") acc.status = acc.status === "Complete" ? r.StatusCode : acc.status;
  for (const m of r.Messages ?? []) if (m.Value) acc.messages.push(m.Value);
  results.set(r.Id, acc);
}

function sortByTime(r: MetricResult) {
  const order = r.timestampsMs.map((_, i) => i).sort((a, b) => r.timestampsMs[a] - r.timestampsMs[b]);
  r.timestampsMs = order.map((i) => r.timestampsMs[i]);
  r.values = order.map((i) => r.values[i]);
}

/** The latest datapoint's value (the only one of a one-period query), or undefined when there was none. */
export const lastValue = (r: MetricResult | undefined): number | undefined =>
  r && r.values.length > 0 ? r.values[r.values.length - 1] : undefined;

/** Sum of a count metric over the window's periods (0 when there was no datapoint: no events). */
export const sumValues = (r: MetricResult | undefined): number => (r ? r.values.reduce((a, b) => a + b, 0) : 0);
