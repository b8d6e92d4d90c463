// GetMetricData: MetricStat queries answered from the fleet model (AWS/Logs from the account's log
// store, see index.ts), ordered by ScanBy and paged at CloudWatch's datapoint limit with PartialData + NextToken.
import { createHash } from "node:crypto";
import type { MetricRequest, MetricSeries, SimModel } from "../../model/types";
import { decodeToken, encodeToken, epochSeconds } from "../../wire/format";
import type { ActionInput, CallContext } from "../../wire/service";
import { invalidNextToken } from "./errors";
import { parseGetMetricData, type GetMetricDataRequest, type StatQuery } from "./metric-queries";
import { bucketWindow } from "./time-window";

// "…with a total of as many as 100,800 data points" per call (GetMetricData API reference; AWS-FACTS §1).
// MaxDatapoints defaults to it and cannot raise it.
export const MAX_DATAPOINTS_PER_CALL = 100_800;

interface Series {
  timestampsMs: number[];
  values: number[];
}

/** Where a metric's datapoints come from: the fleet model, or a service that publishes its own (AWS/Logs). */
export type SeriesSource = (model: SimModel, req: MetricRequest) => MetricSeries | null;

const fromModel: SeriesSource = (model, req) => model.metricSeries(req);

export function getMetricData(input: ActionInput, ctx: CallContext, source: SeriesSource = fromModel) {
  const req = parseGetMetricData(input);
  const fingerprint = requestFingerprint(req);
  // Where the previous page stopped: query index and datapoint index within it. Later pages reuse
  // the first page's "now", so a running clock cannot shift data between pages.
  let cursor = { query: 0, point: 0 };
  let nowMs = ctx.model.nowMs();
  if (req.nextToken) {
    const token = decodeToken(req.nextToken);
    if (!token || token.f !== fingerprint || typeof token.q !== "number" || typeof token.p !== "number" || typeof token.n !== "number") {
      throw invalidNextToken();
    }
    cursor = { query: token.q, point: token.p };
    nowMs = token.n;
  }

  // Queries with ReturnData false are still requested (and billed) but send no result.
  const shown = req.queries.filter((q) => q.returnData);
  let budget = Math.min(req.maxDatapoints ?? MAX_DATAPOINTS_PER_CALL, MAX_DATAPOINTS_PER_CALL);
  let next: { query: number; point: number } | undefined;
  let returned = 0;
  // Series are built one at a time and only as far as this page reaches, so a 500-query answer
  // never sits in memory whole.
  const results = shown.map((q, i) => {
    const result = { Id: q.id, Label: q.label, Timestamps: [] as number[], Values: [] as number[], StatusCode: "Complete", Messages: [] };
    if (i < cursor.query) return result; // delivered on an earlier page
    if (budget === 0) {
      next ??= { query: i, point: 0 };
      return { ...result, StatusCode: "PartialData" };
    }
    const series = oneSeries(ctx.model, source, req, q, nowMs);
    const from = i === cursor.query ? cursor.point : 0;
    const to = Math.min(series.timestampsMs.length, from + budget);
    budget -= to - from;
    returned += to - from;
    if (to < series.timestampsMs.length) next = { query: i, point: to };
    return {
      ...result,
      Timestamps: series.timestampsMs.slice(from, to).map(epochSeconds),
      Values: series.values.slice(from, to),
      StatusCode: to < series.timestampsMs.length ? "PartialData" : "Complete",
    };
  });
  ctx.recordUsage({ metricsRequested: req.queries.length, datapointsReturned: returned });
  return {
    MetricDataResults: results,
    ...(next ? { NextToken: encodeToken({ f: fingerprint, q: next.query, p: next.point, n: nowMs }) } : {}),
    Messages: [],
  };
}

/** Identifies the request a NextToken belongs to: everything but the token itself. */
function requestFingerprint(req: GetMetricDataRequest): string {
  const { nextToken: _token, ...rest } = req;
  return createHash("sha256").update(JSON.stringify(rest)).digest("base64url").slice(0, 22);
}

function oneSeries(model: SimModel, source: SeriesSource, req: GetMetricDataRequest, q: StatQuery, nowMs: number): Series {
  const empty: Series = { timestampsMs: [], values: [] };
  const window = bucketWindow(req.startTimeMs, req.endTimeMs, q.periodS, nowMs);
  if (!window) return empty;
  // A metric the account doesn't have is not an error on AWS: the result is just empty.
  const data = source(model, {
    namespace: q.namespace,
    metricName: q.metricName,
    dimensions: q.dimensions,
    stat: q.stat,
    startMs: window.startMs,
    endMs: window.endMs,
    periodS: q.periodS,
  });
  if (!data) return empty;
  const timestampsMs: number[] = [];
  const values: number[] = [];
  data.timestampsMs.forEach((t, i) => {
    const value = data.values[i];
    if (t >= window.startMs && t < window.endMs && Number.isFinite(value)) {
      timestampsMs.push(t);
      values.push(value);
    }
  });
  if (req.scanBy === "TimestampDescending") {
    timestampsMs.reverse();
    values.reverse();
  }
  return { timestampsMs, values };
}
