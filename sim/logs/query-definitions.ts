// Saved Logs Insights queries of the demo account (the CloudWatch console's "Saved queries", read
// with DescribeQueryDefinitions): what a team running this fleet would have saved.
import { uuidFrom } from "../model/fleet";
import type { Fleet } from "../model/types";

export interface QueryDefinition {
  queryDefinitionId: string;
  name: string;
  queryString: string;
  logGroupNames: string[];
  lastModifiedMs: number;
}

/**
 * Counts failed invocations exactly as the Errors metric does (sim/README.md, "CloudWatch Logs"):
 * each failure leaves one matching line — a REPORT with Status (timeout, out-of-memory kill; in
 * JSON format the platform.report's record.status / record.errorType), or the one error line the
 * code writes for a handler error (slog level ERROR, Node "Invoke Error", Python "[ERROR] <Type>:").
 */
export const ERRORS_AS_METRIC_QUERY = [
  "filter @message like /Status: (error|timeout)/",
  '    or record.status = "timeout" or record.errorType = "Runtime.OutOfMemory"',
  '    or level = "ERROR"',
  "    or @message like /\\tERROR\\tInvoke Error |^\\[ERROR\\] /",
  "| stats count(*) as errors by bin(5m)",
].join("\n");

const DAY_MS = 86_400_000;
const group = (fn: string) => `/aws/lambda/${fn}`;

export function defaultQueryDefinitions(fleet: Fleet): QueryDefinition[] {
  // Saved queries are per region on AWS; a region the account never used has none.
  if (fleet.functions.length === 0) return [];
  const defs: Omit<QueryDefinition, "queryDefinitionId" | "lastModifiedMs">[] = [
    {
      name: "Lambda/Recent errors",
      queryString: "fields @timestamp, @requestId, requestId, @logStream, level, msg, @message\n| filter level = \"ERROR\" or @message like /Task timed out|Status: error|Status: timeout|\\tERROR\\t/\n| sort @timestamp desc\n| limit 50",
      logGroupNames: [group("checkout-api-prod"), group("payments-webhook-prod"), group("notifications-email-prod")],
    },
    {
      name: "Lambda/Cold starts by hour",
      queryString: "filter @type = \"REPORT\"\n| stats count(*) as invocations, sum(ispresent(@initDuration)) as coldStarts, avg(@initDuration) as avgInitMs by bin(1h)",
      logGroupNames: [group("identity-token-rotator-prod"), group("catalog-api-prod")],
    },
    {
      name: "Lambda/Slowest invocations",
      queryString: "filter @type = \"REPORT\"\n| fields @timestamp, @requestId, @duration, @initDuration, @maxMemoryUsed / 1000 / 1000 as maxMemoryUsedMb\n| sort @duration desc\n| limit 20",
      logGroupNames: [group("search-query-prod")],
    },
    {
      name: "Lambda/Downstream latency by dependency",
      queryString: "filter msg = \"downstream call\"\n| stats count(*) as calls, avg(durationMs) as avgMs, pct(durationMs, 99) as p99Ms by dependency, target\n| sort p99Ms desc",
      logGroupNames: [group("search-query-prod"), group("checkout-api-prod")],
    },
    {
      name: "Lambda/Errors as the Errors metric counts them",
      queryString: ERRORS_AS_METRIC_QUERY,
      logGroupNames: [group("checkout-api-prod")],
    },
  ];
  return defs
    .map((d, i) => ({
      ...d,
      logGroupNames: d.logGroupNames.filter((g) => fleet.functions.some((f) => f.logGroup === g)),
      queryDefinitionId: uuidFrom(fleet.seed, `query-definition:${d.name}`),
      lastModifiedMs: fleet.anchorMs - (20 + 9 * i) * DAY_MS,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
