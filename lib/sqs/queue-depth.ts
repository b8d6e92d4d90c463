import "server-only";
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import type { CostLedger } from "@/lib/cost/observation-cost";
import { mapLimit } from "@/lib/aws/map-limit";

/** Queue reads in flight at once: well under the SDK's 50 sockets a client. */
const SQS_PARALLEL = 16;

/** A queue's URL never changes while it exists: look it up once an hour, not on every refresh. */
const QUEUE_URL_TTL_MS = 3_600_000;

/** arn:aws:sqs:us-east-1:123456789012:orders-dlq → { queueName, accountId }; null for SNS or other targets. */
export function parseQueueArn(arn: string): { queueName: string; accountId: string; region: string } | null {
  const m = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80}(\.fifo)?)$/.exec(arn);
  return m ? { region: m[1], accountId: m[2], queueName: m[3] } : null;
}

async function queueUrl(client: SQSClient, arn: string, ledger: CostLedger): Promise<string | undefined> {
  const q = parseQueueArn(arn);
  if (!q) return undefined;
  const { value, cost } = await cachedFetch(`sqs:GetQueueUrl|${arn}`, QUEUE_URL_TTL_MS, async (l) => {
    l.count("sqs:GetQueueUrl");
    return (await client.send(new GetQueueUrlCommand({ QueueName: q.queueName, QueueOwnerAWSAccountId: q.accountId }))).QueueUrl;
  });
  ledger.merge(cost);
  return value;
}

/** Messages visible in each queue now (ApproximateNumberOfMessages), keyed by queue ARN. */
export async function queueDepths(client: SQSClient, queueArns: readonly string[], ledger: CostLedger): Promise<Map<string, number>> {
  const depths = new Map<string, number>();
  // SQS has no batch read of queue attributes: one call per queue, SQS_PARALLEL at a time.
  await mapLimit(queueArns, SQS_PARALLEL, async (arn) => {
    const QueueUrl = await queueUrl(client, arn, ledger);
    if (!QueueUrl) return;
    ledger.count("sqs:GetQueueAttributes");
    const out = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    depths.set(arn, Number(out.Attributes?.ApproximateNumberOfMessages ?? 0));
  });
  return depths;
}
