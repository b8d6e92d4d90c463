// GetMetricData input, validated the way CloudWatch validates it, into plain metric requests.
import type { Dimensions } from "../../model/types";
import type { ActionInput } from "../../wire/service";
import { invalidParameterValue, missingParameter, validationError } from "./errors";

// "A GetMetricData operation that does not include a query can retrieve as many as 500 different
// metrics in a single request" (GetMetricData API reference; AWS-FACTS §1).
export const MAX_QUERIES_PER_CALL = 500;
// MetricDataQuery.Id: "The first character must be a lower-case letter", then letters, digits, underscores; ≤ 255.
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;
// A metric has at most 30 dimensions (Metric.Dimensions, CloudWatch API reference).
const MAX_DIMENSIONS = 30;
const BASIC_STATS = new Set(["SampleCount", "Average", "Sum", "Minimum", "Maximum"]);
const PERCENTILE = /^p(100(\.0+)?|\d{1,2}(\.\d+)?)$/;
// Other extended statistics CloudWatch accepts (trimmed mean, winsorized mean, trimmed count/sum,
// percentile rank, interquartile mean; "Statistics definitions" in the CloudWatch User Guide).
const OTHER_EXTENDED = /^(tm|wm|tc|ts)\d{1,2}(\.\d+)?$|^(TM|WM|TC|TS|PR)\(.*\)$|^IQM$/;

export type ScanBy = "TimestampDescending" | "TimestampAscending";

export interface StatQuery {
  id: string;
  label: string;
  returnData: boolean;
  namespace: string;
  metricName: string;
  dimensions: Dimensions;
  stat: string;
  periodS: number;
}

export interface GetMetricDataRequest {
  queries: StatQuery[];
  startTimeMs: number;
  endTimeMs: number;
  scanBy: ScanBy;
  maxDatapoints?: number;
  nextToken?: string;
}

export function parseGetMetricData(input: ActionInput): GetMetricDataRequest {
  const raw = input.MetricDataQueries;
  if (!Array.isArray(raw) || raw.length === 0) throw missingParameter("MetricDataQueries");
  if (raw.length > MAX_QUERIES_PER_CALL) {
    throw invalidParameterValue(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES_PER_CALL}.`);
  }
  const startTimeMs = timestampMs(input.StartTime, "StartTime");
  const endTimeMs = timestampMs(input.EndTime, "EndTime");
  if (startTimeMs >= endTimeMs) throw invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");

  const scanBy = input.ScanBy ?? "TimestampDescending"; // CloudWatch's default: newest datapoint first
  if (scanBy !== "TimestampDescending" && scanBy !== "TimestampAscending") {
    throw validationError(`1 validation error detected: Value '${String(scanBy)}' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]`);
  }
  let maxDatapoints: number | undefined;
  if (input.MaxDatapoints !== undefined) {
    maxDatapoints = Number(input.MaxDatapoints);
    if (!Number.isInteger(maxDatapoints) || maxDatapoints < 1) {
      throw invalidParameterValue(`The parameter MaxDatapoints must be a positive integer, got ${String(input.MaxDatapoints)}.`);
    }
  }
  const seen = new Set<string>();
  const queries = raw.map((q, i) => parseQuery(q, i + 1, seen));
  const nextToken = typeof input.NextToken === "string" && input.NextToken !== "" ? input.NextToken : undefined;
  return { queries, startTimeMs, endTimeMs, scanBy, maxDatapoints, nextToken };
}

function parseQuery(raw: unknown, member: number, seen: Set<string>): StatQuery {
  const at = `MetricDataQueries.member.${member}`;
  if (!raw || typeof raw !== "object") throw validationError(`${at} must be a MetricDataQuery structure.`);
  const q = raw as Record<string, unknown>;
  if (typeof q.Id !== "string" || q.Id === "") throw missingParameter(`${at}.Id`);
  if (!QUERY_ID.test(q.Id) || q.Id.length > 255) {
    throw validationError(`The value ${q.Id} for parameter ${at}.Id is not valid: it must start with a lower-case letter and contain only letters, numbers and underscores.`);
  }
  if (seen.has(q.Id)) throw validationError(`The value ${q.Id} for parameter ${at}.Id is used by more than one query; Ids must be unique.`);
  seen.add(q.Id);
  if (q.Expression !== undefined) {
    throw validationError(`${at}.Expression: metric math and Metrics Insights expressions are not supported by the demo account; request each metric with MetricStat.`);
  }
  if (!q.MetricStat || typeof q.MetricStat !== "object") {
    throw validationError(`Exactly one of MetricStat and Expression must be specified in ${at}.`);
  }
  const stat = q.MetricStat as Record<string, unknown>;
  const metric = (stat.Metric ?? {}) as Record<string, unknown>;
  if (typeof metric.Namespace !== "string") throw missingParameter(`${at}.MetricStat.Metric.Namespace`);
  if (typeof metric.MetricName !== "string") throw missingParameter(`${at}.MetricStat.Metric.MetricName`);
  const periodS = Number(stat.Period);
  if (stat.Period === undefined) throw missingParameter(`${at}.MetricStat.Period`);
  if (!Number.isInteger(periodS) || periodS < 60 || periodS % 60 !== 0) {
    // AWS also takes 1, 5, 10, 20 and 30 s for high-resolution custom metrics; Lambda and SQS
    // metrics are standard resolution (60 s), the only kind the demo account holds.
    throw invalidParameterValue(`The parameter ${at}.MetricStat.Period must be a multiple of 60.`);
  }
  if (typeof stat.Stat !== "string") throw missingParameter(`${at}.MetricStat.Stat`);
  checkStat(stat.Stat, `${at}.MetricStat.Stat`);
  return {
    id: q.Id,
    label: typeof q.Label === "string" && q.Label !== "" ? q.Label : metric.MetricName,
    returnData: q.ReturnData !== false,
    namespace: metric.Namespace,
    metricName: metric.MetricName,
    dimensions: dimensions(metric.Dimensions, `${at}.MetricStat.Metric.Dimensions`),
    stat: stat.Stat,
    periodS,
  };
}

function checkStat(stat: string, at: string): void {
  if (BASIC_STATS.has(stat) || PERCENTILE.test(stat)) return;
  if (OTHER_EXTENDED.test(stat)) throw validationError(`${at}: the statistic ${stat} is not supported by the demo account; use a basic statistic or a percentile (pNN).`);
  throw invalidParameterValue(`The value ${stat} for parameter ${at} is not a valid statistic.`);
}

function dimensions(raw: unknown, at: string): Dimensions {
  if (raw === undefined) return {};
  if (!Array.isArray(raw)) throw validationError(`${at} must be a list.`);
  if (raw.length > MAX_DIMENSIONS) throw invalidParameterValue(`The collection ${at} must not have a size greater than ${MAX_DIMENSIONS}.`);
  const out: Dimensions = {};
  for (const d of raw as Record<string, unknown>[]) {
    if (typeof d?.Name !== "string" || typeof d?.Value !== "string") throw missingParameter(`${at}.member.Name/Value`);
    out[d.Name] = d.Value;
  }
  return out;
}

/** JSON timestamps arrive as epoch seconds (fraction allowed); ISO strings are accepted too. */
function timestampMs(value: unknown, name: string): number {
  if (value === undefined || value === null) throw missingParameter(name);
  const ms = typeof value === "number" ? value * 1000 : Date.parse(String(value));
  if (!Number.isFinite(ms)) throw invalidParameterValue(`The parameter ${name} is not a valid timestamp.`);
  return ms;
}
