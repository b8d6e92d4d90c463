// The contract between the demo account's fleet model (sim/model) and its wire layer
// (sim/server.ts, sim/services). The wire layer turns these into AWS-shaped responses;
// nothing outside sim/ imports this file (the dashboard sees only the AWS wire protocol).

export type Runtime = "provided.al2023" | "nodejs20.x" | "nodejs22.x" | "python3.12" | "python3.13";
export type Architecture = "x86_64" | "arm64";

/** Scripted incidents; each names exactly one function of the default fleet (see sim/README.md). */
export type IncidentKind =
  | "bad-deploy" // new version + alias moved (after a canary weight shift); errors jump
  | "throttled" // reserved concurrency below demand: Throttles > 0, ConcurrentExecutions at the limit
  | "over-provisioned" // 10,240 MB for a function that uses ~90 MB and gains nothing from CPU
  | "near-oom" // max memory used close to memory size, occasional Runtime.OutOfMemory
  | "growing-dlq" // async function failing more; its DLQ depth grows for days
  | "slow-downstream" // p99 duration up (downstream latency), cold starts unchanged
  | "cold-start-heavy"; // low, bursty traffic: environments go cold between calls

export interface VersionSpec {
  version: string; // "1", "2", …
  createdAtMs: number;
  memoryMb: number; // the configuration the version was published with
  description: string;
  codeSha256: string;
}

export interface AliasSpec {
  name: string; // "live", "prod", …
  /** Alias history: the alias points at `version` (with optional extra weights) from `fromMs`. Sorted by fromMs. */
  history: { fromMs: number; version: string; additionalVersionWeights?: Record<string, number> }[];
  description: string;
}

export interface EventSourceMappingSpec {
  uuid: string;
  eventSourceArn: string; // an SQS queue, DynamoDB stream or Kinesis stream ARN
  batchSize: number;
  state: "Enabled" | "Disabled";
  lastModifiedMs: number;
}

/** A layer version attached to a function (Lambda's Layer shape: Arn, CodeSize). */
export interface LayerSpec {
  arn: string;
  codeSizeBytes: number;
}

export interface FunctionSpec {
  name: string;
  arn: string;
  /** When the function was created (Lambda does not report it; the bill and its log group start here). */
  createdAtMs: number;
  runtime: Runtime;
  architecture: Architecture;
  handler: string;
  role: string;
  description: string;
  memoryMb: number;
  timeoutS: number;
  ephemeralStorageMb: number;
  codeSizeBytes: number;
  codeSha256: string;
  lastModifiedMs: number;
  tags: Record<string, string>; // service / env / owner; a few functions have none, two spell service "Checkout"
  reservedConcurrency?: number;
  provisionedConcurrency?: { qualifier: string; requested: number; allocatedAtMs: number };
  tracing: "Active" | "PassThrough";
  logFormat: "Text" | "JSON";
  /** LoggingConfig.ApplicationLogLevel: JSON format only (AWS allows log levels only with JSON); INFO by default. */
  applicationLogLevel?: "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR" | "FATAL";
  logGroup: string; // "/aws/lambda/<name>" unless a custom LoggingConfig.LogGroup
  /** "sync" = API/RequestResponse; "async" = Event invocations (DLQ / on-failure apply); "stream" = event source mapping. */
  invocation: "sync" | "async" | "stream";
  deadLetterQueueName?: string; // DeadLetterConfig.TargetArn → an SQS queue of the account
  onFailureDestinationArn?: string; // EventInvokeConfig on-failure destination
  maximumRetryAttempts?: number; // EventInvokeConfig, async only (AWS default 2)
  maximumEventAgeS?: number;
  eventSourceMappings: EventSourceMappingSpec[];
  /** Lambda layers attached (configuration Layers); absent = none. */
  layers?: LayerSpec[];
  /** CloudWatch Lambda Insights enabled (its extension is one of `layers`): performance events go to /aws/lambda-insights. */
  lambdaInsights?: boolean;
  versions: VersionSpec[]; // published versions, oldest first ($LATEST is implicit)
  aliases: AliasSpec[];
  incident?: IncidentKind;
}

export interface QueueSpec {
  name: string;
  url: string; // http(s)://<endpoint>/<account>/<name> is filled in by the wire layer; this is the path part
  arn: string;
  /** The function whose failed events land here (DLQ or on-failure destination), if any. */
  deadLetterFor?: string;
  createdAtMs: number;
  /** SQS redrive for a source queue (GetQueueAttributes RedrivePolicy). Optional; added by the wire layer. */
  redrivePolicy?: { deadLetterTargetArn: string; maxReceiveCount: number };
}

export interface AlarmSpec {
  name: string;
  arn: string;
  description: string;
  namespace: "AWS/Lambda" | "AWS/SQS";
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  statistic?: "Sum" | "Average" | "Maximum" | "Minimum" | "SampleCount";
  extendedStatistic?: string; // "p99"
  periodS: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparisonOperator: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
  treatMissingData: "missing" | "notBreaching" | "breaching" | "ignore";
  /** SNS topic ARNs notified on ALARM (DescribeAlarms AlarmActions). Optional; added by the wire layer, default none. */
  alarmActions?: string[];
  /** When the alarm was created or last reconfigured (AlarmConfigurationUpdatedTimestamp). Optional; default anchor − 30 days. */
  configuredAtMs?: number;
}

export interface AlarmState {
  value: "OK" | "ALARM" | "INSUFFICIENT_DATA";
  reason: string; // AWS-style StateReason text
  updatedAtMs: number; // when the state last changed
}

export interface Fleet {
  accountId: string; // "123456789012"
  region: string; // "us-east-1"
  seed: number;
  /** The model's reference instant: start time floored to the minute. Incidents are placed relative to it. */
  anchorMs: number;
  functions: FunctionSpec[];
  byName: Map<string, FunctionSpec>;
  queues: QueueSpec[];
  alarms: AlarmSpec[];
  account: { concurrentExecutions: number; unreservedConcurrentExecutions: number; codeSizeZippedBytes: number };
}

export type Dimensions = Record<string, string>;

export interface MetricRequest {
  namespace: string; // "AWS/Lambda" | "AWS/SQS"
  metricName: string;
  dimensions: Dimensions; // e.g. { FunctionName: "checkout-api" } or { FunctionName, ExecutedVersion } or { Resource: "fn:alias", FunctionName } or { QueueName }
  /** "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount" | "p50" | "p99.9" | … (CloudWatch statistic names) */
  stat: string;
  startMs: number; // inclusive, aligned by the caller to periodS
  endMs: number; // exclusive
  periodS: number; // multiple of 60
}

/** One datapoint per period that has data, oldest first (the wire layer orders/pages them). */
export interface MetricSeries {
  timestampsMs: number[];
  values: number[];
}

export interface SimModel {
  fleet: Fleet;
  /** Current time of the model (real clock unless fixed at creation). No data exists at or after it. */
  nowMs(): number;
  /** null when no such metric exists in the account (AWS then returns an empty series, not an error). */
  metricSeries(req: MetricRequest): MetricSeries | null;
  alarmState(alarm: AlarmSpec, atMs: number): AlarmState;
}
