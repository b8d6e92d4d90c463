// The /_sim/ control path: injected faults surface through the real SDK as each service's own
// error (after the SDK's retries where AWS's would be retried), and the meter counts every call.
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { ListQueuesCommand } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { MeterSnapshot } from "../control/meter";
import type { RunningSim } from "../server";
import { HOUR_MS, NOW_MS, control, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let aws: ReturnType<typeof sdkClients>;
beforeAll(async () => {
  sim = await startTestSim();
  aws = sdkClients(sim);
});
afterAll(() => sim.close());
afterEach(async () => {
  await control(sim, "DELETE", "faults");
  await control(sim, "DELETE", "meter");
});

const meter = async () => (await control<MeterSnapshot>(sim, "GET", "meter")).json;
const fault = (body: Record<string, unknown>) => control(sim, "POST", "faults", body);
const gmdInput = (n: number) => ({
  StartTime: new Date(NOW_MS - HOUR_MS),
  EndTime: new Date(NOW_MS),
  MetricDataQueries: Array.from({ length: n }, (_, i) => ({
    Id: `m${i}`,
    MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "Invocations", Dimensions: [{ Name: "FunctionName", Value: sim.model.fleet.functions[i % 10].name }] }, Period: 60, Stat: "Sum" },
  })),
});

describe("faults", () => {
  test("throttle with count 2: the SDK retries twice and the third attempt succeeds", async () => {
    expect((await fault({ action: "lambda:ListFunctions", fault: "throttle", count: 2 })).status).toBe(201);
    const out = await aws.lambda.send(new ListFunctionsCommand({}));
    expect(out.Functions!.length).toBeGreaterThan(0);
    expect(out.$metadata.attempts).toBe(3);
    expect((await meter()).requests["lambda:ListFunctions"]).toBe(3);
    expect((await control<{ faults: unknown[] }>(sim, "GET", "faults")).json.faults).toEqual([]);
  });

  test.each([
    ["lambda:ListFunctions", "TooManyRequestsException", 429, () => aws.lambda.send(new ListFunctionsCommand({}))],
    ["cloudwatch:GetMetricData", "ThrottlingException", 400, () => aws.cloudwatch.send(new GetMetricDataCommand(gmdInput(1)))],
    ["sqs:ListQueues", "ThrottlingException", 400, () => aws.sqs.send(new ListQueuesCommand({}))],
  ] as const)("throttle until cleared on %s surfaces %s (%i) after 3 attempts", async (action, name, status, call) => {
    await fault({ action, fault: "throttle" });
    const e = await rejection(call());
    expect(e.name).toBe(name);
    expect(e.$metadata.httpStatusCode).toBe(status);
    expect(e.$metadata.attempts).toBe(3);
    expect((await meter()).requests[action]).toBe(3);
  });

  test.each([
    ["lambda:ListFunctions", () => aws.lambda.send(new ListFunctionsCommand({}))],
    ["cloudwatch:GetMetricData", () => aws.cloudwatch.send(new GetMetricDataCommand(gmdInput(1)))],
    ["sqs:ListQueues", () => aws.sqs.send(new ListQueuesCommand({}))],
  ])("accessDenied on %s is AccessDeniedException, not retried, naming the action", async (action, call) => {
    await fault({ action, fault: "accessDenied", count: 1 });
    const e = await rejection(call());
    expect(e.name).toBe("AccessDeniedException");
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect(e.message).toMatch(new RegExp(`^User: arn:aws:iam::123456789012:user/demo is not authorized to perform: ${action}`));
    expect((await meter()).requests[action]).toBe(1);
  });

  test("STS answers its query-protocol AccessDenied in XML", async () => {
    await fault({ action: "sts:GetCallerIdentity", fault: "accessDenied" });
    const e = await rejection(aws.sts.send(new GetCallerIdentityCommand({})));
    expect(e.name).toBe("AccessDenied");
  });

  test("error5xx is the service's 500, retried by the SDK", async () => {
    await fault({ action: "lambda:*", fault: "error5xx" });
    const e1 = await rejection(aws.lambda.send(new ListFunctionsCommand({})));
    expect(e1.name).toBe("ServiceException");
    expect(e1.$metadata).toMatchObject({ httpStatusCode: 500, attempts: 3 });
    await fault({ action: "cloudwatch:GetMetricData", fault: "error5xx", count: 1 });
    const out = await aws.cloudwatch.send(new GetMetricDataCommand(gmdInput(1)));
    expect(out.$metadata.attempts).toBe(2);
  });

  test("latency delays the answer, then answers normally", async () => {
    await fault({ action: "sqs:ListQueues", fault: "latency", latencyMs: 300, count: 1 });
    const started = Date.now();
    await aws.sqs.send(new ListQueuesCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const again = Date.now();
    await aws.sqs.send(new ListQueuesCommand({}));
    expect(Date.now() - again).toBeLessThan(250);
  });

  test("GET lists active faults; bad fault bodies are 400 with the field named", async () => {
    await fault({ action: "cloudwatch:DescribeAlarms", fault: "throttle", count: 5 });
    const listed = await control<{ faults: { action: string; count: number; applied: number }[] }>(sim, "GET", "faults");
    expect(listed.json.faults).toEqual([expect.objectContaining({ action: "cloudwatch:DescribeAlarms", fault: "throttle", count: 5, applied: 0 })]);
    const bad = await fault({ action: "cloudwatch:DescribeAlarms", fault: "explode" });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/^fault:/);
    expect((await fault({ action: "x", fault: "throttle" })).status).toBe(400);
    expect((await fault({ action: "sqs:ListQueues", fault: "latency" })).status).toBe(400);
  });
});

describe("meter", () => {
  test("counts requests by IAM action and GetMetricData metrics, datapoints and cost", async () => {
    await aws.lambda.send(new ListFunctionsCommand({}));
    await aws.sts.send(new GetCallerIdentityCommand({}));
    const out = await aws.cloudwatch.send(new GetMetricDataCommand(gmdInput(250)));
    await aws.cloudwatch.send(new GetMetricDataCommand(gmdInput(250)));
    const returned = out.MetricDataResults!.reduce((n, r) => n + r.Values!.length, 0);

    const m = await meter();
    expect(m.requests).toEqual({ "cloudwatch:GetMetricData": 2, "lambda:ListFunctions": 1, "sts:GetCallerIdentity": 1 });
    expect(m.getMetricData).toEqual({ calls: 2, metricsRequested: 500, datapointsReturned: 2 * returned });
    // 500 metrics × $0.01 / 1,000 = $0.005; everything else counted is free.
    expect(m.costUsd).toEqual({ getMetricData: 0.005, logsInsights: 0, costExplorer: 0, total: 0.005 });
  });

  test("DELETE resets it", async () => {
    await aws.sqs.send(new ListQueuesCommand({}));
    const reset = await control<MeterSnapshot>(sim, "DELETE", "meter");
    expect(reset.json.requests).toEqual({});
    expect((await meter()).getMetricData.calls).toBe(0);
  });

  test("health and unknown control routes", async () => {
    expect((await control(sim, "GET", "health")).json).toEqual({ ok: true });
    expect((await control(sim, "GET", "nope")).status).toBe(404);
  });
});
