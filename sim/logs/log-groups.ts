// The account's log groups: one per fleet function (its LoggingConfig.LogGroup, "/aws/lambda/<name>"
// unless custom), /aws/lambda-insights when some function has Lambda Insights (its performance events,
// sim/logs/lambda-insights.ts), plus every group created or imported into the store. A group can hold
// both (PutLogEvents into a function's group adds to its generated lines).
import { minuteHasData } from "../model";
import type { SimModel } from "../model/types";
import { planHour } from "../model/traffic";
import { type FnLogContext, fnLogContext } from "./fn-context";
import { LAMBDA_INSIGHTS_GROUP } from "./lambda-insights";
import type { LogStore, StoredGroup } from "./store";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The demo's function groups keep 14 days, the span the model has data for (sim/README.md). */
export const GENERATED_RETENTION_DAYS = 14;

export interface LogGroupInfo {
  name: string;
  creationTimeMs: number;
  retentionInDays?: number;
  /** Generated lines of these functions (usually one; a custom group could be shared). */
  functions: FnLogContext[];
  /** Lambda Insights performance events of these functions (/aws/lambda-insights only). */
  insights?: FnLogContext[];
  stored?: StoredGroup;
}

export function logGroups(model: SimModel, store: LogStore): LogGroupInfo[] {
  const byName = new Map<string, LogGroupInfo>();
  for (const spec of model.fleet.functions) {
    const ctx = fnLogContext(model, spec.name)!;
    let info = byName.get(spec.logGroup);
    if (!info) {
      // Lambda creates the group on the function's first invocation, soon after it was created.
      const firstMs = spec.createdAtMs;
      byName.set(spec.logGroup, (info = { name: spec.logGroup, creationTimeMs: firstMs, retentionInDays: GENERATED_RETENTION_DAYS, functions: [] }));
    }
    info.functions.push(ctx);
  }
  const insights = model.fleet.functions.filter((spec) => spec.lambdaInsights);
  if (insights.length > 0) {
    // The extension's first event creates the group (Lambda Insights needs no set-up in CloudWatch Logs).
    const firstMs = Math.min(...insights.map((spec) => spec.createdAtMs));
    let info = byName.get(LAMBDA_INSIGHTS_GROUP);
    if (!info) byName.set(LAMBDA_INSIGHTS_GROUP, (info = { name: LAMBDA_INSIGHTS_GROUP, creationTimeMs: firstMs, retentionInDays: GENERATED_RETENTION_DAYS, functions: [] }));
    info.insights = insights.map((spec) => fnLogContext(model, spec.name)!);
  }
  for (const stored of store.list()) {
    const info = byName.get(stored.name);
    if (info) info.stored = stored;
    else byName.set(stored.name, { name: stored.name, creationTimeMs: stored.creationTimeMs, functions: [], stored });
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function findLogGroup(model: SimModel, store: LogStore, name: string): LogGroupInfo | undefined {
  return logGroups(model, store).find((g) => g.name === name);
}

const estimates = new WeakMap<FnLogContext, number>();
const insightsEstimates = new WeakMap<FnLogContext, number>();
/** A typical performance event's size (≈ 1.1 KB, most of it the EMF block). */
const INSIGHTS_EVENT_BYTES = 1_150;

function invocationsOfLastDay(model: SimModel, ctx: FnLogContext): number {
  const nowHourMs = Math.floor(model.nowMs() / HOUR_MS) * HOUR_MS;
  let invocations = 0;
  for (let h = nowHourMs - DAY_MS; h < nowHourMs; h += HOUR_MS) {
    for (const plan of planHour(ctx.fm, h)) if (minuteHasData(model, plan.minuteMs)) invocations += plan.invocations;
  }
  return invocations;
}

/** storedBytes a function's Lambda Insights events add to /aws/lambda-insights (an estimate, like estimatedStoredBytes). */
export function estimatedInsightsBytes(model: SimModel, ctx: FnLogContext): number {
  let bytes = insightsEstimates.get(ctx);
  if (bytes === undefined) {
    bytes = Math.round(invocationsOfLastDay(model, ctx) * GENERATED_RETENTION_DAYS * INSIGHTS_EVENT_BYTES);
    insightsEstimates.set(ctx, bytes);
  }
  return bytes;
}

/**
 * storedBytes of a function's group: CloudWatch reports it with a delay and never exactly, so an
 * estimate is enough: invocations of the last 24 h (from the traffic plans, no generation) × the
 * days kept × a typical invocation's bytes (START, END, REPORT ~ 260 B, ~200 B a logged call, and
 * the debug lines of a function logging at DEBUG).
 */
export function estimatedStoredBytes(model: SimModel, ctx: FnLogContext): number {
  let bytes = estimates.get(ctx);
  if (bytes === undefined) {
    const invocations = invocationsOfLastDay(model, ctx);
    bytes = Math.round(invocations * GENERATED_RETENTION_DAYS * (260 + 200 * ctx.profile.deps.length + (ctx.debug?.typicalBytes ?? 0)));
    estimates.set(ctx, bytes);
  }
  return bytes;
}
