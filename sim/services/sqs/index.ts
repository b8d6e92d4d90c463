// SQS, JSON 1.0 (`X-Amz-Target: AmazonSQS.<Action>`): the read actions the dashboard uses to find
// dead-letter queues and read their depth.
import type { QueueSpec } from "../../model/types";
import { decodeToken, encodeToken, intMember } from "../../wire/format";
import type { ActionInput, CallContext, ServiceDef } from "../../wire/service";
import { invalidAddress, invalidParameterValue, missingParameter, queueDoesNotExist, sqsFaults } from "./errors";
import { queueAttributes } from "./queue-attributes";

// ListQueues: MaxResults 1–1,000; without MaxResults at most 1,000 URLs and no NextToken
// (SQS API reference, ListQueues).
const LIST_QUEUES_MAX = 1_000;

export const sqsService: ServiceDef = {
  iamPrefix: "sqs",
  protocol: { kind: "json", version: "1.0", targetPrefix: "AmazonSQS" },
  actions: {
    ListQueues: listQueues,
    GetQueueUrl: (input, ctx) => {
      if (typeof input.QueueName !== "string") throw missingParameter("QueueName");
      const owner = input.QueueOwnerAWSAccountId;
      if (owner !== undefined && owner !== ctx.model.fleet.accountId) throw queueDoesNotExist();
      const queue = ctx.model.fleet.queues.find((q) => q.name === input.QueueName);
      if (!queue) throw queueDoesNotExist();
      return { QueueUrl: queueUrl(queue, ctx) };
    },
    GetQueueAttributes: (input, ctx) => {
      const queue = queueFromUrl(input.QueueUrl, ctx);
      const names = Array.isArray(input.AttributeNames) ? input.AttributeNames.map(String) : undefined;
      const Attributes = queueAttributes(queue, ctx.model, names);
      return Attributes ? { Attributes } : {};
    },
  },
  faults: sqsFaults,
};

function listQueues(input: ActionInput, ctx: CallContext) {
  const prefix = typeof input.QueueNamePrefix === "string" ? input.QueueNamePrefix : "";
  const maxResults = intMember(input.MaxResults);
  if (maxResults !== undefined && !(maxResults >= 1 && maxResults <= LIST_QUEUES_MAX)) {
    throw invalidParameterValue(`Value ${String(input.MaxResults)} for parameter MaxResults is invalid. Reason: must be between 1 and ${LIST_QUEUES_MAX}.`);
  }
  const names = ctx.model.fleet.queues
    .filter((q) => q.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  let start = 0;
  if (typeof input.NextToken === "string") {
    const token = decodeToken(input.NextToken);
    if (!token || token.prefix !== prefix || typeof token.offset !== "number") throw invalidParameterValue("Invalid NextToken value.");
    start = token.offset;
  }
  const page = names.slice(start, start + (maxResults ?? LIST_QUEUES_MAX));
  const next = start + page.length;
  return {
    // SQS leaves QueueUrls out entirely when nothing matches.
    ...(page.length > 0 ? { QueueUrls: page.map((q) => queueUrl(q, ctx)) } : {}),
    ...(maxResults !== undefined && next < names.length ? { NextToken: encodeToken({ prefix, offset: next }) } : {}),
  };
}

/**
 * Queue URLs are built from the Host the client used, so they point back at this server. The SDK
 * sends requests to a QueueUrl's own host unless an explicit `endpoint` is set
 * (@aws-sdk/middleware-sdk-sqs queueUrlMiddleware), so a URL naming any other host would escape.
 */
function queueUrl(queue: QueueSpec, ctx: CallContext): string {
  const path = queue.url.startsWith("/") ? queue.url : new URL(queue.url).pathname;
  return `http://${ctx.request.host}${path}`;
}

function queueFromUrl(value: unknown, ctx: CallContext): QueueSpec {
  if (typeof value !== "string") throw missingParameter("QueueUrl");
  let path: string;
  try {
    path = new URL(value).pathname;
  } catch {
    throw invalidAddress(value);
  }
  const [, account, name] = path.split("/");
  if (account !== ctx.model.fleet.accountId) throw queueDoesNotExist();
  const queue = ctx.model.fleet.queues.find((q) => q.name === name);
  if (!queue) throw queueDoesNotExist();
  return queue;
}
