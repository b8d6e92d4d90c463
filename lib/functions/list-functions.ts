import "server-only";
import { paginateListFunctions, type FunctionConfiguration, type LambdaClient } from "@aws-sdk/client-lambda";
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import type { CostLedger } from "@/lib/cost/observation-cost";
import type { FunctionSummary } from "@/lib/types";

/** ListFunctions returns at most 50 functions a page, whatever MaxItems asks (Lambda API reference). */
export const LIST_FUNCTIONS_PAGE_SIZE = 50;

export function toFunctionSummary(c: FunctionConfiguration): FunctionSummary {
  return {
    name: c.FunctionName ?? "",
    arn: c.FunctionArn ?? "",
    runtime: c.Runtime ?? (c.PackageType === "Image" ? "container image" : "unknown"),
    architecture: c.Architectures?.[0] ?? "x86_64",
    memoryMb: c.MemorySize ?? 128,
    timeoutS: c.Timeout ?? 3,
    lastModified: c.LastModified ?? "",
    description: c.Description ?? "",
    logGroup: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${c.FunctionName}`,
    dlqArn: c.DeadLetterConfig?.TargetArn || undefined,
    ephemeralStorageMb: c.EphemeralStorage?.Size ?? 512,
    // AWS's extension layer is named LambdaInsightsExtension (-Arm64 on arm64), in AWS-owned accounts.
    lambdaInsights: (c.Layers ?? []).some((l) => /:layer:LambdaInsightsExtension(-Arm64)?:/.test(l.Arn ?? "")),
  };
}

/** Every function of the account in this Region, paging to the end. */
export async function listFunctions(client: LambdaClient, ledger: CostLedger): Promise<FunctionSummary[]> {
  const functions: FunctionSummary[] = [];
  for await (const page of paginateListFunctions({ client, pageSize: LIST_FUNCTIONS_PAGE_SIZE }, {})) {
    ledger.count("lambda:ListFunctions");
    for (const c of page.Functions ?? []) functions.push(toFunctionSummary(c));
  }
  return functions;
}

// GetResources returns up to 100 resources a page (Resource Groups Tagging API reference): 1,000
// functions' tags in 10 calls, where ListTags would take 1,000 against Lambda's quota of 15 control-plane
// requests a second (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html, "Lambda API requests").
const RESOURCES_PER_PAGE = 100;

/** Tags of every tagged function, by ARN. Functions that never had a tag are not returned: they have none. */
export async function listFunctionTags(client: ResourceGroupsTaggingAPIClient, ledger: CostLedger): Promise<Map<string, Record<string, string>>> {
  const tags = new Map<string, Record<string, string>>();
  const pages = paginateGetResources({ client }, { ResourceTypeFilters: ["lambda:function"], ResourcesPerPage: RESOURCES_PER_PAGE });
  for await (const page of pages) {
    ledger.count("tag:GetResources");
    for (const r of page.ResourceTagMappingList ?? []) {
      if (r.ResourceARN) tags.set(r.ResourceARN, Object.fromEntries((r.Tags ?? []).map((t) => [t.Key ?? "", t.Value ?? ""])));
    }
  }
  return tags;
}
