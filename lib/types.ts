// Domain types shared by route handlers and the browser (type-only imports from components/).
import type { AwsFailure, Panel } from "@/lib/aws/errors";
import type { Range } from "@/lib/ranges";

export type { AwsFailure, Panel };

export type FunctionStatus = "ok" | "warning" | "degraded" | "idle";

export type FunctionSummary = {
  name: string;
  arn: string;
  runtime: string; // "provided.al2023"; container images have none
  architecture: string; // x86_64 | arm64
  memoryMb: number;
  timeoutS: number;
  lastModified: string;
  description: string;
  logGroup: string;
  dlqArn?: string; // DeadLetterConfig.TargetArn
  ephemeralStorageMb: number; // EphemeralStorage.Size, 512 by default
  lambdaInsights: boolean; // the Lambda Insights extension layer is attached
};

export type FleetRow = FunctionSummary & {
  region: string;
  tags: Record<string, string> | null; // null when the tags could not be read (tag:GetResources failed)
  invocations?: number;
  errors?: number;
  errorRatePct?: number;
  throttles?: number;
  p99DurationMs?: number;
  maxConcurrency?: number;
  dlqDepth?: number;
  status?: FunctionStatus;
  statusReasons: string[];
};

/** What a view cost to compute: AWS calls made for it, and their price. */
export type ObservationCost = {
  awsCalls: Record<string, number>; // by IAM action
  metricsRequested: number;
  logsBytesScanned: number;
  /** What computing the view's data cost on AWS, whenever it was fetched. */
  usd: number;
  /** What this request spent: 0 when every part came from the cache. */
  spentUsd: number;
  /** Every part was served from the cache (or joined another request's fetch in flight). */
  fromCache: boolean;
  fetchedAtMs: number;
};

/** A part of one Region's overview that failed: its rows are listed without those figures. */
export type FleetFailure = { region: string; part: "functions" | "metrics" | "tags" | "dlq"; error: AwsFailure };

/** One page of the fleet overview, filtered and sorted on the server over every Region asked. */
export type FleetOverview = {
  range: Range;
  regions: string[];
  window: { startMs: number; endMs: number };
  /** When the function list was read (the oldest Region's): it is re-read in the background every 5 minutes. */
  listedAtMs: number;
  /** Functions in the Regions asked; `matched` pass the filter; `rows` are those from `offset`, at most `limit`. */
  total: number;
  matched: number;
  offset: number;
  limit: number;
  rows: FleetRow[];
  counts: Record<FunctionStatus, number>;
  /** Every value each tag key has in the fleet, for the filter menus. */
  tagValues: Record<string, string[]>;
  failures: FleetFailure[];
  cost: ObservationCost;
};

export type SeriesPoint = { t: number } & Record<string, number | null>;

export type FunctionMetrics = {
  range: Range;
  window: { startMs: number; endMs: number; periodS: number };
  reservedConcurrency: number | null;
  /** One row per period: invocations, errors, throttles, concurrency, p50/p95/p99/max duration. */
  lambda: SeriesPoint[];
  dlq: { queueName: string; points: SeriesPoint[] } | null;
  totals: { invocations: number; errors: number; throttles: number; errorRatePct: number | null };
  status: { status: FunctionStatus; reasons: string[] };
  cost: ObservationCost;
};

export type FunctionConfig = FunctionSummary & {
  handler: string;
  role: string;
  state: string;
  packageType: string;
  codeSizeBytes: number;
  ephemeralStorageMb: number;
  tracingMode: string;
  appLogLevel: string | null; // LoggingConfig.ApplicationLogLevel (JSON log format only)
  logFormat: string;
  reservedConcurrency: number | null; // null = unreserved (uses the account's pool)
  tags: Record<string, string>;
};

export type VersionInfo = { version: string; description: string; lastModified: string; memoryMb: number; codeSha256: string };
export type AliasInfo = { name: string; version: string; additionalVersionWeights: Record<string, number>; description: string; revisionId: string };
export type EventSourceInfo = { uuid: string; eventSourceArn: string; state: string; batchSize: number | null; lastModified: string | null };
export type AsyncConfig = { onFailureArn: string | null; onSuccessArn: string | null; maximumRetryAttempts: number | null; maximumEventAgeS: number | null; lastModified: string | null };
/** `lastModifiedMs`: when this configuration was set (ListProvisionedConcurrencyConfigs keeps no older history). */
export type ProvisionedConcurrencyInfo = { qualifier: string; requested: number; allocated: number; available: number; status: string; lastModifiedMs: number | null };

export type AlarmInfo = {
  name: string;
  arn: string;
  state: "OK" | "ALARM" | "INSUFFICIENT_DATA";
  stateReason: string;
  stateUpdated: string; // ISO
  metric: string; // "AWS/Lambda Errors Sum"
  condition: string; // "> 5 for 1 of 1 × 300 s"
};

export type FunctionDetail = {
  config: FunctionConfig;
  versions: Panel<VersionInfo[]>;
  aliases: Panel<AliasInfo[]>;
  eventSources: Panel<EventSourceInfo[]>;
  asyncConfig: Panel<AsyncConfig | null>;
  provisionedConcurrency: Panel<ProvisionedConcurrencyInfo[]>;
  /** The SQS queue failed events go to (DeadLetterConfig, else an SQS on-failure destination). */
  dlqArn: string | null;
  cost: ObservationCost;
};
