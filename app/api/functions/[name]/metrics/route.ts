import { functionDlqArn } from "@/lib/functions/function-detail";
import { getFunctionMetrics } from "@/lib/functions/function-metrics";
import { functionRoute } from "@/lib/http/function-route";
import { awsError } from "@/lib/http/responses";
import { RangeParam } from "@/lib/http/schemas";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

function handleGet(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return functionRoute(req, ctx, { range: RangeParam }, async ({ name, range }, { config }) => {
    try {
      const context = { timeoutS: config.timeoutS, dlqArn: await functionDlqArn(config), reservedConcurrency: config.reservedConcurrency };
      return Response.json(await getFunctionMetrics(name, range, context));
    } catch (err) {
      return awsError("cloudwatch:GetMetricData", err);
    }
  });
}

export const GET = scoped(handleGet);
