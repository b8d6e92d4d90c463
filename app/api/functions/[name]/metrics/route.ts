import { getFunctionMetrics } from "@/lib/functions/function-metrics";
import { functionRoute } from "@/lib/http/function-route";
import { awsError } from "@/lib/http/responses";
import { RangeParam } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

export function GET(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return functionRoute(req, ctx, { range: RangeParam }, async ({ name, range }, detail) => {
    try {
      const context = { timeoutS: detail.config.timeoutS, dlqArn: detail.dlqArn, reservedConcurrency: detail.config.reservedConcurrency };
      return Response.json(await getFunctionMetrics(name, range, context));
    } catch (err) {
      return awsError("cloudwatch:GetMetricData", err);
    }
  });
}
