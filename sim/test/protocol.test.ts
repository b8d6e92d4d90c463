// Protocol edges: STS over the query protocol, and what the demo account answers to requests no
// SDK would send (unknown targets, paths and actions, malformed JSON) — AWS-shaped errors, never a crash.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningSim } from "../server";
import { sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(() => sim.close());

const post = (headers: Record<string, string>, body: string) => fetch(`${sim.url}/`, { method: "POST", headers, body });

describe("STS GetCallerIdentity", () => {
  test("answers as the demo IAM user of account 123456789012", async () => {
    const out = await sdkClients(sim).sts.send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/demo" });
    expect(out.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("an unknown query Action is InvalidAction in an XML ErrorResponse", async () => {
    const res = await post({ "content-type": "application/x-www-form-urlencoded" }, "Action=AssumeRole&Version=2011-06-15");
    expect(res.status).toBe(400);
    const xml = await res.text();
    expect(xml).toContain("<Code>InvalidAction</Code>");
    expect(xml).toContain("<ErrorResponse");
  });
});

describe("requests no operation matches", () => {
  test("an unknown X-Amz-Target is UnknownOperationException", async () => {
    const res = await post({ "x-amz-target": "GraniteServiceVersion20100801.PutMetricData", "content-type": "application/x-amz-json-1.0" }, "{}");
    expect(res.status).toBe(400);
    expect((await res.json()).__type).toMatch(/UnknownOperationException$/);
    const other = await post({ "x-amz-target": "NoSuchService.DoThing", "content-type": "application/x-amz-json-1.0" }, "{}");
    expect((await other.json()).__type).toMatch(/UnknownOperationException$/);
  });

  test("malformed JSON is SerializationException 400", async () => {
    const res = await post({ "x-amz-target": "AmazonSQS.ListQueues", "content-type": "application/x-amz-json-1.0" }, "{not json");
    expect(res.status).toBe(400);
    expect((await res.json()).__type).toMatch(/SerializationException$/);
  });

  test("an unknown REST path or method is UnknownOperationException 404 with x-amzn-errortype", async () => {
    for (const [method, path] of [["GET", "/2015-03-31/functions/x/nothing-here"], ["POST", "/2015-03-31/functions/x/invocations"], ["GET", "/"]]) {
      const res = await fetch(`${sim.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get("x-amzn-errortype")).toBe("UnknownOperationException");
    }
  });

  test("the server keeps answering after all of the above", async () => {
    const health = await fetch(`${sim.url}/_sim/health`);
    expect(await health.json()).toEqual({ ok: true });
  });
});
