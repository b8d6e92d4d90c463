import { z } from "zod";
import { getReconciliation } from "@/lib/cost/reconcile-data";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest } from "@/lib/http/responses";
import { TagKey } from "@/lib/http/schemas";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

const Query = z.strictObject({ tagKey: TagKey.default("service") });

/** GET /api/cost/reconcile?tagKey=service: one day's estimate against the bill, per tag value, the gap named. */
async function handleGet(req: Request) {
  const q = parseQuery(req.url, Query);
  if (!q.success) return badRequest(q.error);
  const limited = await rateLimit(req, "Cost Explorer");
  if (limited) return limited;
  try {
    return Response.json(await getReconciliation(q.data.tagKey));
  } catch (err) {
    return awsError("ce:GetCostAndUsage", err);
  }
}

export const GET = scoped(handleGet);
