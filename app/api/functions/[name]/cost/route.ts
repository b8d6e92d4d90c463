import { getFunctionCost } from "@/lib/cost/function-cost";
import { functionRoute } from "@/lib/http/function-route";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

/** GET /api/functions/{name}/cost: the projected month, term by term, from the last 7 days. */
function handleGet(req: Request, ctx: { params: Promise<{ name: string }> }) {
  // The measured inputs are a panel: a failure says which action and why, the rest still answers.
  return functionRoute(req, ctx, {}, async (_input, detail) => (await rateLimit(req, "Logs Insights")) ?? Response.json(await getFunctionCost(detail)));
}

export const GET = scoped(handleGet);
