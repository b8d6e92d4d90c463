import { describe, expect, test } from "vitest";
import { classifyAwsError, panel } from "@/lib/aws/errors";

const awsError = (name: string, message: string, httpStatusCode: number) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });

describe("classifyAwsError", () => {
  test("AccessDenied names the IAM action to grant", () => {
    const f = classifyAwsError("cloudwatch:GetMetricData", awsError("AccessDeniedException", "User: arn:aws:iam::123456789012:user/demo is not authorized to perform: cloudwatch:GetMetricData", 403));
    expect(f).toMatchObject({ status: 403, code: "AccessDeniedException", action: "cloudwatch:GetMetricData" });
    expect(f.hint).toContain("Grant cloudwatch:GetMetricData");
  });

  test("throttling is a 503 whatever the service calls it", () => {
    for (const name of ["ThrottlingException", "Throttling", "TooManyRequestsException"]) {
      expect(classifyAwsError("lambda:ListFunctions", awsError(name, "Rate exceeded", 429)).status).toBe(503);
    }
  });

  test("classified by name, not by message text", () => {
    expect(classifyAwsError("x:Y", awsError("ValidationError", "AccessDeniedException in the message", 400)).status).toBe(502);
  });

  test("an unknown server error says AWS failed", () => {
    const f = classifyAwsError("sqs:GetQueueAttributes", awsError("InternalFailure", "", 500));
    expect(f).toMatchObject({ status: 502, message: "InternalFailure" });
    expect(f.hint).toContain("server error");
  });

  test("panel() turns a failure into data, not a throw", async () => {
    expect(await panel("lambda:ListAliases", async () => [1])).toEqual({ ok: true, data: [1] });
    const failed = await panel("lambda:ListAliases", async () => {
      throw awsError("AccessDeniedException", "denied", 403);
    });
    expect(failed.ok).toBe(false);
  });
});

test("an unreachable endpoint says so and how to start the demo account", () => {
  const err = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:4566"), { code: "ECONNREFUSED" });
  const f = classifyAwsError("lambda:ListFunctions", err);
  expect(f).toMatchObject({ status: 502, code: "ECONNREFUSED" });
  expect(f.hint).toContain("npm run sim");
});

describe("which action failed, and why (the fault matrix, test/fault-matrix.test.ts)", () => {
  test("the call that failed is named, not the panel's main action", () => {
    const err = Object.assign(awsError("AccessDeniedException", "denied", 403), { $iamAction: "sts:GetCallerIdentity" });
    const f = classifyAwsError("cloudwatch:GetMetricData", err);
    expect(f.action).toBe("sts:GetCallerIdentity");
    expect(f.hint).toContain("Grant sts:GetCallerIdentity");
  });

  test("a request timeout is a slow answer, retried, not an unreachable endpoint", () => {
    const err = Object.assign(new Error("a request has exceeded the configured 1000 ms requestTimeout."), { name: "TimeoutError", code: "ETIMEDOUT" });
    const f = classifyAwsError("lambda:ListFunctions", err);
    expect(f).toMatchObject({ status: 504, code: "TimeoutError" });
    expect(f.hint).toContain("retried");
  });

  test("LimitExceededException is Logs Insights' query limit, but Cost Explorer's throttling", () => {
    expect(classifyAwsError("logs:StartQuery", awsError("LimitExceededException", "", 400)).hint).toContain("30 at most");
    expect(classifyAwsError("ce:GetCostAndUsage", awsError("LimitExceededException", "", 400)).hint).toContain("throttled");
  });

  test("a query that ended Timeout or Failed says so, as the query's action", () => {
    const ended = (status: string) => Object.assign(new Error(`ended with status ${status}`), { name: "InsightsQueryError", status, $iamAction: "logs:StartQuery" });
    expect(classifyAwsError("ce:GetCostAndUsage", ended("Timeout"))).toMatchObject({ action: "logs:StartQuery", code: "QueryTimeout", status: 504 });
    expect(classifyAwsError("logs:StartQuery", ended("Failed")).hint).toContain("query failed");
  });
});
