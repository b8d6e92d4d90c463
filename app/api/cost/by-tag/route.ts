import { ByTagQuery } from "@/lib/cost/by-tag-query";
import { monthlyCostByTag } from "@/lib/cost/cost-explorer";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest } from "@/lib/http/responses";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

/** GET /api/cost/by-tag?tagKey=service&from=2025-12&to=2026-11: the bill by tag value and service, month by month. */
async function handleGet(req: Request) {
  const q = parseQuery(req.url, ByTagQuery);
  if (!q.success) return badRequest(q.error);
  const limited = await rateLimit(req, "Cost Explorer");
  if (limited) return limited;
  try {
    return Response.json(await monthlyCostByTag(q.data.tagKey, q.data.from, q.data.to, q.data.metric));
  } catch (err) {
    return awsError("ce:GetCostAndUsage", err);
  }
}

export const GET = scoped(handleGet);
