import "server-only";
import { DescribeQueryDefinitionsCommand, type CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { CostLedger } from "@/lib/cost/observation-cost";

/** A query saved in the account (CloudWatch console "Saved queries"), runnable like ours. */
export type QueryDefinition = { id: string; name: string; queryString: string; logGroupNames: string[]; lastModifiedMs: number | null };

/** Every query definition of the account, paging to the end (at most 1,000 a page). */
export async function listQueryDefinitions(client: CloudWatchLogsClient, ledger: CostLedger): Promise<QueryDefinition[]> {
  const definitions: QueryDefinition[] = [];
  let nextToken: string | undefined;
  do {
    ledger.count("logs:DescribeQueryDefinitions");
    const out = await client.send(new DescribeQueryDefinitionsCommand({ maxResults: 1_000, nextToken }));
    for (const d of out.queryDefinitions ?? []) {
      definitions.push({
        id: d.queryDefinitionId ?? "",
        name: d.name ?? "",
        queryString: d.queryString ?? "",
        logGroupNames: d.logGroupNames ?? [],
        lastModifiedMs: d.lastModified ?? null,
      });
    }
    nextToken = out.nextToken;
  } while (nextToken);
  return definitions;
}
