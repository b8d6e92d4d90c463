import "server-only";
import { GetQueueAttributesCommand, GetQueueUrlCommand, paginateListQueues, type SQSClient } from "@aws-sdk/client-sqs";
import { accountId, cachedFetch } from "@/lib/aws/cached-fetch";
import { currentRegion } from "@/lib/observe/scope";
import type { CostLedger } from "@/lib/cost/observation-cost";
import { mapLimit } from "@/lib/aws/map-limit";

/** Queue reads in flight at once: well under the SDK's 50 sockets a client. */
const SQS_PARALLEL = 32;

/** A queue's URL never changes while it exists: look it up once an hour, not on every refresh. */
const QUEUE_URL_TTL_MS = 3_600_000;

/** arn:aws:sqs:us-east-1:123456789012:orders-dlq → { queueName, accountId }; null for SNS or other targets. */
export function parseQueueArn(arn: string): { queueName: string; accountId: string; region: string } | null {
  const m = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,80}(\.fifo)?)$/.exec(arn);
  return m ? { region: m[1], accountId: m[2], queueName: m[3] } : null;
}

/** Beyond this many queues, one ListQueues walk (1,000 URLs a page) is cheaper than a GetQueueUrl each. */
const LIST_QUEUES_FROM = 20;
const LIST_QUEUES_PAGE = 1_000; // ListQueues' MaxResults limit (SQS API reference)

/** Every queue URL of this account and Region, by queue name (cached an hour, like single URLs). */
async function accountQueueUrls(client: SQSClient, ledger: CostLedger): Promise<Map<string, string>> {
  const { value, cost } = await cachedFetch("sqs:ListQueues", QUEUE_URL_TTL_MS, async (l) => {
    const urls: [string, string][] = [];
    for await (const page of paginateListQueues({ client, pageSize: LIST_QUEUES_PAGE }, { MaxResults: LIST_QUEUES_PAGE })) {
      l.count("sqs:ListQueues");
      for (const url of page.QueueUrls ?? []) urls.push([url.split("/").pop()!, url]);
    }
    return urls;
  });
  ledger.merge(cost);
  return new Map(value);
}

async function queueUrl(client: SQSClient, arn: string, ledger: CostLedger, listed?: Map<string, string>): Promise<string | undefined> {
  const q = parseQueueArn(arn);
  if (!q) return undefined;
  const url = listed?.get(q.queueName);
  if (url) return url;
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
  // A fleet's DLQs are mostly this account's, in this Region: one ListQueues walk finds their URLs
  // (5,000 functions' 1,249 DLQs: 2 calls, not 1,249); a queue it does not list is looked up alone.
  const own = queueArns.length >= LIST_QUEUES_FROM ? { region: currentRegion(), accountId: await accountId() } : undefined;
  const isOwn = (arn: string) => {
    const q = parseQueueArn(arn);
    return !!own && q?.region === own.region && q.accountId === own.accountId;
  };
  const listed = queueArns.filter(isOwn).length >= LIST_QUEUES_FROM ? await accountQueueUrls(client, ledger) : undefined;
  // SQS has no batch read of queue attributes: one call per queue, SQS_PARALLEL at a time.
  await mapLimit(queueArns, SQS_PARALLEL, async (arn) => {
    const QueueUrl = await queueUrl(client, arn, ledger, listed && isOwn(arn) ? listed : undefined);
    if (!QueueUrl) return;
    ledger.count("sqs:GetQueueAttributes");
    const out = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    depths.set(arn, Number(out.Attributes?.ApproximateNumberOfMessages ?? 0));
  });
  return depths;
}
