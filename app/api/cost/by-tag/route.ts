import { ByTagQuery, defaultMonths } from "@/lib/cost/by-tag-query";
import { monthlyCostByTag } from "@/lib/cost/cost-explorer";
import { awsError, badRequest, searchParamsOf } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** GET /api/cost/by-tag?tagKey=service&from=2025-12&to=2026-11: the bill by tag value and service, month by month. */
export async function GET(req: Request) {
  const q = ByTagQuery.safeParse(searchParamsOf(req.url));
  if (!q.success) return badRequest(q.error);
  const span = { ...defaultMonths(Date.now()), ...q.data };
  try {
    return Response.json(await monthlyCostByTag(q.data.tagKey, span.from, span.to, q.data.metric));
  } catch (err) {
    return awsError("ce:GetCostAndUsage", err);
  }
}
