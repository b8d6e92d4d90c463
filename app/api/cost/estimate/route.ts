import { estimateMonthlyCost } from "@/lib/cost/lambda-cost";
import { EstimateQuery } from "@/lib/cost/estimate-query";
import { parseQuery } from "@/lib/http/input";
import { badRequest } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** GET /api/cost/estimate: the calculator's math as an API: every term and the total in USD. */
export function GET(req: Request) {
  const q = parseQuery(req.url, EstimateQuery);
  if (!q.success) return badRequest(q.error);
  const { freeTier, ...input } = q.data;
  return Response.json({ input: q.data, ...estimateMonthlyCost({ ...input, freeTier: freeTier === "true" }) });
}
