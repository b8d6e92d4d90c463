import { functionRoute } from "@/lib/http/function-route";

export const dynamic = "force-dynamic";

export function GET(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return functionRoute(req, ctx, {}, async (_input, detail) => Response.json(detail));
}
