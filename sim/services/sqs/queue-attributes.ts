// GetQueueAttributes values for one queue, from the queue's spec and the fleet model's AWS/SQS
// metrics at "now". Every value is a string on the wire, timestamps in epoch seconds.
import type { QueueSpec, SimModel } from "../../model/types";
import { invalidAttributeName } from "./errors";

// The QueueAttributeName enum of the SQS API (client-sqs QueueAttributeName).
const KNOWN_ATTRIBUTES = new Set([
  "All", "Policy", "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "ApproximateNumberOfMessages",
  "ApproximateNumberOfMessagesNotVisible", "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
  "ApproximateNumberOfMessagesDelayed", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "RedrivePolicy", "FifoQueue",
  "ContentBasedDeduplication", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds", "DeduplicationScope",
  "FifoThroughputLimit", "RedriveAllowPolicy", "SqsManagedSseEnabled",
]);

const MINUTE_MS = 60_000;
// Defaults of CreateQueue: 4-day retention; dead-letter queues are usually set to the 14-day maximum
// so failed events outlive their source (SQS Developer Guide, "Using dead-letter queues").
const DEFAULT_RETENTION_S = 345_600;
const DLQ_RETENTION_S = 1_209_600;

/** The queue's attributes; `names` as sent (absent → none, as SQS returns none). */
export function queueAttributes(queue: QueueSpec, model: SimModel, names: string[] | undefined): Record<string, string> | undefined {
  if (!names || names.length === 0) return undefined;
  for (const name of names) if (!KNOWN_ATTRIBUTES.has(name)) throw invalidAttributeName(name);
  const all = allAttributes(queue, model);
  if (names.includes("All")) return all;
  // Attributes the queue doesn't have (Policy, FifoQueue on a standard queue, …) are left out, as SQS does.
  return Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]]));
}

function allAttributes(queue: QueueSpec, model: SimModel): Record<string, string> {
  const createdS = String(Math.floor(queue.createdAtMs / 1000));
  const attrs: Record<string, string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(latestGauge(model, queue.name, "ApproximateNumberOfMessagesVisible")),
    ApproximateNumberOfMessagesNotVisible: String(latestGauge(model, queue.name, "ApproximateNumberOfMessagesNotVisible")),
    ApproximateNumberOfMessagesDelayed: String(latestGauge(model, queue.name, "ApproximateNumberOfMessagesDelayed")),
    CreatedTimestamp: createdS,
    LastModifiedTimestamp: createdS,
    VisibilityTimeout: "30",
    MessageRetentionPeriod: String(queue.deadLetterFor ? DLQ_RETENTION_S : DEFAULT_RETENTION_S),
    DelaySeconds: "0",
    ReceiveMessageWaitTimeSeconds: "0",
    SqsManagedSseEnabled: "true",
  };
  if (queue.redrivePolicy) attrs.RedrivePolicy = JSON.stringify(queue.redrivePolicy);
  return attrs;
}

/**
 * The queue's depth now: the newest datapoint of the model's AWS/SQS gauge over the last 15 minutes
 * (SQS publishes these every 5 minutes). 0 when the model has none, e.g. nothing was ever delayed.
 */
function latestGauge(model: SimModel, queueName: string, metricName: string): number {
  const nowMinuteMs = Math.floor(model.nowMs() / MINUTE_MS) * MINUTE_MS;
  const series = model.metricSeries({
    namespace: "AWS/SQS",
    metricName,
    dimensions: { QueueName: queueName },
    stat: "Maximum",
    startMs: nowMinuteMs - 15 * MINUTE_MS,
    endMs: nowMinuteMs + MINUTE_MS,
    periodS: 60,
  });
  if (!series || series.values.length === 0) return 0;
  return Math.max(0, Math.round(series.values[series.values.length - 1]));
}
