// What each function's own code logs: the downstream calls it makes (DynamoDB tables, RDS, HTTP
// APIs, …) and the errors it fails with. AWS never shows this; it is the demo's invented code,
// written to be plausible for the function's description and to make the scripted incidents
// readable in the logs (search-query-prod's slow product table, checkout-api-prod's bad v5,
// notifications-email-prod's permanent bounces).
import type { FunctionSpec } from "../model/types";

export interface Dependency {
  /** The slog "dependency" attribute: dynamodb, rds, http, s3, ses, sns, elasticache, secretsmanager. */
  kind: string;
  target: string; // table, database, host or bucket
  op: string;
  /** Share of the function's median waiting time this call takes. */
  weight: number;
}

export interface AppError {
  msg: string;
  /** Go: the wrapped error chain in the "error" attribute; Node/Python: the error message. */
  detail: string;
  weight: number;
}

export interface AppProfile {
  deps: Dependency[];
  /** The call that absorbs the rest of the waiting time, hangs on timeouts and fails on errors. */
  primary: number;
  /** By the model's errorType (the runtime's error class), each with its messages. */
  errors: Record<string, AppError[]>;
}

const d = (kind: string, target: string, op: string, weight: number): Dependency => ({ kind, target, op, weight });

// Dependencies by function (without -prod / -staging); the first listed with the largest weight is primary.
const DEPS: Record<string, Dependency[]> = {
  "checkout-api": [d("dynamodb", "carts", "GetItem", 0.2), d("http", "payments-api.internal", "POST /v1/charges", 0.6), d("dynamodb", "orders", "PutItem", 0.2)],
  "checkout-cart": [d("dynamodb", "carts", "UpdateItem", 1)],
  "checkout-order-events": [d("http", "fulfilment-api.internal", "POST /v1/shipments", 0.7), d("sns", "order-events", "Publish", 0.3)],
  "payments-webhook": [d("http", "api.stripe.com", "GET /v1/events", 0.85), d("dynamodb", "payments", "UpdateItem", 0.15)],
  "payments-ledger": [d("rds", "ledger-db", "INSERT ledger_entries", 1)],
  "payments-refunds": [d("http", "api.stripe.com", "POST /v1/refunds", 0.8), d("dynamodb", "refunds", "PutItem", 0.2)],
  "payments-fraud-score": [d("dynamodb", "fraud-features", "GetItem", 1)],
  "catalog-thumbnailer": [d("s3", "product-images-rendered", "GetObject", 0.45), d("s3", "product-images", "PutObject", 0.55)],
  "catalog-api": [d("dynamodb", "products", "GetItem", 1)],
  "catalog-indexer": [d("dynamodb", "products", "Query", 0.3), d("http", "search-domain.internal", "POST /_bulk", 0.7)],
  // The product table of the slow-downstream incident (sim/README.md): only its calls slow down.
  "search-query": [d("elasticache", "search-cache", "GET", 0.15), d("dynamodb", "products", "Query", 0.6), d("http", "ranking-api.internal", "POST /v1/rank", 0.25)],
  "search-suggest": [d("elasticache", "suggest-cache", "GET", 1)],
  "search-reindex": [d("dynamodb", "products", "Scan", 0.4), d("http", "search-domain.internal", "POST /_bulk", 0.6)],
  "notifications-email": [d("dynamodb", "email-suppressions", "GetItem", 0.1), d("ses", "email.us-east-1", "SendEmail", 0.9)],
  "notifications-sms": [d("sns", "sms", "Publish", 1)],
  "notifications-push": [d("http", "fcm.googleapis.com", "POST /v1/messages:send", 1)],
  "identity-token-rotator": [d("http", "partner-auth.example.com", "POST /oauth/token", 0.7), d("secretsmanager", "partner-tokens", "PutSecretValue", 0.3)],
  "identity-auth": [d("dynamodb", "sessions", "GetItem", 0.6), d("dynamodb", "api-keys", "GetItem", 0.4)],
  "identity-session": [d("dynamodb", "sessions", "GetItem", 1)],
  "reporting-export": [d("rds", "reporting-db", "SELECT", 0.8), d("s3", "customer-exports", "PutObject", 0.2)],
  "reporting-daily-rollup": [d("rds", "reporting-db", "SELECT", 0.7), d("rds", "reporting-db", "INSERT usage_rollups", 0.3)],
  "reporting-api": [d("rds", "reporting-db", "SELECT", 1)],
  "legacy-image-resize": [d("s3", "legacy-images", "GetObject", 0.5), d("s3", "legacy-images", "PutObject", 0.5)],
  "ops-log-shipper": [d("http", "siem-ingest.internal", "POST /v1/events", 1)],
  "data-backfill-tmp": [d("rds", "reporting-db", "SELECT", 0.6), d("rds", "reporting-db", "UPDATE", 0.4)],
  "search-ranker-experiment": [d("dynamodb", "products", "BatchGetItem", 1)],
};

const SERVICE_DEPS: Record<string, Dependency[]> = {
  checkout: [d("dynamodb", "orders", "Query", 1)],
  payments: [d("dynamodb", "payments", "GetItem", 1)],
  catalog: [d("dynamodb", "products", "GetItem", 1)],
  search: [d("dynamodb", "products", "Query", 1)],
  notifications: [d("sns", "notifications", "Publish", 1)],
  identity: [d("dynamodb", "sessions", "GetItem", 1)],
  reporting: [d("rds", "reporting-db", "SELECT", 1)],
};

// Business failures by service (Go "*errors.errorString", Node "Error", Python "ValueError").
const BUSINESS: Record<string, [string, string][]> = {
  checkout: [["charge failed: card_declined", "checkout.(*Handler).Handle: payments.Charge: 402 Payment Required: card_declined"], ["cart not found", "checkout.(*Handler).Handle: cart.Load: item not found"]],
  payments: [["webhook signature verification failed", "webhook.Verify: no signatures found matching the expected signature for payload"], ["unknown payment intent", "payments.Apply: intent not found"]],
  catalog: [["product not found", "catalog.Get: product not found"], ["invalid image dimensions", "thumbnail.Copy: source image is 0x0"]],
  search: [["invalid query", "search.Parse: query too long (max 256 characters)"], ["ranking model unavailable", "rank.Score: model not loaded"]],
  notifications: [["send email: address rejected", "ses.SendEmail: MessageRejected: Email address is not verified"], ["template not found", "render: template \"order_shipped\" not found"]],
  identity: [["token rejected by partner", "partner.Exchange: 401 Unauthorized: invalid_client"], ["session expired", "session.Validate: token expired"]],
  reporting: [["export row limit exceeded", "export.Build: more than 1000000 rows"], ["unknown report type", "report.Lookup: unknown type \"quarterly\""]],
  ops: [["SIEM rejected batch", "shipper.Send: 413 Request Entity Too Large"]],
};

/** The distinctive failure of checkout-api-prod's bad v5 (bad-deploy): the error-samples query finds it. */
export const BAD_DEPLOY_ERROR: AppError = {
  msg: "apply promotions: cart schema v2: unknown field \"bundleId\"",
  detail: "checkout.(*Handler).Handle: promotions.Apply: cart.Decode: schema v2: json: unknown field \"bundleId\"",
  weight: 1,
};

/** notifications-email-prod after the growing-dlq rise: recipients that bounce for good. */
export const PERMANENT_BOUNCE_ERROR: AppError = {
  msg: "send email: recipient on suppression list (permanent bounce)",
  detail: "ses.SendEmail: operation error SESv2: SendEmail, MessageRejected: Email address is on the account-level suppression list",
  weight: 1,
};

const baseName = (name: string) => name.replace(/-(prod|staging)$/, "");

function dependencyErrors(dep: Dependency): { aws: AppError; network: AppError } {
  const sdkName: Record<string, string> = { dynamodb: "DynamoDB", sns: "SNS", s3: "S3", ses: "SESv2", secretsmanager: "Secrets Manager", elasticache: "ElastiCache" };
  let aws: AppError;
  if (dep.kind === "dynamodb") {
    aws = { msg: "conditional check failed", detail: `operation error DynamoDB: ${dep.op}, ConditionalCheckFailedException: The conditional request failed`, weight: 2 };
  } else if (dep.kind === "rds") {
    aws = { msg: "database deadlock detected", detail: `${dep.op} ${dep.target}: pq: deadlock detected`, weight: 2 };
  } else if (dep.kind === "http") {
    aws = { msg: `${dep.target} unavailable`, detail: `${dep.op} https://${dep.target}: 503 Service Unavailable`, weight: 2 };
  } else {
    aws = { msg: `${dep.kind} ${dep.op} throttled`, detail: `operation error ${sdkName[dep.kind] ?? dep.kind}: ${dep.op}, ThrottlingException: Rate exceeded`, weight: 2 };
  }
  const network: AppError = dep.kind === "http"
    ? { msg: `calling ${dep.target}: context deadline exceeded`, detail: `${dep.op} https://${dep.target}: context deadline exceeded`, weight: 3 }
    : { msg: `calling ${dep.kind} ${dep.target}: context deadline exceeded`, detail: `${dep.op} ${dep.target}: dial tcp: i/o timeout: context deadline exceeded`, weight: 3 };
  return { aws, network };
}

/** The app profile of a fleet function (staging copies and generated workers share their service's). */
export function appProfile(spec: FunctionSpec): AppProfile {
  // Lower case: the code is the same whichever way its team spells the tag (`Checkout`, `checkout`).
  const service = spec.tags.service?.toLowerCase() ?? (spec.name.startsWith("ops-") ? "ops" : baseName(spec.name).split("-")[0]);
  const deps = DEPS[baseName(spec.name)] ?? SERVICE_DEPS[service] ?? SERVICE_DEPS.catalog;
  let primary = 0;
  deps.forEach((dep, i) => {
    if (dep.weight > deps[primary].weight) primary = i;
  });
  const business = (BUSINESS[service] ?? BUSINESS.catalog).map(([msg, detail], i) => ({ msg, detail, weight: i === 0 ? 3 : 1 }));
  const { aws, network } = dependencyErrors(deps[primary]);
  const errors: Record<string, AppError[]> = {
    // Go (handlerErrorKinds in sim/model/behaviour.ts): business, network and AWS SDK errors.
    "*errors.errorString": business,
    "*net.OpError": [network],
    "*smithy.OperationError": [aws],
    // Node.js
    Error: business,
    TimeoutError: [network],
    TypeError: [{ msg: "Cannot read properties of undefined (reading 'id')", detail: "Cannot read properties of undefined (reading 'id')", weight: 1 }],
    // Python
    ValueError: business,
    ClientError: [aws],
    KeyError: [{ msg: "'customer_id'", detail: "'customer_id'", weight: 1 }],
  };
  return { deps, primary, errors };
}

/** Weighted pick from `u` in [0, 1). */
export function pickError(choices: AppError[], u: number): AppError {
  const total = choices.reduce((s, c) => s + c.weight, 0);
  let x = u * total;
  for (const c of choices) {
    x -= c.weight;
    if (x < 0) return c;
  }
  return choices[choices.length - 1];
}
