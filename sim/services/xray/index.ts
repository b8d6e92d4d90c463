// AWS X-Ray, restJson1: GetSamplingRules, which the dashboard reads to see how much each traced
// function records (X-Ray bills traces recorded). Operation, path and shapes from
// @aws-sdk/client-xray's schema (`GetSamplingRules`: POST /GetSamplingRules, 200; input NextToken in
// the JSON body; output SamplingRuleRecords + NextToken) and botocore's xray 2016-04-12 model; the
// SDK signs for service `xray`. Dispatch is by method + path like Lambda's routes (sim/wire/dispatch.ts).
import { samplingRules, type SamplingRuleSpec } from "../../model/sampling";
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import { decodeToken, encodeToken, epochSeconds } from "../../wire/format";
import type { ActionInput, CallContext, RestRoute, ServiceDef } from "../../wire/service";

// X-Ray documents no page size for GetSamplingRules; the account has far fewer rules than a page.
const RULES_PER_PAGE = 100;

export const XRAY_ROUTES: RestRoute[] = [{ method: "POST", path: "/GetSamplingRules", action: "GetSamplingRules", body: true }];

// X-Ray's modeled client error (400; client-xray InvalidRequestException has no httpError, so 400).
const invalidRequest = (message: string) => new AwsError({ code: "InvalidRequestException", status: 400, message });

function getSamplingRules(input: ActionInput, { model }: CallContext) {
  let start = 0;
  if (input.NextToken !== undefined && input.NextToken !== null && input.NextToken !== "") {
    const token = typeof input.NextToken === "string" ? decodeToken(input.NextToken) : null;
    if (!token || token.rules !== "sampling" || typeof token.o !== "number") throw invalidRequest("Invalid NextToken");
    start = token.o;
  }
  const { accountId, region } = model.fleet;
  const rules = samplingRules(model.fleet);
  const page = rules.slice(start, start + RULES_PER_PAGE);
  const next = start + page.length;
  return {
    SamplingRuleRecords: page.map((r) => record(r, `arn:aws:xray:${region}:${accountId}:sampling-rule/${r.ruleName}`)),
    ...(next < rules.length ? { NextToken: encodeToken({ rules: "sampling", o: next }) } : {}),
  };
}

// Timestamps (CreatedAt, ModifiedAt) are restJson1 timestamp members: epoch seconds by default.
function record(r: SamplingRuleSpec, ruleArn: string) {
  return {
    SamplingRule: {
      RuleName: r.ruleName,
      RuleARN: ruleArn,
      ResourceARN: r.resourceArn,
      Priority: r.priority,
      FixedRate: r.fixedRate,
      ReservoirSize: r.reservoirSize,
      ServiceName: r.serviceName,
      ServiceType: r.serviceType,
      Host: r.host,
      HTTPMethod: r.httpMethod,
      URLPath: r.urlPath,
      Version: r.version,
      Attributes: { ...r.attributes },
    },
    CreatedAt: epochSeconds(r.createdAtMs),
    ModifiedAt: epochSeconds(r.modifiedAtMs),
  };
}

export const xrayService: ServiceDef = {
  iamPrefix: "xray",
  protocol: { kind: "rest-json", routes: XRAY_ROUTES },
  actions: { GetSamplingRules: getSamplingRules },
  faults: (accountId) => ({
    // X-Ray's modeled throttle: ThrottledException, HTTP 429 (client-xray schema); the SDK retries it.
    throttle: () => new AwsError({ code: "ThrottledException", status: 429, message: "Rate exceeded" }),
    accessDenied: (iamAction) => new AwsError({ code: "AccessDeniedException", status: 403, message: accessDeniedMessage(accountId, iamAction) }),
    // X-Ray models no server error; AWS's common one is InternalFailure (500), which the SDK retries.
    serverError: () => new AwsError({ code: "InternalFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure." }),
  }),
};
