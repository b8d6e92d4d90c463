// Resource Groups Tagging API, JSON 1.1 (`X-Amz-Target: ResourceGroupsTaggingAPI_20170126.<Action>`):
// GetResources, which lists tags of many resources a page at a time. Only resources that carry
// tags are returned ("tagged or previously tagged", GetResources API reference).
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import { decodeToken, encodeToken, intMember } from "../../wire/format";
import type { ActionInput, CallContext, ServiceDef } from "../../wire/service";

// ResourcesPerPage: 1–100, default 100 (GetResources API reference).
const MAX_RESOURCES_PER_PAGE = 100;

const invalidParameter = (message: string) => new AwsError({ code: "InvalidParameterException", status: 400, message });

type TagFilter = { Key: string; Values?: string[] };

function getResources(input: ActionInput, ctx: CallContext) {
  const perPage = intMember(input.ResourcesPerPage) ?? MAX_RESOURCES_PER_PAGE;
  if (!(perPage >= 1 && perPage <= MAX_RESOURCES_PER_PAGE)) throw invalidParameter(`ResourcesPerPage must be between 1 and ${MAX_RESOURCES_PER_PAGE}.`);
  const types = Array.isArray(input.ResourceTypeFilters) ? input.ResourceTypeFilters.map(String) : [];
  const filters = (Array.isArray(input.TagFilters) ? input.TagFilters : []) as TagFilter[];
  const arns = Array.isArray(input.ResourceARNList) ? new Set(input.ResourceARNList.map(String)) : null;
  let start = 0;
  if (typeof input.PaginationToken === "string" && input.PaginationToken !== "") {
    const token = decodeToken(input.PaginationToken);
    if (!token || typeof token.start !== "number") throw invalidParameter("The PaginationToken is not valid.");
    start = token.start;
  }
  // The demo account tags only its Lambda functions; "lambda" and "lambda:function" both select them.
  const wantsLambda = types.length === 0 || types.some((t) => t === "lambda" || t === "lambda:function");
  const matching = wantsLambda
    ? ctx.model.fleet.functions.filter(
        (f) =>
          Object.keys(f.tags).length > 0 &&
          (!arns || arns.has(f.arn)) &&
          filters.every((tf) => tf.Key in f.tags && (!tf.Values?.length || tf.Values.includes(f.tags[tf.Key]))),
      )
    : [];
  const page = matching.slice(start, start + perPage);
  const next = start + perPage < matching.length ? encodeToken({ start: start + perPage }) : "";
  return {
    PaginationToken: next,
    ResourceTagMappingList: page.map((f) => ({ ResourceARN: f.arn, Tags: Object.entries(f.tags).map(([Key, Value]) => ({ Key, Value })) })),
  };
}

export const taggingService: ServiceDef = {
  iamPrefix: "tag",
  protocol: { kind: "json", version: "1.1", targetPrefix: "ResourceGroupsTaggingAPI_20170126" },
  actions: { GetResources: getResources },
  faults: (accountId) => ({
    // The Tagging API names its throttling error ThrottledException (API reference, Errors).
    throttle: () => new AwsError({ code: "ThrottledException", status: 400, message: "Rate exceeded" }),
    accessDenied: (iamAction) => new AwsError({ code: "AccessDeniedException", status: 400, message: accessDeniedMessage(accountId, iamAction) }),
    serverError: () => new AwsError({ code: "InternalServiceException", status: 500, message: "Internal service error" }),
  }),
};
