import "server-only";
import { ListTagsCommand, paginateListFunctions, type FunctionConfiguration, type LambdaClient } from "@aws-sdk/client-lambda";
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

/** ListTags for many functions, a few at a time (Lambda's control-plane API is rate limited). */
const TAG_CALLS_IN_FLIGHT = 8;

export async function listTags(
  client: LambdaClient,
  arns: readonly string[],
  ledger: CostLedger,
): Promise<Map<string, Record<string, string>>> {
  const tags = new Map<string, Record<string, string>>();
  for (let i = 0; i < arns.length; i += TAG_CALLS_IN_FLIGHT) {
    await Promise.all(
      arns.slice(i, i + TAG_CALLS_IN_FLIGHT).map(async (arn) => {
        ledger.count("lambda:ListTags");
        const out = await client.send(new ListTagsCommand({ Resource: arn }));
        tags.set(arn, out.Tags ?? {});
      }),
    );
  }
  return tags;
}
