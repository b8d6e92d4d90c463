// FunctionConfiguration as Lambda returns it, for $LATEST or a published version.
import { createHash } from "node:crypto";
import type { FunctionSpec, SimModel, VersionSpec } from "../../model/types";
import { lambdaTimestamp } from "../../wire/format";
import { LATEST, functionArn } from "./resolve";

export interface ConfigurationOptions {
  version?: VersionSpec; // undefined = $LATEST
  /** Qualifier shown in FunctionArn ("$LATEST", "3", "live"); none = the unqualified ARN. */
  arnQualifier?: string;
  /**
   * ListFunctions / ListVersionsByFunction return a subset: "To get the additional fields (State,
   * StateReasonCode, StateReason, LastUpdateStatus, LastUpdateStatusReason, LastUpdateStatusReasonCode,
   * RuntimeVersionConfig) for a function or version, use GetFunction." (Lambda API reference, ListFunctions).
   */
  listing?: boolean;
}

export function functionConfiguration(fn: FunctionSpec, model: SimModel, opts: ConfigurationOptions = {}) {
  const v = opts.version;
  const version = v?.version ?? LATEST;
  const lastModifiedMs = v?.createdAtMs ?? fn.lastModifiedMs;
  const codeSha256 = v?.codeSha256 ?? fn.codeSha256;
  const config: Record<string, unknown> = {
    FunctionName: fn.name,
    FunctionArn: functionArn(model, fn.name, opts.arnQualifier),
    Runtime: fn.runtime,
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.codeSizeBytes,
    Description: v?.description ?? fn.description,
    Timeout: fn.timeoutS,
    MemorySize: v?.memoryMb ?? fn.memoryMb,
    LastModified: lambdaTimestamp(lastModifiedMs),
    CodeSha256: codeSha256,
    Version: version,
    TracingConfig: { Mode: fn.tracing },
    // Layers: [{ Arn, CodeSize }] (Lambda API reference, Layer), only when some are attached, as
    // Lambda omits the member otherwise. Versions keep the layers of $LATEST here (the demo's layers
    // never changed).
    ...(fn.layers?.length ? { Layers: fn.layers.map((l) => ({ Arn: l.arn, CodeSize: l.codeSizeBytes })) } : {}),
    RevisionId: revisionId(fn.name, version, codeSha256, lastModifiedMs),
    PackageType: "Zip",
    Architectures: [fn.architecture],
    EphemeralStorage: { Size: fn.ephemeralStorageMb },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: loggingConfig(fn),
  };
  if (fn.deadLetterQueueName) config.DeadLetterConfig = { TargetArn: queueArn(model, fn.deadLetterQueueName) };
  if (!opts.listing) {
    config.State = "Active";
    config.LastUpdateStatus = "Successful";
    config.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(model, fn.runtime) };
  }
  return config;
}

function loggingConfig(fn: FunctionSpec) {
  // Log levels exist only with the JSON format; INFO is Lambda's default for both.
  // Source: Lambda Developer Guide, "Configuring JSON and plain text log formats".
  // identity-session-prod runs its application logs at DEBUG (sim/logs/debug-lines.ts).
  return fn.logFormat === "JSON"
    ? { LogFormat: "JSON", ApplicationLogLevel: fn.applicationLogLevel ?? "INFO", SystemLogLevel: "INFO", LogGroup: fn.logGroup }
    : { LogFormat: "Text", LogGroup: fn.logGroup };
}

function queueArn(model: SimModel, queueName: string): string {
  const queue = model.fleet.queues.find((q) => q.name === queueName);
  return queue?.arn ?? `arn:aws:sqs:${model.fleet.region}:${model.fleet.accountId}:${queueName}`;
}

/** A stable UUID-shaped id derived from its parts (RevisionId changes only when the configuration does). */
export function stableUuid(...parts: (string | number)[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const revisionId = (name: string, version: string, codeSha256: string, lastModifiedMs: number) =>
  stableUuid("revision", name, version, codeSha256, lastModifiedMs);

// Runtime version ARNs have an empty account field and a 64-hex id: arn:aws:lambda:<region>::runtime:<id>.
const runtimeVersionArn = (model: SimModel, runtime: string) =>
  `arn:aws:lambda:${model.fleet.region}::runtime:${createHash("sha256").update(runtime).digest("hex")}`;

/** GetFunction's Code: where the deployment package would be downloaded from (a pre-signed S3 URL on AWS; not fetchable here). */
export function codeLocation(fn: FunctionSpec, model: SimModel, version?: VersionSpec) {
  const { region, accountId } = model.fleet;
  const id = stableUuid("code", fn.name, version?.codeSha256 ?? fn.codeSha256);
  return { RepositoryType: "S3", Location: `https://awslambda-${region}-tasks.s3.${region}.amazonaws.com/snapshots/${accountId}/${fn.name}-${id}` };
}
