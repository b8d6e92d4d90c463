// X-Ray sampling in the demo account: the account's sampling rules (what GetSamplingRules answers)
// and how many traces each function records under them, per minute, from the invocation generator
// (X-Ray bills traces recorded, $5.00 per million: AWS-FACTS §2).
//
// Who decides (AWS docs):
// - A Lambda function with TracingConfig Active "will respect any tracing header it receives from an
//   upstream service. If no tracing header is received, Lambda will sample the request based on a
//   fixed rate" (CDK aws_lambda.Tracing, from the Lambda TracingConfig reference), and "The sampling
//   rate is 1 request per second and 5 percent of additional requests. You can't configure the X-Ray
//   sampling rate for your functions" (Lambda Developer Guide, services-xray). So account sampling
//   rules never reach Lambda itself.
// - Services that read the account's rules are the X-Ray SDK, API Gateway (ServiceName
//   `api-name/stage`, ServiceType `AWS::APIGateway::Stage`) and AppSync (X-Ray Developer Guide,
//   xray-console-sampling). checkout-api-prod is invoked by the API Gateway stage `checkout-api/prod`
//   with active tracing, so the stage's decision, made with the account's rules, is the one its
//   traces follow. The demo account has no API Gateway API to list; the stage exists only here.
// - A rule samples its first ReservoirSize matching requests each second, then FixedRate of the rest
//   (xray-console-sampling: "One request per second is the reservoir … Five percent is the rate at
//   which additional requests beyond the reservoir size are sampled"); rules are tried in ascending
//   Priority and the first match decides. X-Ray splits a rule's reservoir between the instances
//   asking for it (GetSamplingTargets quotas, borrowing); here each rule serves one entry point, so
//   the reservoir applies whole, per wall-clock second.
import type { Fleet, FunctionSpec } from "./types";
import type { FunctionModel } from "./function-model";
import { generateInvocations } from "./invocations";
import type { MinutePlan } from "./traffic";
import * as rng from "./rng";

const { uniform4 } = rng;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SALT_SAMPLED = 0x5a4d;

export interface SamplingRuleSpec {
  ruleName: string;
  priority: number;
  /** Share of the matching requests past the reservoir that are sampled, 0–1. */
  fixedRate: number;
  /** Matching requests sampled each second before the fixed rate applies. */
  reservoirSize: number;
  serviceName: string;
  serviceType: string;
  host: string;
  httpMethod: string;
  urlPath: string;
  resourceArn: string;
  attributes: Record<string, string>;
  version: number;
  createdAtMs: number;
  modifiedAtMs: number;
}

/** The sampling a function's requests get: by a rule of the account, or Lambda's own fixed rate. */
export interface Sampling {
  /** The rule's name, or "Lambda" for Lambda's fixed sampling of Active functions. */
  decidedBy: string;
  reservoirPerSecond: number;
  fixedRate: number;
}

/** Lambda's sampling of Active functions without an upstream decision: 1 request a second + 5 % (not configurable). */
export const LAMBDA_SAMPLING: Sampling = { decidedBy: "Lambda", reservoirPerSecond: 1, fixedRate: 0.05 };

/** API Gateway stages with active tracing in front of fleet functions, as X-Ray names them (`api-name/stage`). */
const API_STAGES: Record<string, string> = { "checkout-api-prod": "checkout-api/prod" };
const API_STAGE_TYPE = "AWS::APIGateway::Stage";

/**
 * The account's rules, Default first (the X-Ray console creates it with the account's first use;
 * reservoir 1, rate 5 %, priority 10000, every match field `*`). `checkout-all` samples every request
 * of checkout-api-prod's stage: added while debugging a checkout issue and never removed.
 */
export function samplingRules(fleet: Fleet): SamplingRuleSpec[] {
  const any = { host: "*", httpMethod: "*", urlPath: "*", resourceArn: "*", attributes: {}, version: 1 };
  const defaultAtMs = fleet.anchorMs - 400 * DAY_MS;
  const debugAtMs = fleet.anchorMs - 9 * DAY_MS - 5 * 3_600_000;
  return [
    { ruleName: "Default", priority: 10_000, fixedRate: 0.05, reservoirSize: 1, serviceName: "*", serviceType: "*", ...any, createdAtMs: defaultAtMs, modifiedAtMs: defaultAtMs },
    { ruleName: "checkout-all", priority: 100, fixedRate: 1, reservoirSize: 0, serviceName: API_STAGES["checkout-api-prod"], serviceType: API_STAGE_TYPE, ...any, createdAtMs: debugAtMs, modifiedAtMs: debugAtMs },
  ];
}

/** X-Ray rule patterns: `*` matches any run of characters, `?` exactly one. */
export function matchesPattern(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(value);
}

/**
 * How a function's requests are sampled, or null when it records no traces (PassThrough: only
 * requests an upstream service sampled are traced, and nothing upstream traces in the demo account).
 */
export function samplingOf(fleet: Fleet, spec: FunctionSpec): Sampling | null {
  if (spec.tracing !== "Active") return null;
  const stage = API_STAGES[spec.name];
  if (stage === undefined) return LAMBDA_SAMPLING;
  const rule = [...samplingRules(fleet)]
    .sort((a, b) => a.priority - b.priority)
    .find((r) => matchesPattern(r.serviceName, stage) && matchesPattern(r.serviceType, API_STAGE_TYPE));
  return rule ? { decidedBy: rule.ruleName, reservoirPerSecond: rule.reservoirSize, fixedRate: rule.fixedRate } : null;
}

/**
 * One rule's decisions over a minute's requests, fed in start order: the first `reservoirPerSecond`
 * of each wall-clock second are sampled, the rest when their uniform draw is below `fixedRate`.
 */
export class SamplingCounter {
  traces = 0;
  private second = -1;
  private inSecond = 0;

  constructor(private readonly sampling: Sampling) {}

  /** One request `offsetMs` into the minute; `u` in [0, 1) decides it if the reservoir is spent. */
  request(offsetMs: number, u: number): void {
    const s = Math.floor(offsetMs / 1000);
    if (s !== this.second) {
      this.second = s;
      this.inSecond = 0;
    }
    this.inSecond++;
    if (this.inSecond <= this.sampling.reservoirPerSecond || u < this.sampling.fixedRate) this.traces++;
  }
}

/**
 * Traces recorded in one minute: every invocation the generator yields (throttled requests are not
 * traced here), with the fixed-rate draw a hash of (seed, function, minute, index), so counts are
 * exact and repeatable.
 */
export function tracesOfMinute(fm: FunctionModel, plan: MinutePlan, sampling: Sampling): number {
  const seed = fm.fleet.seed ^ SALT_SAMPLED;
  const minuteIndex = plan.minuteMs / MINUTE_MS;
  const counter = new SamplingCounter(sampling);
  generateInvocations(fm, plan, (r) => counter.request(r.offsetMs, uniform4(seed, fm.nameHash, minuteIndex, r.index)));
  return counter.traces;
}
