import { z } from "zod";
import { getReconciliation } from "@/lib/cost/reconcile-data";
import { awsError, badRequest, searchParamsOf } from "@/lib/http/responses";
import { TagKey } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

const Query = z.strictObject({ tagKey: TagKey.default("service") });

/** GET /api/cost/reconcile?tagKey=service: one day's estimate against the bill, per tag value, the gap named. */
export async function GET(req: Request) {
  const q = Query.safeParse(searchParamsOf(req.url));
  if (!q.success) return badRequest(q.error);
  try {
    return Response.json(await getReconciliation(q.data.tagKey));
  } catch (err) {
    return awsError("ce:GetCostAndUsage", err);
  }
}
