// createFleet: the demo account's functions, versions, aliases, queues and alarms, all derived from
// the seed and the anchor instant, so the same inputs always give the same account.
import type { Architecture, EventSourceMappingSpec, Fleet, FunctionSpec, LayerSpec } from "./types";
import { DEFAULT_BEHAVIOUR, type Behaviour } from "./behaviour";
import { defaultCatalog, type CatalogEntry } from "./fleet-catalog";
import { extraEntry } from "./fleet-extras";
import { buildLiveAlias, buildVersions, fakeSha256 } from "./fleet-versions";
import { ACCOUNT_ID, DEFAULT_REGION, buildQueues, functionAlarms, lambdaArn, queueAlarm, sqsArn } from "./fleet-resources";
import { hash4, hashString } from "./rng";

export const DEFAULT_FUNCTION_COUNT = 40;
const INCIDENT_COUNT = 7;
const ACCOUNT_CONCURRENCY_LIMIT = 1000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** AWS default for EventInvokeConfig: two retries, events kept up to six hours. */
const ASYNC_RETRIES = 2;
const ASYNC_MAX_EVENT_AGE_S = 21_600;

const behaviours = new WeakMap<Fleet, Map<string, Behaviour>>();

/** The run-time behaviour of a fleet function (looked up by name, so spec copies share it). */
export function behaviourOf(fleet: Fleet, functionName: string): Behaviour {
  const behaviour = behaviours.get(fleet)?.get(functionName);
  if (!behaviour) throw new Error(`no behaviour for function ${functionName}`);
  return behaviour;
}

/**
 * The fleet of one region. 0 functions is an empty region (one the account never used: no
 * functions, queues or alarms); otherwise at least the incident functions.
 */
export function createFleet(seed: number, functionCount: number, anchorMs: number, region = DEFAULT_REGION): Fleet {
  if (!Number.isInteger(functionCount) || (functionCount !== 0 && functionCount < INCIDENT_COUNT)) {
    throw new Error(`functionCount must be 0 (an empty region) or an integer ≥ ${INCIDENT_COUNT} (the incident functions), got ${functionCount}`);
  }
  const entries = catalogFor(seed, functionCount);
  const functions = entries.map((entry) => toFunctionSpec(seed, region, entry, anchorMs));
  const queues = buildQueues(region, functions, anchorMs);
  const byName = new Map(functions.map((fn) => [fn.name, fn]));
  const alarms = [
    ...functions.flatMap((fn, i) => (fn.name.endsWith("-prod") ? functionAlarms(region, fn, peakPer5Min(entries[i])) : [])),
    ...queues.filter((q) => q.deadLetterFor).map((q) => queueAlarm(region, q, byName.get(q.deadLetterFor!))),
  ];
  const reservedTotal = functions.reduce((sum, fn) => sum + (fn.reservedConcurrency ?? 0), 0);
  const fleet: Fleet = {
    accountId: ACCOUNT_ID,
    region,
    seed,
    anchorMs,
    functions,
    byName,
    queues,
    alarms,
    account: {
      concurrentExecutions: ACCOUNT_CONCURRENCY_LIMIT,
      unreservedConcurrentExecutions: ACCOUNT_CONCURRENCY_LIMIT - reservedTotal,
      codeSizeZippedBytes: functions.reduce((sum, fn) => sum + fn.codeSizeBytes * (1 + fn.versions.length), 0),
    },
  };
  behaviours.set(fleet, new Map(entries.map((e) => [e.name, { ...DEFAULT_BEHAVIOUR, ...e.behaviour }])));
  return fleet;
}

/** The default 40 in catalog order, then generated ones; below 40 the incident functions come first. */
function catalogFor(seed: number, functionCount: number): CatalogEntry[] {
  const catalog = defaultCatalog();
  if (functionCount < catalog.length) {
    const incidents = catalog.filter((e) => e.incident);
    return [...incidents, ...catalog.filter((e) => !e.incident)].slice(0, functionCount);
  }
  const extras = Array.from({ length: functionCount - catalog.length }, (_, i) => extraEntry(seed, i));
  return [...catalog, ...extras];
}

function peakPer5Min(entry: CatalogEntry): number {
  const b = { ...DEFAULT_BEHAVIOUR, ...entry.behaviour };
  if (b.pattern === "scheduled") return 5 / b.everyMin;
  if (b.pattern === "bursty") return 1 + b.burstExtraMean;
  return b.peakRps * 300;
}

function toFunctionSpec(seed: number, region: string, entry: CatalogEntry, anchorMs: number): FunctionSpec {
  const h = hashString(entry.name);
  const versions = buildVersions(seed, entry.name, entry.publishedVersions ?? 0, entry.memoryMb, anchorMs, entry.incident === "bad-deploy");
  const aliases = entry.alias && versions.length > 0 ? [buildLiveAlias(versions, entry.incident === "bad-deploy", anchorMs)] : [];
  const latest = versions[versions.length - 1];
  // $LATEST was last updated just before the newest version was published (or some weeks ago).
  const lastModifiedMs = latest ? latest.createdAtMs - MINUTE_MS : anchorMs - DAY_MS * (20 + (h % 60));
  const async = entry.invocation === "async";
  return {
    name: entry.name,
    createdAtMs: createdAtFor(entry, h, anchorMs, [lastModifiedMs, ...versions.map((v) => v.createdAtMs)]),
    arn: lambdaArn(region, entry.name),
    runtime: entry.runtime,
    architecture: entry.architecture,
    handler: handlerFor(entry),
    role: `arn:aws:iam::${ACCOUNT_ID}:role/${entry.tagKeys?.length === 0 ? "legacy-lambda-role" : `${entry.service}-lambda-exec`}`,
    description: entry.description,
    memoryMb: entry.memoryMb,
    timeoutS: entry.timeoutS,
    ephemeralStorageMb: entry.memoryMb >= 3008 ? 2048 : 512,
    codeSizeBytes: codeSizeFor(seed, entry, h),
    codeSha256: latest?.codeSha256 ?? fakeSha256(seed, `${entry.name}#latest`),
    lastModifiedMs,
    tags: tagsFor(entry),
    reservedConcurrency: entry.reservedConcurrency,
    provisionedConcurrency: entry.provisionedConcurrency && aliases.length
      ? { qualifier: "live", requested: entry.provisionedConcurrency, allocatedAtMs: anchorMs - 30 * DAY_MS }
      : undefined,
    tracing: entry.tracing ? "Active" : "PassThrough",
    logFormat: entry.logFormat ?? "Text",
    applicationLogLevel: entry.logFormat === "JSON" ? (entry.logLevel ?? "INFO") : undefined,
    logGroup: entry.logGroup ?? `/aws/lambda/${entry.name}`,
    invocation: entry.invocation,
    deadLetterQueueName: entry.dlq ? `${entry.name}-dlq` : undefined,
    onFailureDestinationArn: entry.failureQueue ? sqsArn(region, `${entry.name}-failures`) : undefined,
    maximumRetryAttempts: async ? ASYNC_RETRIES : undefined,
    maximumEventAgeS: async ? ASYNC_MAX_EVENT_AGE_S : undefined,
    eventSourceMappings: entry.eventSource ? [eventSourceMapping(seed, region, entry, lastModifiedMs)] : [],
    ...(entry.lambdaInsights ? { layers: [lambdaInsightsLayer(region, entry.architecture)], lambdaInsights: true } : {}),
    versions,
    aliases,
    incident: entry.incident,
  };
}

/**
 * The Lambda Insights extension as a function attaches it in us-east-1: AWS publishes it from account
 * 580247275435 as `LambdaInsightsExtension` (x86_64, version 53) and `LambdaInsightsExtension-Arm64`
 * (version 20); ARNs as in awslabs/serverless-plugin-lambda-insights layerVersions.json and public
 * IaC that pins them (sim/README.md, "Lambda Insights"). The code sizes are illustrative (no source
 * gives them). Other regions: the same account and names in that region's ARN; the version numbers
 * differ by region on AWS (layerVersions.json), which the demo does not model.
 */
const LAMBDA_INSIGHTS_LAYERS: Record<Architecture, { name: string; codeSizeBytes: number }> = {
  x86_64: { name: "LambdaInsightsExtension:53", codeSizeBytes: 5_890_107 },
  arm64: { name: "LambdaInsightsExtension-Arm64:20", codeSizeBytes: 5_360_722 },
};

function lambdaInsightsLayer(region: string, architecture: Architecture): LayerSpec {
  const { name, codeSizeBytes } = LAMBDA_INSIGHTS_LAYERS[architecture];
  return { arn: `arn:aws:lambda:${region}:580247275435:layer:${name}`, codeSizeBytes };
}

function handlerFor(entry: CatalogEntry): string {
  if (entry.runtime.startsWith("provided")) return "bootstrap";
  return entry.runtime.startsWith("nodejs") ? "index.handler" : "app.handler";
}

function tagsFor(entry: CatalogEntry): Record<string, string> {
  const all = { service: entry.serviceTag ?? entry.service, env: entry.env, owner: `team-${entry.service}` };
  const keys = entry.tagKeys ?? (["service", "env", "owner"] as const);
  return Object.fromEntries(keys.map((k) => [k, all[k]]));
}

/**
 * When the function was created: `createdDaysAgo` for the few made during the year of billing
 * history, otherwise 13–24 months before the anchor (before the bill starts). Never after its first
 * version or last change.
 */
function createdAtFor(entry: CatalogEntry, h: number, anchorMs: number, changesMs: number[]): number {
  const daysAgo = entry.createdDaysAgo ?? 400 + (h % 330);
  const createdMs = Math.floor((anchorMs - daysAgo * DAY_MS - MINUTE_MS * (h % 1440)) / MINUTE_MS) * MINUTE_MS;
  return Math.min(createdMs, ...changesMs);
}

/** Zipped code sizes by runtime: Go binaries ~4–12 MB, Node bundles ~0.5–4 MB, Python ~1–20 MB. */
function codeSizeFor(seed: number, entry: CatalogEntry, h: number): number {
  const u = hash4(seed, h, 0xc0de, 0) / 4294967296;
  const [lowMb, highMb] = entry.runtime.startsWith("provided") ? [4, 12] : entry.runtime.startsWith("nodejs") ? [0.5, 4] : [1, 20];
  return Math.round((lowMb + (highMb - lowMb) * u) * 1_048_576);
}

function eventSourceMapping(seed: number, region: string, entry: CatalogEntry, lastModifiedMs: number): EventSourceMappingSpec {
  const source = entry.eventSource!;
  const eventSourceArn = source.kind === "sqs"
    ? sqsArn(region, source.queue)
    : `arn:aws:dynamodb:${region}:${ACCOUNT_ID}:table/${source.table}/stream/2025-03-14T09:26:53.589`;
  return { uuid: uuidFrom(seed, `esm:${entry.name}`), eventSourceArn, batchSize: source.batchSize, state: "Enabled", lastModifiedMs };
}

/** A version-4-shaped UUID from (seed, text). */
export function uuidFrom(seed: number, text: string): string {
  const h = hashString(text);
  const hex = [0, 1, 2, 3].map((i) => hash4(seed, h, i, 0x0d1d).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${"89ab"[parseInt(hex[16], 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
