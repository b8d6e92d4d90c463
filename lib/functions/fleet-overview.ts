import "server-only";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch, cachedPanel } from "@/lib/aws/cached-fetch";
import type { Panel } from "@/lib/aws/errors";
import { getConfig } from "@/lib/config";
import { CostLedger } from "@/lib/cost/observation-cost";
import { fleetMetrics, type FleetMetricValues } from "@/lib/functions/fleet-metrics";
import { listFunctions, listFunctionTags } from "@/lib/functions/list-functions";
import { summaryWindow } from "@/lib/metrics/window";
import type { Range } from "@/lib/ranges";
import { queueDepths } from "@/lib/sqs/queue-depth";
import { errorRatePct, functionStatus } from "@/lib/status/function-status";
import type { FleetOverview, FleetRow, FunctionSummary } from "@/lib/types";

// Cache policy, per fetcher: configuration and tags change rarely; metrics are keyed by the
// window's end minute, so they refresh each minute at most.
const FUNCTIONS_TTL_MS = 5 * 60_000;
const TAGS_TTL_MS = 10 * 60_000;

const TAGS_KEY = "lambda-function-tags";
const loadTags = (ledger: CostLedger) => listFunctionTags(awsClients().tagging, ledger);

/** Tags of every tagged function, by ARN (cached 10 minutes). */
export function fleetTags() {
  return cachedFetch(TAGS_KEY, TAGS_TTL_MS, loadTags);
}

export function listFleet() {
  return cachedFetch("lambda:ListFunctions", FUNCTIONS_TTL_MS, (ledger) => listFunctions(awsClients().lambda, ledger));
}

/** The fleet overview: every function with its figures and status over the range. Throws only if ListFunctions fails. */
export async function getFleetOverview(range: Range, nowMs = Date.now()): Promise<FleetOverview> {
  const { cloudwatch, sqs } = awsClients();
  const ledger = new CostLedger();
  const fleet = await listFleet();
  ledger.merge(fleet.cost);
  const functions = fleet.value;
  const window = summaryWindow(range, nowMs);
  const names = functions.map((f) => f.name);
  const dlqArns = [...new Set(functions.flatMap((f) => (f.dlqArn ? [f.dlqArn] : [])))];
  const ttl = getConfig().cacheTtlMs;

  const [tags, metrics, dlq] = await Promise.all([
    cachedPanel("tag:GetResources", TAGS_KEY, TAGS_TTL_MS, loadTags, ledger),
    cachedPanel("cloudwatch:GetMetricData", `fleet-metrics|${window.startMs}|${window.endMs}|${names.join(",")}`, ttl, (l) => fleetMetrics(cloudwatch, names, window, l), ledger),
    cachedPanel("sqs:GetQueueAttributes", `dlq-depth|${window.endMs}|${dlqArns.join(",")}`, ttl, (l) => queueDepths(sqs, dlqArns, l), ledger),
  ]);

  const rows = functions.map((f) =>
    toRow(f, tags.ok ? (tags.data.get(f.arn) ?? {}) : null, metrics.ok ? metrics.data.get(f.name) : undefined, dlq.ok && f.dlqArn ? dlq.data.get(f.dlqArn) : undefined),
  );
  const status = (p: Panel<unknown>) => (p.ok ? { ok: true as const } : { ok: false as const, error: p.error });
  return {
    range,
    window: { startMs: window.startMs, endMs: window.endMs },
    functions: rows,
    metrics: status(metrics),
    tags: status(tags),
    dlq: status(dlq),
    cost: ledger.total(),
  };
}

function toRow(f: FunctionSummary, tags: Record<string, string> | null, m: FleetMetricValues | undefined, dlqDepth: number | undefined): FleetRow {
  const { status, reasons } = m
    ? functionStatus({ ...m, timeoutS: f.timeoutS, dlqDepth })
    : { status: undefined, reasons: [] };
  return {
    ...f,
    tags,
    ...m,
    errorRatePct: m ? errorRatePct(m.errors, m.invocations) : undefined,
    dlqDepth,
    status,
    statusReasons: reasons,
  };
}
