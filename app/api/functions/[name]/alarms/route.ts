import { getFunctionAlarms } from "@/lib/alarms/function-alarms";
import { functionDlqArn } from "@/lib/functions/function-detail";
import { functionRoute } from "@/lib/http/function-route";
import { awsError } from "@/lib/http/responses";
import { parseQueueArn } from "@/lib/sqs/queue-depth";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

function handleGet(req: Request, ctx: { params: Promise<{ name: string }> }) {
  return functionRoute(req, ctx, {}, async ({ name }, { config }) => {
    try {
      const dlqArn = await functionDlqArn(config);
      const queueName = dlqArn ? (parseQueueArn(dlqArn)?.queueName ?? null) : null;
      return Response.json(await getFunctionAlarms(name, queueName));
    } catch (err) {
      return awsError("cloudwatch:DescribeAlarms", err);
    }
  });
}

export const GET = scoped(handleGet);
