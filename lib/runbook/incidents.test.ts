import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { GetFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { toFunctionConfig } from "@/lib/functions/function-detail";
import { Semaphore } from "@/lib/insights/semaphore";
import { rollbackCommand } from "@/lib/runbook/recent-deploy";
import type { RunbookResult } from "@/lib/runbook/result";
import { runRunbook } from "@/lib/runbook/run-runbook";
import type { Verdict } from "@/lib/runbook/types";
import { baselineSpans } from "@/lib/runbook/windows";
import { startSim, type RunningSim } from "@/sim/server";
import { CREDENTIALS, fixedModel, NOW_MS } from "@/sim/test/helpers";

// The whole runbook against the demo account's scripted incidents (sim/README.md "The incidents"):
// each is found by its step, and healthy functions come out all clear.
let sim: RunningSim;
let clients: { cloudwatch: CloudWatchClient; lambda: LambdaClient; logs: CloudWatchLogsClient };
const H = 3_600_000;
const lastHour = { startMs: NOW_MS - H, endMs: NOW_MS };

beforeAll(async () => {
  sim = await startSim({ port: 0, model: fixedModel() });
  const config = { endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS };
  clients = { cloudwatch: new CloudWatchClient(config), lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
});
afterAll(() => sim.close());

async function runbook(name: string, incident = lastHour): Promise<RunbookResult> {
  const config = toFunctionConfig(await clients.lambda.send(new GetFunctionCommand({ FunctionName: name })));
  return runRunbook({ clients, region: "us-east-1", config, incident, baselines: baselineSpans(incident, 3), alarm: null, semaphore: new Semaphore(8), deadlineMs: Date.now() + 60_000 });
}

const verdicts = (r: RunbookResult) => Object.fromEntries(r.steps.map((s) => [s.step, s.verdict]));

type Case = { name: string; incident: string; window?: { startMs: number; endMs: number }; expect: Partial<Record<1 | 2 | 3 | 4 | 5 | 6, Verdict>>; summaryStep: number };

const CASES: Case[] = [
  // The throttled function's busy hours are 14:00–24:00 UTC: 19:00–20:00 the evening before the anchor.
  { name: "payments-webhook-prod", incident: "throttled", window: { startMs: NOW_MS - 17 * H, endMs: NOW_MS - 16 * H }, expect: { 1: "likely cause", 5: "clear" }, summaryStep: 1 },
  // A few bursts an hour: a day holds enough invocations to judge.
  { name: "identity-token-rotator-prod", incident: "cold-start-heavy", window: { startMs: NOW_MS - 24 * H, endMs: NOW_MS }, expect: { 1: "clear", 2: "likely cause", 5: "clear" }, summaryStep: 2 },
  { name: "search-query-prod", incident: "slow-downstream", expect: { 1: "clear", 2: "clear", 3: "likely cause", 5: "clear", 6: "clear" }, summaryStep: 3 },
  // ≈ 0.4 % of its ≈ 290 invocations an hour are OOM kills: six hours hold several.
  { name: "reporting-export-prod", incident: "near-oom", window: { startMs: NOW_MS - 6 * H, endMs: NOW_MS }, expect: { 1: "clear", 4: "likely cause", 5: "clear" }, summaryStep: 4 },
  // A window that does not end on a 5-minute boundary, as a live "last hour" usually does not.
  { name: "checkout-api-prod", incident: "bad-deploy", window: { startMs: NOW_MS - H - 3 * 60_000, endMs: NOW_MS - 3 * 60_000 }, expect: { 1: "clear", 4: "likely cause", 5: "likely cause" }, summaryStep: 5 },
];

describe("each demo incident is found by its step", () => {
  for (const c of CASES) {
    test(`${c.incident} (${c.name}) → step ${c.summaryStep}`, async () => {
      const r = await runbook(c.name, c.window);
      expect(verdicts(r)).toMatchObject(c.expect);
      expect(r.headline).toMatch(new RegExp(`^Step ${c.summaryStep} `));
      expect(r.steps.filter((s) => s.verdict === "could not check")).toEqual([]);
    });
  }
});

describe("the findings name the right things", () => {
  test("bad deploy: v5 against v4 per ExecutedVersion, the canary shift with its times, roll back to v4", async () => {
    const r = await runbook("checkout-api-prod");
    const step5 = r.steps[4];
    expect(step5.action).toContain(rollbackCommand("checkout-api-prod", "live", "4"));
    expect(step5.summary).toMatch(/Errors: v5 1\d\.\d % vs v4 0\.\d %/);
    // the alias sent 10 % to v5 from −5 h, then everything from −4.5 h (sim/model/fleet-versions.ts)
    const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");
    expect(step5.evidence).toContainEqual(expect.objectContaining({ label: `Traffic from ${at(NOW_MS - 5 * H)} UTC`, value: expect.stringMatching(/^v4 9\d %, v5 \d+ %$/) }));
    expect(step5.evidence).toContainEqual({ label: `Traffic from ${at(NOW_MS - 4.5 * H)} UTC`, value: "v5 100 %" });
    expect(r.steps[3].summary).toContain('cart schema v2: unknown field \\"bundleId\\"'.replace(/\\/g, ""));
    expect(r.markdown).toContain("aws lambda update-alias --function-name checkout-api-prod --name live --function-version 4");
  });

  test("throttled: raise reserved concurrency above 10", async () => {
    const r = await runbook("payments-webhook-prod", { startMs: NOW_MS - 17 * H, endMs: NOW_MS - 16 * H });
    expect(r.steps[0].action).toMatch(/from 10 to \d+/);
    expect(r.steps[0].chart?.reference?.value).toBe(10);
  });

  test("slow downstream: the products table named, no profile needed", async () => {
    const r = await runbook("search-query-prod");
    expect(r.steps[2].summary).toContain("dynamodb products");
    expect(r.steps[5].summary).toContain("explained downstream");
  });

  test("near-oom: the out-of-memory kills named, memory is the action", async () => {
    const r = await runbook("reporting-export-prod", { startMs: NOW_MS - 6 * H, endMs: NOW_MS });
    expect(r.steps[3].evidence.some((e) => e.label.startsWith("out of memory"))).toBe(true);
    expect(r.steps[3].action).toContain("raise the memory size");
  });
});

describe("healthy functions are all clear", () => {
  for (const name of ["search-suggest-prod", "payments-ledger-prod"]) {
    test(name, async () => {
      const r = await runbook(name);
      expect(new Set(Object.values(verdicts(r)))).toEqual(new Set(["clear"]));
      expect(r.headline).toBe("Every step is clear.");
    });
  }
});
