import { getFunctionDetail } from "@/lib/functions/function-detail";
import { functionRoute } from "@/lib/http/function-route";
import { awsError } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export function GET(req: Request, ctx: { params: Promise<{ name: string }> }) {
  // functionRoute reads the configuration only; this route shows every panel of the function.
  return functionRoute(req, ctx, {}, async ({ name }) => {
    try {
      return Response.json(await getFunctionDetail(name));
    } catch (err) {
      return awsError("lambda:GetFunction", err);
    }
  });
}
