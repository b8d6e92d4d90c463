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
