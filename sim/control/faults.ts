// Injected faults: make one AWS action fail (or be slow) `count` times or until cleared, with the
// error that service really sends (sim/services/*/index.ts → faults()). Set through /_sim/faults.

export const FAULT_KINDS = ["throttle", "accessDenied", "latency", "error5xx", "queryLimit", "queryTimeout", "queryFailed", "optInRequired"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Logs Insights faults, taken by StartQuery itself (sim/services/logs): `queryLimit` refuses the
 * query with LimitExceededException as if the account's 30 concurrent queries were running;
 * `queryTimeout` / `queryFailed` accept it and end it with status Timeout / Failed.
 */
export const QUERY_FAULT_KINDS = ["queryLimit", "queryTimeout", "queryFailed"] as const;
export type QueryFaultKind = (typeof QUERY_FAULT_KINDS)[number];
const isQueryFault = (kind: FaultKind): kind is QueryFaultKind => (QUERY_FAULT_KINDS as readonly string[]).includes(kind);
type RequestFailure = Exclude<FaultKind, "latency" | QueryFaultKind>;

/**
 * `optInRequired`: the account has not opted in to Compute Optimizer, so its calls answer
 * OptInRequiredException (while the fault lasts). Only Compute Optimizer actions take it.
 */
const OPT_IN_PREFIX = "compute-optimizer:";

export interface FaultSpec {
  /** IAM action name ("cloudwatch:GetMetricData"), a whole service ("lambda:*") or everything ("*"). */
  action: string;
  fault: FaultKind;
  latencyMs?: number;
  /** How many matching requests it applies to; absent = until cleared. */
  count?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  /** Requests it has applied to so far. */
  applied: number;
}

const ACTION_PATTERN = /^(\*|[a-z0-9-]+:(\*|[A-Za-z0-9]+))$/;
const MAX_LATENCY_MS = 120_000;

export class FaultValidationError extends Error {}

export function parseFaultSpec(value: unknown): FaultSpec {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new FaultValidationError("body must be a JSON object");
  const v = value as Record<string, unknown>;
  if (typeof v.action !== "string" || !ACTION_PATTERN.test(v.action)) {
    throw new FaultValidationError('action: expected an IAM action name like "cloudwatch:GetMetricData", "lambda:*" or "*"');
  }
  if (!FAULT_KINDS.includes(v.fault as FaultKind)) throw new FaultValidationError(`fault: expected one of ${FAULT_KINDS.join(", ")}`);
  const spec: FaultSpec = { action: v.action, fault: v.fault as FaultKind };
  if (isQueryFault(spec.fault) && !matches(spec.action, "logs:StartQuery")) {
    throw new FaultValidationError(`action: fault "${spec.fault}" applies to Logs Insights queries; use "logs:StartQuery", "logs:*" or "*"`);
  }
  if (spec.fault === "optInRequired" && spec.action !== "*" && !spec.action.startsWith(OPT_IN_PREFIX)) {
    throw new FaultValidationError(`action: fault "optInRequired" applies to Compute Optimizer; use "compute-optimizer:GetLambdaFunctionRecommendations", "compute-optimizer:*" or "*"`);
  }
  if (v.count !== undefined) {
    if (!Number.isInteger(v.count) || (v.count as number) < 1) throw new FaultValidationError("count: expected a positive integer");
    spec.count = v.count as number;
  }
  if (spec.fault === "latency") {
    if (typeof v.latencyMs !== "number" || !(v.latencyMs >= 0 && v.latencyMs <= MAX_LATENCY_MS)) {
      throw new FaultValidationError(`latencyMs: expected a number of milliseconds from 0 to ${MAX_LATENCY_MS}`);
    }
    spec.latencyMs = v.latencyMs;
  } else if (v.latencyMs !== undefined) {
    throw new FaultValidationError("latencyMs: only valid with fault \"latency\"");
  }
  return spec;
}

export class Faults {
  private active: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const fault = { ...spec, id: this.nextId++, applied: 0 };
    this.active.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.active.map((f) => ({ ...f }));
  }

  clear(): void {
    this.active = [];
  }

  /**
   * The faults that apply to this request, each used up once: every matching latency fault adds
   * its delay, and the first matching failure (oldest first) decides the error.
   */
  take(iamAction: string): { latencyMs: number; failure?: RequestFailure } {
    let latencyMs = 0;
    let failure: RequestFailure | undefined;
    for (const f of this.active) {
      if (!matches(f.action, iamAction) || isQueryFault(f.fault)) continue;
      if (f.fault === "optInRequired" && !iamAction.startsWith(OPT_IN_PREFIX)) continue;
      if (f.fault === "latency") latencyMs += f.latencyMs ?? 0;
      else if (failure) continue;
      else failure = f.fault as RequestFailure;
      f.applied += 1;
    }
    this.active = this.active.filter((f) => f.count === undefined || f.applied < f.count);
    return { latencyMs, failure };
  }

  /** The oldest matching Logs Insights fault, used up once (StartQuery asks after the request faults). */
  takeQueryFault(iamAction: string): QueryFaultKind | undefined {
    const f = this.active.find((x) => isQueryFault(x.fault) && matches(x.action, iamAction));
    if (!f) return undefined;
    f.applied += 1;
    this.active = this.active.filter((x) => x.count === undefined || x.applied < x.count);
    return f.fault as QueryFaultKind;
  }
}

function matches(pattern: string, iamAction: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(":*")) return iamAction.startsWith(pattern.slice(0, -1));
  return pattern === iamAction;
}
