// CloudWatch, JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.<Action>`; the SDK moved
// CloudWatch from the query protocol to JSON 1.0 with awsQueryCompatible errors).
import type { ServiceDef } from "../../wire/service";
import { describeAlarms, describeAlarmsForMetric } from "./alarms";
import { cloudwatchFaults } from "./errors";
import { getMetricData, type SeriesSource } from "./get-metric-data";

export type { SeriesSource } from "./get-metric-data";

/**
 * CloudWatch for one account. Metrics come from the fleet model, except the namespaces in
 * `published`: those other services publish into CloudWatch from their own state (CloudWatch Logs'
 * AWS/Logs from the account's log store), so the server hands them in.
 */
export function cloudwatchService(published: Record<string, SeriesSource> = {}): ServiceDef {
  const publishers = new Map(Object.entries(published));
  const source: SeriesSource = (model, req) => (publishers.get(req.namespace) ?? ((m, r) => m.metricSeries(r)))(model, req);
  return {
    iamPrefix: "cloudwatch",
    protocol: { kind: "json", version: "1.0", targetPrefix: "GraniteServiceVersion20100801" },
    actions: {
      GetMetricData: (input, ctx) => getMetricData(input, ctx, source),
      DescribeAlarms: describeAlarms,
      DescribeAlarmsForMetric: describeAlarmsForMetric,
    },
    faults: cloudwatchFaults,
  };
}
