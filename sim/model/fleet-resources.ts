// SQS queues and CloudWatch alarms that belong to the fleet's functions.
import type { AlarmSpec, FunctionSpec, QueueSpec } from "./types";

// One account in every region (ARNs differ only in their region), as an AWS account is.
export const ACCOUNT_ID = "123456789012";
/** The region of a model made without one, and the first region of a default demo account. */
export const DEFAULT_REGION = "us-east-1";
const DAY_MS = 86_400_000;

export const lambdaArn = (region: string, name: string) => `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${name}`;
export const sqsArn = (region: string, name: string) => `arn:aws:sqs:${region}:${ACCOUNT_ID}:${name}`;
const alarmArn = (region: string, name: string) => `arn:aws:cloudwatch:${region}:${ACCOUNT_ID}:alarm:${name}`;
/**
 * Each service's on-call SNS topic; alarms of functions without a service tag page the platform team.
 * Topics are named in lower case, so a function tagged `service=Checkout` pages checkout-oncall too.
 */
export const oncallTopicArn = (region: string, service: string | undefined) => `arn:aws:sns:${region}:${ACCOUNT_ID}:${service?.toLowerCase() ?? "platform"}-oncall`;

export function queueSpec(region: string, name: string, createdAtMs: number, deadLetterFor?: string): QueueSpec {
  return { name, url: `/${ACCOUNT_ID}/${name}`, arn: sqsArn(region, name), deadLetterFor, createdAtMs };
}

/** Queues: each function's DLQ or on-failure queue, plus the work queues its event source mappings read. */
export function buildQueues(region: string, functions: FunctionSpec[], anchorMs: number): QueueSpec[] {
  const queues = new Map<string, QueueSpec>();
  for (const fn of functions) {
    // Queues were created with their function, long before the metrics window.
    const createdAtMs = Math.min(fn.versions[0]?.createdAtMs ?? fn.lastModifiedMs, anchorMs - 30 * DAY_MS);
    if (fn.deadLetterQueueName) queues.set(fn.deadLetterQueueName, queueSpec(region, fn.deadLetterQueueName, createdAtMs, fn.name));
    const failureQueue = fn.onFailureDestinationArn?.split(":").pop();
    if (failureQueue && fn.onFailureDestinationArn!.startsWith("arn:aws:sqs:")) queues.set(failureQueue, queueSpec(region, failureQueue, createdAtMs, fn.name));
    for (const esm of fn.eventSourceMappings) {
      if (!esm.eventSourceArn.startsWith("arn:aws:sqs:")) continue;
      const name = esm.eventSourceArn.split(":").pop()!;
      queues.set(name, queueSpec(region, name, createdAtMs));
    }
  }
  return [...queues.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const dims = (pairs: Record<string, string>) => Object.entries(pairs).map(([Name, Value]) => ({ Name, Value }));

/**
 * Errors (Sum over 5 min above ~1 % of peak traffic, at least 5), Throttles (> 0) and Duration p99
 * (above 80 % of the timeout for 15 min) for one prod function. Missing data is not breaching:
 * scheduled and bursty functions have empty 5-minute periods all the time.
 */
export function functionAlarms(region: string, fn: FunctionSpec, peakInvocationsPer5Min: number): AlarmSpec[] {
  const base = { namespace: "AWS/Lambda" as const, dimensions: dims({ FunctionName: fn.name }), periodS: 300, alarmActions: [oncallTopicArn(region, fn.tags.service)] };
  const errorsThreshold = Math.max(5, Math.round(peakInvocationsPer5Min * 0.01));
  const durationThresholdMs = Math.round(fn.timeoutS * 1000 * 0.8);
  const make = (suffix: string, rest: Omit<AlarmSpec, "name" | "arn" | keyof typeof base>): AlarmSpec => {
    const name = `${fn.name}-${suffix}`;
    return { name, arn: alarmArn(region, name), ...base, ...rest };
  };
  return [
    make("errors", { description: `Errors of ${fn.name} above ${errorsThreshold} in 5 minutes`, metricName: "Errors", statistic: "Sum", evaluationPeriods: 1, datapointsToAlarm: 1, threshold: errorsThreshold, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching" }),
    make("throttles", { description: `${fn.name} is being throttled`, metricName: "Throttles", statistic: "Sum", evaluationPeriods: 1, datapointsToAlarm: 1, threshold: 0, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching" }),
    make("duration-p99", { description: `p99 duration of ${fn.name} above 80 % of its ${fn.timeoutS} s timeout`, metricName: "Duration", extendedStatistic: "p99", evaluationPeriods: 3, datapointsToAlarm: 3, threshold: durationThresholdMs, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching" }),
  ];
}

export function queueAlarm(region: string, queue: QueueSpec, owner: FunctionSpec | undefined): AlarmSpec {
  const name = `${queue.name}-not-empty`;
  return {
    name,
    arn: alarmArn(region, name),
    alarmActions: [oncallTopicArn(region, owner?.tags.service)],
    description: `Failed events of ${queue.deadLetterFor} are waiting in ${queue.name}`,
    namespace: "AWS/SQS",
    metricName: "ApproximateNumberOfMessagesVisible",
    dimensions: dims({ QueueName: queue.name }),
    statistic: "Maximum",
    periodS: 300,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 0,
    comparisonOperator: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
  };
}
