// How Lambda reads a FunctionName: a name, a name with a qualifier, a full ARN or a partial ARN
// (`123456789012:function:name`), qualified by `:version` or `:alias`. Published versions and
// aliases exist only from their creation time on, so a deploy appears when the model's clock passes it.
import type { AliasSpec, FunctionSpec, SimModel, VersionSpec } from "../../model/types";
import { functionNotFound, invalidParameterValue, validationError } from "./errors";

// FunctionName pattern from the Lambda API reference (GetFunction request, FunctionName).
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?((?<region>[a-z]{2}(-gov)?-[a-z]+-\d{1}):)?((?<account>\d{12}):)?(function:)?(?<name>[a-zA-Z0-9-_.]+)(:(?<qualifier>\$LATEST|[a-zA-Z0-9-_]+))?$/;

export const LATEST = "$LATEST";

export interface ResolvedFunction {
  fn: FunctionSpec;
  /** The qualifier asked for, if any ("$LATEST", "3", "live"). */
  qualifier?: string;
  /** The published version it resolves to; undefined means $LATEST. */
  version?: VersionSpec;
  alias?: AliasSpec;
}

export function parseFunctionName(raw: unknown): { name: string; qualifier?: string; account?: string; region?: string } {
  const value = typeof raw === "string" ? raw : "";
  const m = FUNCTION_NAME.exec(value);
  if (!m?.groups || value.length > 170) {
    throw validationError("functionName", value, `Member must satisfy regular expression pattern: ${FUNCTION_NAME.source}`);
  }
  const { name, qualifier, account, region } = m.groups;
  return { name, qualifier, account, region };
}

export function versionsAt(fn: FunctionSpec, nowMs: number): VersionSpec[] {
  return fn.versions.filter((v) => v.createdAtMs <= nowMs);
}

/** The alias as it stood at `nowMs`, or undefined when it did not exist yet. */
export function aliasStateAt(alias: AliasSpec, nowMs: number): AliasSpec["history"][number] | undefined {
  let current: AliasSpec["history"][number] | undefined;
  for (const step of alias.history) if (step.fromMs <= nowMs) current = step;
  return current;
}

export function functionArn(model: SimModel, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${model.fleet.region}:${model.fleet.accountId}:function:${name}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

/** Finds the function (and version/alias) or throws Lambda's ResourceNotFoundException naming the ARN. */
export function resolveFunction(model: SimModel, rawName: unknown, qualifierParam?: unknown): ResolvedFunction {
  const parsed = parseFunctionName(rawName);
  const param = typeof qualifierParam === "string" && qualifierParam !== "" ? qualifierParam : undefined;
  if (parsed.qualifier && param && parsed.qualifier !== param) {
    throw invalidParameterValue("The derived qualifier from the function name does not match the specified qualifier.");
  }
  const qualifier = parsed.qualifier ?? param;
  const notFound = () => functionNotFound(functionArn(model, parsed.name, qualifier));
  const { fleet } = model;
  if ((parsed.account && parsed.account !== fleet.accountId) || (parsed.region && parsed.region !== fleet.region)) throw notFound();
  const now = model.nowMs();
  const fn = fleet.byName.get(parsed.name);
  if (!fn) throw notFound();
  if (qualifier === undefined || qualifier === LATEST) return { fn, qualifier };
  const version = versionsAt(fn, now).find((v) => v.version === qualifier);
  if (version) return { fn, qualifier, version };
  const alias = fn.aliases.find((a) => a.name === qualifier);
  const state = alias && aliasStateAt(alias, now);
  if (!alias || !state) throw notFound();
  return { fn, qualifier, alias, version: fn.versions.find((v) => v.version === state.version) };
}

/** For actions that take the function only (no qualifier), e.g. ListAliases, GetFunctionConcurrency. */
export function resolveUnqualified(model: SimModel, rawName: unknown): FunctionSpec {
  return resolveFunction(model, rawName).fn;
}
