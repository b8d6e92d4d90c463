// GetLambdaFunctionRecommendations (Compute Optimizer API reference; request and response members as
// @aws-sdk/client-compute-optimizer 3.1075.0 models them):
// - functionArns: qualified or unqualified; "If you specify an unqualified ARN without a function
//   version suffix, Compute Optimizer will return recommendations for the latest ($LATEST) version of
//   the function. If you specify a qualified ARN with a version suffix, Compute Optimizer will return
//   recommendations for the specified function version." ARNs of functions the account does not have
//   (or of an alias) match nothing.
// - accountIds: "Only one account ID can be specified per request" (the management account's member
//   accounts; this account is standalone, so only its own id is allowed).
// - filters: [{name: Finding | FindingReasonCode, values}], all must match; "Functions with a finding
//   of unavailable are not returned unless you specify the filter parameter with a value of
//   Unavailable" (LambdaFunctionRecommendation.finding) — or, here, a filter on InsufficientData /
//   Inconclusive, the reason codes only Unavailable has.
// - maxResults: the model's MaxResults is 0–1,000; absent (or 0) returns every match on one page.
// - nextToken: opaque; a token from another request is an InvalidParameterValueException.
// Results come in function-name order, each function's $LATEST first, then its versions.
import { createHash } from "node:crypto";
import type { FunctionSpec } from "../../model/types";
import type { ActionInput, CallContext } from "../../wire/service";
import { accessDenied, invalidParameterValue } from "./errors";
import { type LambdaFunctionRecommendation, recommendationsOf } from "./recommend";

const MAX_RESULTS = 1_000;
const FINDINGS = ["Optimized", "NotOptimized", "Unavailable"];
const REASON_CODES = ["MemoryOverprovisioned", "MemoryUnderprovisioned", "InsufficientData", "Inconclusive"];
const UNAVAILABLE_REASONS = ["InsufficientData", "Inconclusive"];
// arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>]
const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;

interface Filter {
  name: "Finding" | "FindingReasonCode";
  values: string[];
}

export function getLambdaFunctionRecommendations(input: ActionInput, ctx: CallContext) {
  const { model } = ctx;
  const arns = stringList(input, "functionArns");
  const accountIds = stringList(input, "accountIds");
  const filters = parseFilters(input.filters);
  const maxResults = parseMaxResults(input.maxResults);
  if (accountIds && accountIds.length > 1) throw invalidParameterValue("Only one account ID can be specified per request.");
  for (const id of accountIds ?? []) {
    if (!/^\d{12}$/.test(id)) throw invalidParameterValue(`Invalid account ID: ${id}`);
    if (id !== model.fleet.accountId) throw accessDenied(`Account ${model.fleet.accountId} is not the management account of an organization that includes account ${id}.`);
  }
  const wanted = arns === undefined ? undefined : new Map<string, Set<string>>();
  for (const arn of arns ?? []) {
    const m = FUNCTION_ARN.exec(arn);
    if (!m) throw invalidParameterValue(`Invalid function ARN: ${arn}`);
    const [, region, account, name, qualifier] = m;
    if (region !== model.fleet.region || account !== model.fleet.accountId) continue;
    const versions = wanted!.get(name) ?? new Set<string>();
    versions.add(qualifier ?? "$LATEST");
    wanted!.set(name, versions);
  }

  const showUnavailable = filters.some((f) => (f.name === "Finding" ? f.values.includes("Unavailable") : f.values.some((v) => UNAVAILABLE_REASONS.includes(v))));
  const specs: FunctionSpec[] = [...model.fleet.functions]
    .filter((fn) => wanted === undefined || wanted.has(fn.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const matches: LambdaFunctionRecommendation[] = [];
  for (const spec of specs) {
    for (const rec of recommendationsOf(model, spec)) {
      if (wanted && !wanted.get(spec.name)!.has(rec.functionVersion)) continue;
      if (rec.finding === "Unavailable" && !showUnavailable) continue;
      if (!filters.every((f) => matchesFilter(rec, f))) continue;
      matches.push(rec);
    }
  }

  const scope = scopeOf(arns, accountIds, filters);
  const offset = input.nextToken === undefined ? 0 : parseToken(input.nextToken, scope, matches.length);
  const size = maxResults === undefined || maxResults === 0 ? MAX_RESULTS : maxResults;
  const page = matches.slice(offset, offset + size);
  const next = offset + page.length;
  return {
    lambdaFunctionRecommendations: page.map(toWire),
    ...(next < matches.length ? { nextToken: makeToken(next, scope) } : {}),
  };
}

function matchesFilter(rec: LambdaFunctionRecommendation, f: Filter): boolean {
  return f.name === "Finding" ? f.values.includes(rec.finding) : rec.findingReasonCodes.some((c) => f.values.includes(c));
}

/** The wire form: lastRefreshTimestamp in epoch seconds (the JSON protocols' default timestamp format). */
function toWire(rec: LambdaFunctionRecommendation) {
  const { lastRefreshMs, currentPerformanceRisk, ...rest } = rec;
  return {
    functionArn: rest.functionArn,
    functionVersion: rest.functionVersion,
    accountId: rest.accountId,
    currentMemorySize: rest.currentMemorySize,
    numberOfInvocations: rest.numberOfInvocations,
    utilizationMetrics: rest.utilizationMetrics,
    lookbackPeriodInDays: rest.lookbackPeriodInDays,
    lastRefreshTimestamp: lastRefreshMs / 1000,
    finding: rest.finding,
    findingReasonCodes: rest.findingReasonCodes,
    memorySizeRecommendationOptions: rest.memorySizeRecommendationOptions,
    ...(currentPerformanceRisk ? { currentPerformanceRisk } : {}),
    effectiveRecommendationPreferences: rest.effectiveRecommendationPreferences,
    tags: rest.tags,
  };
}

function stringList(input: ActionInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw invalidParameterValue(`${name} must be a list of strings.`);
  return value as string[];
}

function parseFilters(value: unknown): Filter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidParameterValue("filters must be a list of filters.");
  return value.map((f) => {
    const name = (f as { name?: unknown })?.name;
    const values = (f as { values?: unknown })?.values;
    if (name !== "Finding" && name !== "FindingReasonCode") throw invalidParameterValue(`Invalid filter name: ${String(name)}. Valid values: Finding, FindingReasonCode.`);
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== "string")) throw invalidParameterValue(`The ${name} filter needs at least one value.`);
    const allowed = name === "Finding" ? FINDINGS : REASON_CODES;
    for (const v of values as string[]) {
      if (!allowed.includes(v)) throw invalidParameterValue(`Invalid value ${v} for filter ${name}. Valid values: ${allowed.join(", ")}.`);
    }
    return { name, values: values as string[] };
  });
}

function parseMaxResults(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_RESULTS) {
    throw invalidParameterValue(`maxResults must be an integer from 0 to ${MAX_RESULTS}.`);
  }
  return value;
}

function scopeOf(arns: string[] | undefined, accountIds: string[] | undefined, filters: Filter[]): string {
  return createHash("sha256").update(JSON.stringify([arns ?? null, accountIds ?? null, filters])).digest("hex").slice(0, 16);
}

function makeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString("base64");
}

function parseToken(token: unknown, scope: string, total: number): number {
  try {
    if (typeof token !== "string") throw new Error("not a string");
    const { o, s } = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (s === scope && Number.isInteger(o) && o >= 0 && o <= total) return o;
  } catch {
    // fall through
  }
  throw invalidParameterValue("The nextToken is invalid or does not belong to this request.");
}
