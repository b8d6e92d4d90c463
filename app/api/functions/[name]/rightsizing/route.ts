import { functionRoute } from "@/lib/http/function-route";
import { LookbackDays } from "@/lib/http/schemas";
import { getRightsizing } from "@/lib/rightsizing/data";

export const dynamic = "force-dynamic";

/** GET /api/functions/{name}/rightsizing?days=14: its finding, with the inputs the what-if projects from. */
export function GET(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return functionRoute(req, ctx, { days: LookbackDays }, async ({ days, name }) => {
    const r = await getRightsizing(days, [name], Date.now(), req.signal);
    return Response.json({ ...r, function: r.functions[0] ?? null });
  });
}
