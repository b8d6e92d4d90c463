// Shared set-up for the wire-contract tests: the demo account on an ephemeral port with a pinned
// model, and real SDK v3 clients pointed at it.
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import { createModel } from "../model";
import { startSim, type RunningSim } from "../server";

// Node 20 is below the SDK's preferred version; the warning is noise in test output (TOOLCHAIN.md).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** 2026-11-20T12:00:00Z: the model's anchor and its frozen "now" in every test. */
export const NOW_MS = Date.UTC(2026, 10, 20, 12);
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const CREDENTIALS = { accessKeyId: "demo", secretAccessKey: "demo" };

export function fixedModel() {
  return createModel({ seed: 42, anchorMs: NOW_MS, fixedNowMs: NOW_MS });
}

export async function startTestSim(): Promise<RunningSim> {
  return startSim({ port: 0, model: fixedModel() });
}

/** Clients with the SDK's default retry policy (3 attempts), as the dashboard has them. */
export function sdkClients(sim: RunningSim, extra: { maxAttempts?: number } = {}) {
  const config = { endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS, ...extra };
  return {
    lambda: new LambdaClient(config),
    cloudwatch: new CloudWatchClient(config),
    sqs: new SQSClient(config),
    sts: new STSClient(config),
  };
}

/** Calls the /_sim/ control path. */
export async function control<T = unknown>(sim: RunningSim, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, any>;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
