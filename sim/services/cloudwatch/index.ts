// CloudWatch, JSON 1.0 (`X-Amz-Target: GraniteServiceVersion20100801.<Action>`; the SDK moved
// CloudWatch from the query protocol to JSON 1.0 with awsQueryCompatible errors).
import type { ServiceDef } from "../../wire/service";
import { describeAlarms, describeAlarmsForMetric } from "./alarms";
import { cloudwatchFaults } from "./errors";
import { getMetricData } from "./get-metric-data";

export const cloudwatchService: ServiceDef = {
  iamPrefix: "cloudwatch",
  protocol: { kind: "json", version: "1.0", targetPrefix: "GraniteServiceVersion20100801" },
  actions: {
    GetMetricData: getMetricData,
    DescribeAlarms: describeAlarms,
    DescribeAlarmsForMetric: describeAlarmsForMetric,
  },
  faults: cloudwatchFaults,
};
