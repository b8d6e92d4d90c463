import { getFunctionDetail } from "@/lib/functions/function-detail";
import { functionRoute } from "@/lib/http/function-route";
import { awsError } from "@/lib/http/responses";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

function handleGet(req: Request, ctx: { params: Promise<{ name: string }> }) {
  // functionRoute reads the configuration only; this route shows every panel of the function.
  return functionRoute(req, ctx, {}, async ({ name }) => {
    try {
      return Response.json(await getFunctionDetail(name));
    } catch (err) {
      return awsError("lambda:GetFunction", err);
    }
  });
}

export const GET = scoped(handleGet);
