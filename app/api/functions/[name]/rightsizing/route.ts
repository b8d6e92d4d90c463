import { functionRoute } from "@/lib/http/function-route";
import { awsError } from "@/lib/http/responses";
import { LookbackDays } from "@/lib/http/schemas";
import { getRightsizing } from "@/lib/rightsizing/data";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

/** GET /api/functions/{name}/rightsizing?days=14: its finding, with the inputs the what-if projects from. */
function handleGet(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return functionRoute(req, ctx, { days: LookbackDays }, async ({ days, name }) => {
    const limited = await rateLimit(req, "Logs Insights");
    if (limited) return limited;
    try {
      const r = await getRightsizing(days, [name], Date.now(), req.signal);
      return Response.json({ ...r, function: r.functions[0] ?? null });
    } catch (err) {
      // As /api/rightsizing: only listing the functions fails the whole answer (was an unhandled 500).
      return awsError("lambda:ListFunctions", err);
    }
  });
}

export const GET = scoped(handleGet);
