// The 40 functions of the default demo fleet. Rows are data; fleet.ts turns them into FunctionSpecs.
// Seven rows carry the scripted incidents (sim/README.md, "Fleet and incidents").
import type { Architecture, IncidentKind, Runtime } from "./types";
import type { Behaviour } from "./behaviour";

export type EventSource =
  | { kind: "sqs"; queue: string; batchSize: number }
  | { kind: "dynamodb"; table: string; batchSize: number };

export interface CatalogEntry {
  name: string;
  service: string;
  env: "prod" | "staging";
  /** Which of service / env / owner tags the function carries; default all three. */
  tagKeys?: ("service" | "env" | "owner")[];
  /** How the `service` tag is spelled when it differs from `service` (a team that tags two ways). */
  serviceTag?: string;
  /** Days before the anchor the function was created; default: before the 12 months of billing history. */
  createdDaysAgo?: number;
  runtime: Runtime;
  architecture: Architecture;
  memoryMb: number;
  timeoutS: number;
  invocation: "sync" | "async" | "stream";
  description: string;
  behaviour: Partial<Behaviour>;
  publishedVersions?: number;
  alias?: boolean;
  reservedConcurrency?: number;
  provisionedConcurrency?: number;
  dlq?: boolean;
  failureQueue?: boolean;
  eventSource?: EventSource;
  logGroup?: string;
  logFormat?: "JSON";
  /** ApplicationLogLevel, with logFormat JSON only (default INFO). */
  logLevel?: "DEBUG";
  tracing?: boolean;
  /**
   * CloudWatch Lambda Insights enabled: the extension layer is attached (Layers) and every invocation
   * writes one performance event to /aws/lambda-insights (sim/logs/lambda-insights.ts). Opt-in, and
   * not inherited by staging copies.
   */
  lambdaInsights?: boolean;
  incident?: IncidentKind;
}

const GO: Runtime = "provided.al2023";
const NODE: Runtime = "nodejs20.x";
const PY: Runtime = "python3.12";

const PROD: CatalogEntry[] = [
  { name: "checkout-api-prod", service: "checkout", env: "prod", runtime: GO, architecture: "x86_64", memoryMb: 1024, timeoutS: 10, invocation: "sync", description: "Checkout HTTP API", behaviour: { peakRps: 20, waitMs: 45, cpuMs: 30, memoryUsedMb: 78 }, publishedVersions: 5, alias: true, tracing: true, incident: "bad-deploy" },
  { name: "checkout-cart-prod", service: "checkout", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 512, timeoutS: 10, invocation: "sync", description: "Cart reads and writes", behaviour: { peakRps: 5, waitMs: 20, cpuMs: 8, memoryUsedMb: 52 }, publishedVersions: 3, alias: true },
  { name: "checkout-order-events-prod", service: "checkout", serviceTag: "Checkout", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 256, timeoutS: 60, invocation: "stream", description: "Fans out order table changes", behaviour: { peakRps: 3, waitMs: 30, cpuMs: 15, memoryUsedMb: 40 }, publishedVersions: 2, alias: true, eventSource: { kind: "dynamodb", table: "orders", batchSize: 100 } },
  { name: "payments-webhook-prod", service: "payments", env: "prod", runtime: GO, architecture: "x86_64", memoryMb: 512, timeoutS: 30, invocation: "sync", description: "Payment provider webhooks", behaviour: { peakRps: 9, waitMs: 1150, cpuMs: 50, sigma: 0.3, memoryUsedMb: 64 }, publishedVersions: 4, alias: true, reservedConcurrency: 10, tracing: true, incident: "throttled" },
  { name: "payments-ledger-prod", service: "payments", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 1024, timeoutS: 30, invocation: "stream", description: "Writes ledger entries from the payments queue", behaviour: { peakRps: 3, waitMs: 60, cpuMs: 20, memoryUsedMb: 70 }, publishedVersions: 3, alias: true, reservedConcurrency: 50, eventSource: { kind: "sqs", queue: "payments-ledger-queue", batchSize: 10 }, logGroup: "/payments/ledger-prod" },
  { name: "payments-refunds-prod", service: "payments", env: "prod", runtime: PY, architecture: "x86_64", memoryMb: 512, timeoutS: 60, invocation: "async", description: "Processes refund requests", behaviour: { peakRps: 0.5, waitMs: 300, cpuMs: 40, memoryUsedMb: 95 }, publishedVersions: 2, alias: true, dlq: true },
  { name: "payments-fraud-score-prod", service: "payments", env: "prod", tagKeys: ["service", "env"], runtime: PY, architecture: "x86_64", memoryMb: 2048, timeoutS: 10, invocation: "sync", description: "Fraud score for card payments", behaviour: { peakRps: 3, waitMs: 30, cpuMs: 120, memoryUsedMb: 410, memorySpreadMb: 20 }, publishedVersions: 1, lambdaInsights: true },
  { name: "catalog-thumbnailer-prod", service: "catalog", env: "prod", runtime: GO, architecture: "x86_64", memoryMb: 10240, timeoutS: 60, invocation: "async", description: "Copies pre-rendered product thumbnails between buckets", behaviour: { peakRps: 2, waitMs: 380, cpuMs: 12, sigma: 0.3, memoryUsedMb: 88, memorySpreadMb: 2 }, publishedVersions: 2, alias: true, failureQueue: true, lambdaInsights: true, incident: "over-provisioned" },
  { name: "catalog-api-prod", service: "catalog", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 512, timeoutS: 10, invocation: "sync", description: "Product catalog API", behaviour: { peakRps: 6, waitMs: 25, cpuMs: 12, memoryUsedMb: 60 }, publishedVersions: 3, alias: true, provisionedConcurrency: 5 },
  { name: "catalog-indexer-prod", service: "catalog", env: "prod", runtime: GO, architecture: "x86_64", memoryMb: 1769, timeoutS: 300, invocation: "stream", description: "Indexes product changes", behaviour: { peakRps: 1.2, waitMs: 200, cpuMs: 900, parallelism: 2, sigma: 0.4, memoryUsedMb: 380, memorySpreadMb: 30 }, publishedVersions: 3, alias: true, eventSource: { kind: "sqs", queue: "catalog-index-queue", batchSize: 5 }, lambdaInsights: true },
  { name: "search-query-prod", service: "search", env: "prod", runtime: GO, architecture: "x86_64", memoryMb: 1024, timeoutS: 10, invocation: "sync", description: "Search queries against the product index table", behaviour: { peakRps: 20, waitMs: 40, cpuMs: 12, memoryUsedMb: 90 }, publishedVersions: 4, alias: true, tracing: true, incident: "slow-downstream" },
  { name: "search-suggest-prod", service: "search", env: "prod", runtime: NODE, architecture: "x86_64", memoryMb: 512, timeoutS: 5, invocation: "sync", description: "Type-ahead suggestions", behaviour: { peakRps: 6, waitMs: 15, cpuMs: 10, memoryUsedMb: 110 }, publishedVersions: 2, alias: true },
  { name: "search-reindex-prod", service: "search", env: "prod", runtime: PY, architecture: "x86_64", memoryMb: 3008, timeoutS: 900, invocation: "async", description: "Rebuilds the search index every 15 minutes", behaviour: { pattern: "scheduled", everyMin: 15, waitMs: 20_000, cpuMs: 45_000, sigma: 0.2, memoryUsedMb: 1400, memorySpreadMb: 60 }, publishedVersions: 1, reservedConcurrency: 2, dlq: true },
  { name: "notifications-email-prod", service: "notifications", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 256, timeoutS: 30, invocation: "async", description: "Sends transactional email through SES", behaviour: { peakRps: 3, waitMs: 220, cpuMs: 10, memoryUsedMb: 38, errorRate: 0.002 }, publishedVersions: 3, alias: true, dlq: true, incident: "growing-dlq" },
  { name: "notifications-sms-prod", service: "notifications", env: "prod", createdDaysAgo: 130, runtime: NODE, architecture: "arm64", memoryMb: 256, timeoutS: 30, invocation: "async", description: "Sends SMS", behaviour: { peakRps: 0.6, waitMs: 180, cpuMs: 15, memoryUsedMb: 85 }, publishedVersions: 2, alias: true, failureQueue: true },
  { name: "notifications-push-prod", service: "notifications", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 256, timeoutS: 15, invocation: "stream", description: "Mobile push from the push queue", behaviour: { peakRps: 2, waitMs: 90, cpuMs: 8, memoryUsedMb: 36 }, publishedVersions: 2, alias: true, eventSource: { kind: "sqs", queue: "notifications-push-queue", batchSize: 10 } },
  { name: "identity-token-rotator-prod", service: "identity", env: "prod", createdDaysAgo: 230, runtime: NODE, architecture: "x86_64", memoryMb: 256, timeoutS: 30, invocation: "sync", description: "Rotates partner API tokens on demand", behaviour: { pattern: "bursty", burstPerMin: 0.08, burstExtraMean: 2.5, waitMs: 150, cpuMs: 40, memoryUsedMb: 92 }, publishedVersions: 2, alias: true, incident: "cold-start-heavy" },
  { name: "identity-auth-prod", service: "identity", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 512, timeoutS: 5, invocation: "sync", description: "Authenticates sessions and API keys", behaviour: { peakRps: 8, waitMs: 18, cpuMs: 10, memoryUsedMb: 48 }, publishedVersions: 4, alias: true, provisionedConcurrency: 8, logFormat: "JSON", tracing: true },
  { name: "identity-session-prod", service: "identity", env: "prod", runtime: GO, architecture: "arm64", memoryMb: 256, timeoutS: 3, invocation: "sync", description: "Session lookups", behaviour: { peakRps: 4, waitMs: 10, cpuMs: 5, memoryUsedMb: 34 }, publishedVersions: 2, alias: true, logFormat: "JSON", logLevel: "DEBUG" },
  { name: "reporting-export-prod", service: "reporting", env: "prod", runtime: PY, architecture: "x86_64", memoryMb: 1024, timeoutS: 900, invocation: "async", description: "Builds customer CSV exports in memory", behaviour: { peakRps: 0.08, waitMs: 8000, cpuMs: 12_000, memoryUsedMb: 990, memorySpreadMb: 12 }, publishedVersions: 3, alias: true, reservedConcurrency: 20, dlq: true, lambdaInsights: true, incident: "near-oom" },
  { name: "reporting-daily-rollup-prod", service: "reporting", env: "prod", runtime: GO, architecture: "x86_64", memoryMb: 2048, timeoutS: 900, invocation: "async", description: "Hourly usage roll-up", behaviour: { pattern: "scheduled", everyMin: 60, waitMs: 30_000, cpuMs: 90_000, parallelism: 2, sigma: 0.15, memoryUsedMb: 700, memorySpreadMb: 40 }, publishedVersions: 2 },
  { name: "reporting-api-prod", service: "reporting", env: "prod", runtime: NODE, architecture: "x86_64", memoryMb: 512, timeoutS: 29, invocation: "sync", description: "Reporting API", behaviour: { peakRps: 1.5, waitMs: 250, cpuMs: 60, memoryUsedMb: 140, memorySpreadMb: 10 }, publishedVersions: 3, alias: true },
];

/** Staging copies: same code and shape, a few % of the traffic, invoked unqualified ($LATEST). */
const STAGING_OF: [string, Partial<CatalogEntry>][] = [
  ["checkout-api-prod", {}],
  ["checkout-cart-prod", { serviceTag: "Checkout" }],
  ["payments-webhook-prod", { reservedConcurrency: 5 }],
  ["payments-ledger-prod", { eventSource: { kind: "sqs", queue: "payments-ledger-queue-staging", batchSize: 10 }, logGroup: undefined }],
  ["catalog-api-prod", {}],
  ["catalog-thumbnailer-prod", { memoryMb: 2048, failureQueue: false, dlq: true }],
  ["search-query-prod", {}],
  ["search-suggest-prod", {}],
  ["notifications-email-prod", {}],
  ["notifications-push-prod", { eventSource: { kind: "sqs", queue: "notifications-push-queue-staging", batchSize: 10 } }],
  ["identity-auth-prod", { logFormat: undefined }],
  ["identity-token-rotator-prod", {}],
  ["reporting-export-prod", { memoryMb: 2048, reservedConcurrency: undefined }],
  ["reporting-api-prod", {}],
];

const STAGING_TRAFFIC_SHARE = 0.04;

function stagingCopy(prod: CatalogEntry, overrides: Partial<CatalogEntry>): CatalogEntry {
  const b = prod.behaviour;
  const behaviour: Partial<Behaviour> = { ...b, errorRate: 0.002 };
  if ((b.pattern ?? "diurnal") === "diurnal") behaviour.peakRps = (b.peakRps ?? 1) * STAGING_TRAFFIC_SHARE;
  if (b.pattern === "bursty") behaviour.burstPerMin = (b.burstPerMin ?? 0) / 4;
  return {
    ...prod,
    name: prod.name.replace(/-prod$/, "-staging"),
    env: "staging",
    description: `${prod.description} (staging)`,
    behaviour,
    publishedVersions: 0,
    alias: false,
    reservedConcurrency: undefined,
    provisionedConcurrency: undefined,
    tracing: false,
    lambdaInsights: undefined,
    incident: undefined,
    ...overrides,
  };
}

/** Functions outside the tagging policy: three with no tags at all, one with only an owner. */
const UNTAGGED: CatalogEntry[] = [
  { name: "legacy-image-resize", service: "catalog", env: "prod", tagKeys: [], runtime: NODE, architecture: "x86_64", memoryMb: 1536, timeoutS: 30, invocation: "sync", description: "Old image resizer kept for v1 clients", behaviour: { peakRps: 0.4, waitMs: 100, cpuMs: 400, memoryUsedMb: 310, memorySpreadMb: 25 } },
  { name: "ops-log-shipper", service: "ops", env: "prod", tagKeys: [], runtime: GO, architecture: "x86_64", memoryMb: 128, timeoutS: 60, invocation: "async", description: "Ships CloudWatch Logs subscriptions to the SIEM", behaviour: { peakRps: 1, waitMs: 40, cpuMs: 20, memoryUsedMb: 29, memorySpreadMb: 2 } },
  { name: "data-backfill-tmp", service: "reporting", env: "prod", tagKeys: [], createdDaysAgo: 190, runtime: PY, architecture: "x86_64", memoryMb: 3008, timeoutS: 900, invocation: "async", description: "One-off backfill that was never removed", behaviour: { pattern: "scheduled", everyMin: 10, waitMs: 5000, cpuMs: 20_000, sigma: 0.25, memoryUsedMb: 900, memorySpreadMb: 50 } },
  { name: "search-ranker-experiment", service: "search", env: "staging", tagKeys: ["owner"], createdDaysAgo: 75, runtime: NODE, architecture: "arm64", memoryMb: 1024, timeoutS: 10, invocation: "sync", description: "Ranking experiment", behaviour: { peakRps: 0.3, waitMs: 60, cpuMs: 80, memoryUsedMb: 150, memorySpreadMb: 10 } },
];

export function defaultCatalog(): CatalogEntry[] {
  const byName = new Map(PROD.map((entry) => [entry.name, entry]));
  const staging = STAGING_OF.map(([prodName, overrides]) => stagingCopy(byName.get(prodName)!, overrides));
  return [...PROD, ...staging, ...UNTAGGED];
}

export const SERVICES = ["checkout", "payments", "catalog", "search", "notifications", "identity", "reporting"] as const;
