import { functionRoute } from "@/lib/http/function-route";
import { awsError, InputError, inputError } from "@/lib/http/responses";
import { checkRunbookWindow, getRunbook, RunbookQuery } from "@/lib/runbook/get-runbook";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

/** GET /api/functions/{name}/runbook?window=1h | from&to | alarm=<name>, &baselineDays=3 */
function handleGet(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return functionRoute(req, ctx, RunbookQuery, async (input, detail) => {
    const limited = await rateLimit(req, "Logs Insights");
    if (limited) return limited;
    try {
      return Response.json(await getRunbook(input, detail));
    } catch (err) {
      if (err instanceof InputError) return inputError(err);
      // Each step degrades alone; only the alarm lookup can fail the whole request.
      return awsError("cloudwatch:DescribeAlarms", err);
    }
  }, checkRunbookWindow);
}

export const GET = scoped(handleGet);
