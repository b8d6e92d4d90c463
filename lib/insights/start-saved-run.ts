import "server-only";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import { listFleet } from "@/lib/functions/fleet-overview";
import { listQueryDefinitions } from "@/lib/insights/query-definitions";
import { MAX_LOG_GROUPS_PER_QUERY } from "@/lib/insights/run-query";
import { startRun, type RunState } from "@/lib/insights/runs";
import { savedQueries } from "@/lib/insights/saved-queries";
import { rangeSeconds, type Range } from "@/lib/ranges";
import { InputError } from "@/lib/http/responses";
import { checkScanSize } from "@/lib/http/limits";

const DEFINITIONS_TTL_MS = 5 * 60_000;

export function queryDefinitions() {
  return cachedFetch("logs:DescribeQueryDefinitions", DEFINITIONS_TTL_MS, (ledger) => listQueryDefinitions(awsClients().logs, ledger));
}


/**
 * Starts a saved query (ours, or a query definition saved in the account: `def:<id>`) over the
 * named functions' log groups. No user text reaches the query: names only select log groups.
 */
export async function startSavedRun(p: { query: string; functions: string[]; range: Range; nowMs?: number }): Promise<RunState> {
  // Before any AWS call, so a refused request costs nothing (at most one log group per function).
  checkScanSize(new Set(p.functions).size, rangeSeconds(p.range));
  const queryString = await resolveQuery(p.query);
  const fleet = (await listFleet()).value;
  const byName = new Map(fleet.map((f) => [f.name, f]));
  const unknown = p.functions.filter((n) => !byName.has(n));
  if (unknown.length) throw new InputError("functions", `no function named ${unknown.join(", ")} in this account and region`, 404);
  const logGroupNames = [...new Set(p.functions.map((n) => byName.get(n)!.logGroup))];
  if (logGroupNames.length > MAX_LOG_GROUPS_PER_QUERY) {
    throw new InputError("functions", `a query can read at most ${MAX_LOG_GROUPS_PER_QUERY} log groups (Logs Insights' limit); ${logGroupNames.length} selected`);
  }
  const endMs = Math.floor((p.nowMs ?? Date.now()) / 60_000) * 60_000;
  return startRun({ logGroupNames, queryString, startMs: endMs - rangeSeconds(p.range) * 1000, endMs });
}

async function resolveQuery(query: string): Promise<string> {
  if (query.startsWith("def:")) {
    const def = (await queryDefinitions()).value.find((d) => d.id === query.slice(4));
    if (!def) throw new InputError("query", `no query definition ${query.slice(4)} in this account and region`, 404);
    return def.queryString;
  }
  const saved = savedQueries().get(query);
  if (!saved) throw new InputError("query", `no saved query named ${query}; see GET /api/insights/queries`, 404);
  return saved.queryString;
}
