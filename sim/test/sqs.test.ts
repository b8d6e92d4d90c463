// SQS through the real @aws-sdk/client-sqs.
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, paginateListQueues } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningSim } from "../server";
import { MINUTE_MS, NOW_MS, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let sqs: ReturnType<typeof sdkClients>["sqs"];
beforeAll(async () => {
  sim = await startTestSim();
  sqs = sdkClients(sim).sqs;
});
afterAll(() => sim.close());

const queues = () => sim.model.fleet.queues;
const urlOf = (name: string) => `${sim.url}/123456789012/${name}`;

describe("ListQueues / GetQueueUrl", () => {
  test("lists every queue by URL built from the request's Host", async () => {
    const out = await sqs.send(new ListQueuesCommand({}));
    expect(out.QueueUrls!.sort()).toEqual(queues().map((q) => urlOf(q.name)).sort());
    expect(out.NextToken).toBeUndefined();
  });

  test("paginateListQueues with MaxResults 2 walks every queue once", async () => {
    const urls: string[] = [];
    for await (const page of paginateListQueues({ client: sqs, pageSize: 2 }, {})) {
      expect(page.QueueUrls!.length).toBeLessThanOrEqual(2);
      urls.push(...page.QueueUrls!);
    }
    expect(urls.sort()).toEqual(queues().map((q) => urlOf(q.name)).sort());
  });

  test("QueueNamePrefix filters; no match leaves QueueUrls out", async () => {
    const prefix = queues()[0].name.slice(0, 5);
    const out = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }));
    expect(out.QueueUrls!.length).toBe(queues().filter((q) => q.name.startsWith(prefix)).length);
    expect((await sqs.send(new ListQueuesCommand({ QueueNamePrefix: "zzz-none" }))).QueueUrls).toBeUndefined();
  });

  test("GetQueueUrl finds a queue; an unknown one is QueueDoesNotExist", async () => {
    const q = queues()[0];
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: q.name }))).QueueUrl).toBe(urlOf(q.name));
    const e = await rejection(sqs.send(new GetQueueUrlCommand({ QueueName: "no-such-queue" })));
    expect(e.name).toBe("QueueDoesNotExist");
    expect(e.Code).toBe("AWS.SimpleQueueService.NonExistentQueue");
    expect(e.$metadata.httpStatusCode).toBe(400);
  });
});

describe("GetQueueAttributes", () => {
  test("All: ARN, timestamps and the depth the model holds now", async () => {
    const dlq = queues().find((q) => q.deadLetterFor)!;
    const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(dlq.name), AttributeNames: ["All"] }));
    const visible = sim.model.metricSeries({
      namespace: "AWS/SQS",
      metricName: "ApproximateNumberOfMessagesVisible",
      dimensions: { QueueName: dlq.name },
      stat: "Maximum",
      startMs: NOW_MS - 15 * MINUTE_MS,
      endMs: NOW_MS + MINUTE_MS,
      periodS: 60,
    });
    const expectedDepth = visible && visible.values.length ? Math.round(visible.values.at(-1)!) : 0;
    expect(out.Attributes).toMatchObject({
      QueueArn: dlq.arn,
      ApproximateNumberOfMessages: String(expectedDepth),
      CreatedTimestamp: String(Math.floor(dlq.createdAtMs / 1000)),
      MessageRetentionPeriod: "1209600",
      VisibilityTimeout: "30",
    });
    expect(out.Attributes!.ApproximateNumberOfMessagesNotVisible).toMatch(/^\d+$/);
  });

  test("named attributes only; no names, no attributes", async () => {
    const q = queues()[0];
    const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(q.name), AttributeNames: ["QueueArn", "ApproximateNumberOfMessages"] }));
    expect(Object.keys(out.Attributes!).sort()).toEqual(["ApproximateNumberOfMessages", "QueueArn"]);
    expect((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(q.name) }))).Attributes).toBeUndefined();
  });

  test("an unknown queue is QueueDoesNotExist; an unknown attribute is InvalidAttributeName", async () => {
    const e = await rejection(sqs.send(new GetQueueAttributesCommand({ QueueUrl: urlOf("no-such-queue"), AttributeNames: ["All"] })));
    expect(e.name).toBe("QueueDoesNotExist");
    const e2 = await rejection(sqs.send(new GetQueueAttributesCommand({ QueueUrl: urlOf(queues()[0].name), AttributeNames: ["Depth" as "All"] })));
    expect(e2.name).toBe("InvalidAttributeName");
  });
});
