import "server-only";
import { paginateDescribeAlarms, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import { getConfig } from "@/lib/config";
import type { CostLedger } from "@/lib/cost/observation-cost";
import type { AlarmInfo } from "@/lib/types";

const OPERATORS: Record<string, string> = {
  GreaterThanThreshold: ">",
  GreaterThanOrEqualToThreshold: "≥",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

export function toAlarmInfo(a: MetricAlarm): AlarmInfo {
  const stat = a.ExtendedStatistic ?? a.Statistic ?? "";
  const m = a.DatapointsToAlarm ?? a.EvaluationPeriods ?? 1;
  return {
    name: a.AlarmName ?? "",
    arn: a.AlarmArn ?? "",
    state: (a.StateValue ?? "INSUFFICIENT_DATA") as AlarmInfo["state"],
    stateReason: a.StateReason ?? "",
    stateUpdated: a.StateUpdatedTimestamp ? a.StateUpdatedTimestamp.toISOString() : "",
    metric: `${a.Namespace ?? ""} ${a.MetricName ?? ""} ${stat}`.trim(),
    condition: `${OPERATORS[a.ComparisonOperator ?? ""] ?? a.ComparisonOperator ?? "?"} ${a.Threshold} for ${m} of ${a.EvaluationPeriods ?? 1} × ${a.Period ?? 60} s`,
  };
}

/** Does this alarm watch the function (any of its dimensions) or its dead-letter queue? */
export function watches(a: MetricAlarm, functionName: string, queueName: string | null): boolean {
  return (a.Dimensions ?? []).some(
    (d) => (d.Name === "FunctionName" && d.Value === functionName) || (d.Name === "Resource" && d.Value?.split(":")[0] === functionName) || (queueName !== null && d.Name === "QueueName" && d.Value === queueName),
  );
}

async function describeAllAlarms(ledger: CostLedger): Promise<MetricAlarm[]> {
  const alarms: MetricAlarm[] = [];
  for await (const page of paginateDescribeAlarms({ client: awsClients().cloudwatch, pageSize: 100 }, { AlarmTypes: ["MetricAlarm"] })) {
    ledger.count("cloudwatch:DescribeAlarms");
    alarms.push(...(page.MetricAlarms ?? []));
  }
  return alarms;
}

/**
 * The alarms on a function and its DLQ. DescribeAlarms cannot filter by dimension, so the account's
 * alarms are listed once (cached, shared by every function page) and filtered here.
 */
export async function getFunctionAlarms(functionName: string, queueName: string | null) {
  const { value, cost } = await cachedFetch("cloudwatch:DescribeAlarms", getConfig().cacheTtlMs, describeAllAlarms);
  const order = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };
  const alarms = value.filter((a) => watches(a, functionName, queueName)).map(toAlarmInfo);
  return { alarms: alarms.sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name)), cost };
}
