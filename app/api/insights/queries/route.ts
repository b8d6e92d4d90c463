import { panel } from "@/lib/aws/errors";
import { parseQuery } from "@/lib/http/input";
import { badRequest } from "@/lib/http/responses";
import { NoParams } from "@/lib/http/schemas";
import { queryDefinitions } from "@/lib/insights/start-saved-run";
import { savedQueries } from "@/lib/insights/saved-queries";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

/** Our saved queries and the account's query definitions (the latter as a panel: it may be denied). */
async function handleGet(req: Request) {
  const q = parseQuery(req.url, NoParams);
  if (!q.success) return badRequest(q.error);
  const definitions = await panel("logs:DescribeQueryDefinitions", async () => (await queryDefinitions()).value);
  return Response.json({ saved: [...savedQueries().values()], definitions });
}

export const GET = scoped(handleGet);
