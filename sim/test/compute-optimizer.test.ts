// Compute Optimizer's GetLambdaFunctionRecommendations through the real SDK client
// (@aws-sdk/client-compute-optimizer 3.1075.0): shapes, paging, the functionArns and Finding
// filters, who is covered (≤ 1,792 MB, ≥ 50 invocations in 14 days) and what the others get,
// findings that follow the fleet model, errors, the opt-in fault and the meter.
import {
  ComputeOptimizerClient,
  GetLambdaFunctionRecommendationsCommand,
  type GetLambdaFunctionRecommendationsCommandInput,
  type LambdaFunctionRecommendation,
  paginateGetLambdaFunctionRecommendations,
} from "@aws-sdk/client-compute-optimizer";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { MeterSnapshot } from "../control/meter";
import { cpuPartMs } from "../model/behaviour";
import { behaviourOf } from "../model/fleet";
import type { RunningSim } from "../server";
import { CREDENTIALS, DAY_MS, NOW_MS, control, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let co: ComputeOptimizerClient;

const send = (input: GetLambdaFunctionRecommendationsCommandInput = {}) => co.send(new GetLambdaFunctionRecommendationsCommand(input));
const arnOf = (fn: string) => `arn:aws:lambda:us-east-1:123456789012:function:${fn}`;
/** 00:00 UTC of the test clock's day: the daily refresh; the look-back is the 14 days before it. */
const REFRESH_MS = Math.floor(NOW_MS / DAY_MS) * DAY_MS;
const ALL_FINDINGS = { filters: [{ name: "Finding" as const, values: ["Optimized", "NotOptimized", "Unavailable"] }] };

async function all(input: GetLambdaFunctionRecommendationsCommandInput = {}): Promise<LambdaFunctionRecommendation[]> {
  const out: LambdaFunctionRecommendation[] = [];
  // The SDK's paginator writes nextToken and maxResults into the input it is given: hand it a copy.
  for await (const page of paginateGetLambdaFunctionRecommendations({ client: co, pageSize: 25 }, { ...input })) out.push(...page.lambdaFunctionRecommendations!);
  return out;
}

beforeAll(async () => {
  sim = await startTestSim();
  co = new ComputeOptimizerClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
});
afterAll(() => sim.close());

describe("shapes", () => {
  test("a recommendation has AWS's members; functionArn carries the version", async () => {
    const out = await send({ functionArns: [`${arnOf("payments-webhook-prod")}:4`] });
    expect(out.nextToken).toBeUndefined();
    expect(out.lambdaFunctionRecommendations).toHaveLength(1);
    const [r] = out.lambdaFunctionRecommendations!;
    expect(r).toMatchObject({
      functionArn: `${arnOf("payments-webhook-prod")}:4`,
      functionVersion: "4",
      accountId: "123456789012",
      currentMemorySize: 512,
      lookbackPeriodInDays: 14,
      finding: "NotOptimized",
      findingReasonCodes: ["MemoryOverprovisioned"],
      currentPerformanceRisk: "VeryLow",
      effectiveRecommendationPreferences: { savingsEstimationMode: { source: "PublicPricing" } },
      tags: expect.arrayContaining([{ key: "service", value: "payments" }, { key: "env", value: "prod" }]),
    });
    expect(r.lastRefreshTimestamp).toEqual(new Date(REFRESH_MS));
    expect(r.numberOfInvocations).toBeGreaterThan(50);
    expect(r.utilizationMetrics!.map((m) => `${m.name}/${m.statistic}`)).toEqual(["Duration/Maximum", "Duration/Average", "Memory/Maximum", "Memory/Average"]);
    const options = r.memorySizeRecommendationOptions!;
    expect(options.map((o) => o.rank)).toEqual(options.map((_, i) => i + 1));
    for (const o of options) {
      expect(o.memorySize).toBeLessThan(512);
      expect(o.projectedUtilizationMetrics!.map((p) => `${p.name}/${p.statistic}`)).toEqual(["Duration/LowerBound", "Duration/UpperBound", "Duration/Expected"]);
      const [low, high, expected] = o.projectedUtilizationMetrics!.map((p) => p.value!);
      expect(low).toBeLessThanOrEqual(expected);
      expect(expected).toBeLessThanOrEqual(high);
      expect(o.savingsOpportunity).toEqual({ savingsOpportunityPercentage: expect.any(Number), estimatedMonthlySavings: { currency: "USD", value: expect.any(Number) } });
      expect(o.savingsOpportunity!.estimatedMonthlySavings!.value).toBeGreaterThan(0);
      // The account's Compute Savings Plan takes 17 % off Lambda duration.
      expect(o.savingsOpportunityAfterDiscounts!.estimatedMonthlySavings!.value).toBeCloseTo(o.savingsOpportunity!.estimatedMonthlySavings!.value! * 0.83, 5);
    }
    // Cheapest first.
    const savings = options.map((o) => o.savingsOpportunity!.estimatedMonthlySavings!.value!);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
  });

  test("numberOfInvocations is the Invocations metric of that version over the 14 days before the refresh", async () => {
    const fn = "payments-webhook-prod";
    const [r] = (await send({ functionArns: [`${arnOf(fn)}:4`] })).lambdaFunctionRecommendations!;
    const { cloudwatch } = sdkClients(sim);
    const out = await cloudwatch.send(new GetMetricDataCommand({
      StartTime: new Date(REFRESH_MS - 14 * DAY_MS), EndTime: new Date(REFRESH_MS),
      MetricDataQueries: [{ Id: "v", MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: "Invocations", Dimensions: [{ Name: "FunctionName", Value: fn }, { Name: "Resource", Value: `${fn}:live` }, { Name: "ExecutedVersion", Value: "4" }] }, Period: 14 * 86_400, Stat: "Sum" } }],
    }));
    expect(r.numberOfInvocations).toBe(out.MetricDataResults![0].Values!.reduce((a, b) => a + b, 0));
  });
});

describe("paging and filters", () => {
  test("maxResults pages through every recommendation once, in a stable order", async () => {
    const whole = await send(ALL_FINDINGS);
    expect(whole.nextToken).toBeUndefined();
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const out = await send({ ...ALL_FINDINGS, maxResults: 7, nextToken });
      expect(out.lambdaFunctionRecommendations!.length).toBeLessThanOrEqual(7);
      pages.push(out.lambdaFunctionRecommendations!.map((r) => r.functionArn!));
      nextToken = out.nextToken;
    } while (nextToken);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(pages.flat()).toEqual(whole.lambdaFunctionRecommendations!.map((r) => r.functionArn));
    expect(new Set(pages.flat()).size).toBe(pages.flat().length);
    // Every function of the account has a $LATEST entry.
    const latest = whole.lambdaFunctionRecommendations!.filter((r) => r.functionVersion === "$LATEST").map((r) => r.functionArn);
    expect(latest).toEqual(sim.model.fleet.functions.map((f) => `${f.arn}:$LATEST`).sort());
    // The SDK's paginator gives the same.
    expect((await all(ALL_FINDINGS)).map((r) => r.functionArn)).toEqual(pages.flat());
  });

  test("without a filter Unavailable functions are left out; a Finding filter narrows; reason codes filter", async () => {
    const plain = await all();
    expect(plain.length).toBeGreaterThan(20);
    expect(plain.every((r) => r.finding !== "Unavailable")).toBe(true);
    const notOptimized = await all({ filters: [{ name: "Finding", values: ["NotOptimized"] }] });
    expect(notOptimized.length).toBeGreaterThan(0);
    expect(notOptimized.every((r) => r.finding === "NotOptimized")).toBe(true);
    const optimized = await all({ filters: [{ name: "Finding", values: ["Optimized"] }] });
    expect(optimized.length + notOptimized.length).toBe(plain.length);
    for (const r of optimized) {
      expect(r.findingReasonCodes).toEqual([]);
      expect(r.memorySizeRecommendationOptions!.map((o) => o.memorySize)).toEqual([r.currentMemorySize]);
    }
    const under = await all({ filters: [{ name: "FindingReasonCode", values: ["MemoryUnderprovisioned"] }] });
    expect(under.every((r) => r.findingReasonCodes!.includes("MemoryUnderprovisioned"))).toBe(true);
    // Both filters must hold.
    expect(await all({ filters: [{ name: "Finding", values: ["Optimized"] }, { name: "FindingReasonCode", values: ["MemoryOverprovisioned"] }] })).toEqual([]);
  });

  test("functionArns: unqualified means $LATEST, qualified the version; unknown functions match nothing", async () => {
    // A staging function is invoked unqualified, so its $LATEST has the traffic.
    const unqualified = await send({ functionArns: [arnOf("catalog-api-staging"), arnOf("no-such-function"), "arn:aws:lambda:us-west-2:123456789012:function:catalog-api-staging"] });
    expect(unqualified.lambdaFunctionRecommendations!.map((r) => r.functionArn)).toEqual([`${arnOf("catalog-api-staging")}:$LATEST`]);
    // A prod function's traffic goes through its alias to numbered versions: its $LATEST has none.
    expect((await send({ functionArns: [arnOf("catalog-api-prod")] })).lambdaFunctionRecommendations).toEqual([]);
    const latest = await send({ functionArns: [arnOf("catalog-api-prod")], filters: [{ name: "Finding", values: ["Unavailable"] }] });
    expect(latest.lambdaFunctionRecommendations!.map((r) => [r.functionVersion, r.finding, r.findingReasonCodes, r.numberOfInvocations])).toEqual([["$LATEST", "Unavailable", ["InsufficientData"], 0]]);
    const versions = await send({ functionArns: [`${arnOf("catalog-api-prod")}:3`, `${arnOf("catalog-api-prod")}:$LATEST`], ...ALL_FINDINGS });
    expect(versions.lambdaFunctionRecommendations!.map((r) => r.functionVersion)).toEqual(["$LATEST", "3"]);
  });
});

describe("what Compute Optimizer covers", () => {
  test("functions over 1,792 MB are Unavailable (Inconclusive), shown only with the Unavailable filter", async () => {
    const big = ["payments-fraud-score-prod", "catalog-thumbnailer-prod", "search-reindex-prod", "reporting-daily-rollup-prod"];
    for (const fn of big) expect(sim.model.fleet.byName.get(fn)!.memoryMb).toBeGreaterThan(1792);
    const plain = await all();
    for (const fn of big) expect(plain.filter((r) => r.functionArn!.startsWith(`${arnOf(fn)}:`))).toEqual([]);
    const unavailable = await all({ functionArns: big.map(arnOf), filters: [{ name: "Finding", values: ["Unavailable"] }] });
    expect(unavailable.map((r) => r.functionArn).sort()).toEqual(big.map((fn) => `${arnOf(fn)}:$LATEST`).sort());
    for (const r of unavailable) {
      expect(r.findingReasonCodes).toEqual(["Inconclusive"]);
      expect(r.memorySizeRecommendationOptions).toEqual([]);
      expect(r.currentPerformanceRisk).toBeUndefined();
    }
    const inconclusive = await all({ filters: [{ name: "FindingReasonCode", values: ["Inconclusive"] }] });
    expect(inconclusive.every((r) => r.currentMemorySize! > 1792)).toBe(true);
    expect(inconclusive.map((r) => r.functionArn)).toEqual(expect.arrayContaining([`${arnOf("catalog-thumbnailer-prod")}:1`, `${arnOf("catalog-thumbnailer-prod")}:2`]));
  });

  test("most functions ≤ 1,792 MB with ≥ 50 invocations are covered; fewer than 50 is InsufficientData", async () => {
    const every = await all(ALL_FINDINGS);
    const eligible = every.filter((r) => r.currentMemorySize! <= 1792 && r.numberOfInvocations! >= 50);
    expect(eligible.length).toBeGreaterThan(40);
    expect(eligible.every((r) => r.finding !== "Unavailable")).toBe(true);
    const few = every.filter((r) => r.currentMemorySize! <= 1792 && r.numberOfInvocations! < 50);
    expect(few.length).toBeGreaterThan(0); // the $LATEST of every aliased prod function
    expect(few.every((r) => r.finding === "Unavailable" && r.findingReasonCodes![0] === "InsufficientData")).toBe(true);
    const covered = new Set(eligible.map((r) => r.functionArn!.split(":")[6]));
    const smallFunctions = sim.model.fleet.functions.filter((f) => f.memoryMb <= 1792);
    expect(covered.size).toBe(smallFunctions.length);
  });
});

describe("findings follow the model", () => {
  test("reporting-export-prod (1,024 MB, ~990 MB used, OOM kills) is MemoryUnderprovisioned with a High risk", async () => {
    const recs = (await all({ functionArns: [1, 2, 3].map((v) => `${arnOf("reporting-export-prod")}:${v}`) })).filter((r) => r.numberOfInvocations! >= 50);
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) {
      expect(r).toMatchObject({ finding: "NotOptimized", findingReasonCodes: ["MemoryUnderprovisioned"], currentPerformanceRisk: "High", currentMemorySize: 1024 });
      // Out-of-memory kills report Max Memory Used = Memory Size.
      expect(r.utilizationMetrics!.find((m) => m.name === "Memory" && m.statistic === "Maximum")!.value).toBe(1024);
      const options = r.memorySizeRecommendationOptions!;
      expect(options).toHaveLength(3);
      // More memory: room for the ~990 ± 12 MB it needs, and more CPU, so shorter runs.
      const current = r.utilizationMetrics!.find((m) => m.name === "Duration" && m.statistic === "Average")!.value!;
      for (const o of options) {
        expect(o.memorySize! * 0.8).toBeGreaterThan(990 + 3 * 12);
        expect(o.projectedUtilizationMetrics!.find((p) => p.statistic === "Expected")!.value).toBeLessThan(current);
      }
    }
  });

  test("a healthy small function is Optimized: identity-session-prod (256 MB, 34 MB used, CPU-bound at that size)", async () => {
    const recs = await all({ functionArns: [1, 2].map((v) => `${arnOf("identity-session-prod")}:${v}`) });
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) {
      expect(r).toMatchObject({ finding: "Optimized", findingReasonCodes: [], currentPerformanceRisk: "VeryLow", currentMemorySize: 256 });
      expect(r.memorySizeRecommendationOptions![0].savingsOpportunity!.estimatedMonthlySavings!.value).toBe(0);
    }
    const [shipper] = await all({ functionArns: [arnOf("ops-log-shipper")] });
    expect(shipper).toMatchObject({ finding: "Optimized", currentMemorySize: 128 });
  });

  test("projections are the model's: Expected duration = (wait + CPU part at that size) × the lognormal's mean", async () => {
    const fn = "payments-webhook-prod";
    const [r] = (await send({ functionArns: [`${arnOf(fn)}:4`] })).lambdaFunctionRecommendations!;
    const b = behaviourOf(sim.model.fleet, fn);
    const mean = Math.exp((b.sigma * b.sigma) / 2);
    const average = r.utilizationMetrics!.find((m) => m.name === "Duration" && m.statistic === "Average")!.value!;
    expect(average).toBeCloseTo((b.waitMs + cpuPartMs(b, 512)) * mean, 1);
    for (const o of r.memorySizeRecommendationOptions!) {
      const expected = o.projectedUtilizationMetrics!.find((p) => p.statistic === "Expected")!.value!;
      expect(expected).toBeCloseTo((b.waitMs + cpuPartMs(b, o.memorySize!)) * mean, 1);
      expect(expected).toBeLessThanOrEqual(average * 1.1);
      // Savings: monthly GB-s at the x86 price, from the invocations of the look-back.
      expect(o.savingsOpportunity!.savingsOpportunityPercentage).toBeCloseTo((1 - (expected * o.memorySize!) / (average * 512)) * 100, 1);
    }
  });
});

describe("errors, faults, meter", () => {
  test("bad input is InvalidParameterValueException", async () => {
    for (const input of [
      { maxResults: 1001 },
      { maxResults: -1 },
      { filters: [{ name: "Region" as never, values: ["x"] }] },
      { filters: [{ name: "Finding" as const, values: ["Underprovisioned"] }] },
      { filters: [{ name: "Finding" as const, values: [] }] },
      { functionArns: ["checkout-api-prod"] },
      { accountIds: ["123456789012", "210987654321"] },
      { nextToken: "not-a-token" },
    ]) {
      const e = await rejection(send(input));
      expect(e.name, JSON.stringify(input)).toBe("InvalidParameterValueException");
      expect(e.$metadata.httpStatusCode).toBe(400);
      expect(e.message.length).toBeGreaterThan(0);
    }
    // A token from another request does not carry over.
    const { nextToken } = await send({ maxResults: 2 });
    expect((await rejection(send({ maxResults: 2, nextToken, filters: [{ name: "Finding", values: ["Optimized"] }] }))).name).toBe("InvalidParameterValueException");
    expect((await rejection(send({ accountIds: ["210987654321"] }))).name).toBe("AccessDeniedException");
    expect((await send({ accountIds: ["123456789012"], maxResults: 1 })).lambdaFunctionRecommendations).toHaveLength(1);
  });

  test("an account that has not opted in answers OptInRequiredException; requests are metered, free", async () => {
    await control(sim, "DELETE", "meter");
    expect((await control(sim, "POST", "faults", { action: "logs:StartQuery", fault: "optInRequired" })).status).toBe(400);
    expect((await control(sim, "POST", "faults", { action: "compute-optimizer:*", fault: "optInRequired", count: 1 })).status).toBe(201);
    const e = await rejection(send());
    expect(e.name).toBe("OptInRequiredException");
    expect(e.$metadata.httpStatusCode).toBe(403);
    expect((await send({ maxResults: 1 })).lambdaFunctionRecommendations).toHaveLength(1);
    // "*" reaches only Compute Optimizer.
    await control(sim, "POST", "faults", { action: "*", fault: "optInRequired", count: 1 });
    const { sts } = sdkClients(sim);
    const { GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe("123456789012");
    expect((await rejection(send())).name).toBe("OptInRequiredException");
    await control(sim, "POST", "faults", { action: "compute-optimizer:GetLambdaFunctionRecommendations", fault: "throttle", count: 1 });
    expect((await rejection(send())).name).toBe("ThrottlingException");
    const meter = (await control<MeterSnapshot>(sim, "GET", "meter")).json;
    expect(meter.requests["compute-optimizer:GetLambdaFunctionRecommendations"]).toBe(4);
    expect(meter.costUsd.total).toBe(0);
    await control(sim, "DELETE", "faults");
  });
});
