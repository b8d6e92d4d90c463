// AWS_ENDPOINT_URL (the environment variable, no `endpoint` in code) must reach the demo account
// with the pinned SDK: @smithy/middleware-endpoint 4.1.14 (SDK ~3.844.0) once ignored it
// (aws/aws-sdk-js-v3#7203, AWS-FACTS §7). The meter proves the requests arrived here.
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { CostExplorerClient, GetCostAndUsageCommand } from "@aws-sdk/client-cost-explorer";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { MeterSnapshot } from "../control/meter";
import type { RunningSim } from "../server";
import { control, startTestSim } from "./helpers";

let sim: RunningSim;
const saved = { ...process.env };
beforeAll(async () => {
  sim = await startTestSim();
  for (const key of Object.keys(process.env)) {
    if (key.startsWith("AWS_ENDPOINT_URL_") || key === "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS" || key === "AWS_PROFILE") delete process.env[key];
  }
  Object.assign(process.env, { AWS_ENDPOINT_URL: sim.url, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "demo", AWS_SECRET_ACCESS_KEY: "demo" });
});
afterAll(async () => {
  process.env = saved;
  await sim.close();
});

test("clients built with no endpoint option send every request to AWS_ENDPOINT_URL", async () => {
  const lambda = new LambdaClient({});
  const cloudwatch = new CloudWatchClient({});
  const sqs = new SQSClient({});
  const sts = new STSClient({});

  const fns = await lambda.send(new ListFunctionsCommand({}));
  expect(fns.Functions!.map((f) => f.FunctionName)).toContain(sim.model.fleet.functions[0].name);
  expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe("123456789012");
  await cloudwatch.send(new DescribeAlarmsCommand({}));
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: sim.model.fleet.queues[0].name }));
  expect(QueueUrl!.startsWith(sim.url)).toBe(true);
  await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));

  const meter = (await control<MeterSnapshot>(sim, "GET", "meter")).json;
  expect(meter.requests).toEqual({
    "cloudwatch:DescribeAlarms": 1,
    "lambda:ListFunctions": 1,
    "sqs:GetQueueAttributes": 1,
    "sqs:GetQueueUrl": 1,
    "sts:GetCallerIdentity": 1,
  });
});

test("Cost Explorer (signing name ce, a global endpoint on AWS) follows AWS_ENDPOINT_URL too", async () => {
  await control(sim, "DELETE", "meter");
  // A period before the bill is refused before any cost is computed, so this needs no warm bill.
  const ce = new CostExplorerClient({ maxAttempts: 1 });
  const err = await ce.send(new GetCostAndUsageCommand({ TimePeriod: { Start: "2020-01-01", End: "2020-02-01" }, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] })).catch((e: Error) => e);
  expect((err as Error).name).toBe("DataUnavailableException");
  expect((await control<MeterSnapshot>(sim, "GET", "meter")).json.requests).toEqual({ "ce:GetCostAndUsage": 1 });
});
