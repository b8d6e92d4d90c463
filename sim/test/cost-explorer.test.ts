// Cost Explorer through the real SDK client: response shapes, grouping, filters, paging, errors, the
// meter — and that the bill agrees with CloudWatch (Invocations, AWS/Logs IncomingBytes) and with
// the model's billed GB-seconds on a day the model has data for.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CostExplorerClient,
  type Expression,
  GetCostAndUsageCommand,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
  GetCostCategoriesCommand,
  GetDimensionValuesCommand,
  GetTagsCommand,
} from "@aws-sdk/client-cost-explorer";
import { functionUsage, tracesRecorded } from "../model";
import type { RunningSim } from "../server";
import { MAX_GROUPS_PER_PAGE } from "../services/ce/get-cost-and-usage";
import { CREDENTIALS, DAY_MS, NOW_MS, control, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let ce: CostExplorerClient;

// NOW_MS is 2026-11-20 12:00 UTC: November is the open month; the bill starts 2025-11-01; the
// model's exact data covers 2026-11-06 12:00 to now.
const TWELVE_MONTHS = { Start: "2025-11-01", End: "2026-12-01" };
const OCTOBER = { Start: "2026-10-01", End: "2026-11-01" };
/** A whole day inside the model's 14 days, after November's free tier is used up (on the 1st). */
const EXACT_DAY = { Start: "2026-11-10", End: "2026-11-11" };
const EXACT_DAY_MS = Date.UTC(2026, 10, 10);

const send = (input: GetCostAndUsageCommandInput) => ce.send(new GetCostAndUsageCommand(input));
const amount = (m: { Amount?: string } | undefined) => Number(m!.Amount);
const allGroups = (out: GetCostAndUsageCommandOutput) => out.ResultsByTime!.flatMap((r) => r.Groups!);
const lambdaAnd = (...more: Expression[]): Expression => ({ And: [{ Dimensions: { Key: "SERVICE", Values: ["AWS Lambda"] } }, ...more] });

beforeAll(async () => {
  sim = await startTestSim();
  ce = new CostExplorerClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
  const startedMs = performance.now();
  await sim.billing.ready();
  console.log(`[sim/billing] bill warm-up (exact usage of 40 functions × 14 days, then every day of 13 months): ${(performance.now() - startedMs).toFixed(0)} ms`);
}, 300_000);
afterAll(() => sim.close());

describe("GetCostAndUsage shapes", () => {
  test("MONTHLY by TAG service: 13 calendar months, keys service$…, untagged service$, both Checkout spellings, Total {} when grouped", async () => {
    const out = await send({ TimePeriod: TWELVE_MONTHS, Granularity: "MONTHLY", Metrics: ["UnblendedCost", "AmortizedCost"], GroupBy: [{ Type: "TAG", Key: "service" }] });
    expect(out.GroupDefinitions).toEqual([{ Type: "TAG", Key: "service" }]);
    expect(out.DimensionValueAttributes).toEqual([]);
    expect(out.NextPageToken).toBeUndefined();
    expect(out.ResultsByTime!.map((r) => r.TimePeriod!.Start)).toEqual(["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01", "2026-06-01", "2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"]);
    expect(out.ResultsByTime!.at(-1)!.TimePeriod).toEqual({ Start: "2026-11-01", End: "2026-12-01" });
    expect(out.ResultsByTime!.map((r) => r.Estimated)).toEqual([...Array(12).fill(false), true]);
    for (const r of out.ResultsByTime!) {
      expect(r.Total).toEqual({});
      const keys = r.Groups!.map((g) => g.Keys![0]);
      expect(keys).toEqual(expect.arrayContaining(["service$", "service$checkout", "service$Checkout", "service$payments"]));
      for (const k of keys) expect(k).toMatch(/^service\$/);
      for (const g of r.Groups!) {
        expect(g.Metrics!.UnblendedCost).toEqual({ Amount: expect.stringMatching(/^-?\d+(\.\d{1,10})?$/), Unit: "USD" });
        expect(g.Metrics!.AmortizedCost!.Unit).toBe("USD");
      }
    }
  });

  test("ungrouped: Total per period with Groups []; UsageQuantity mixing units is N/A, one usage type keeps its unit", async () => {
    const out = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost", "UsageQuantity"] });
    expect(out.GroupDefinitions).toBeUndefined();
    const [october] = out.ResultsByTime!;
    expect(october).toMatchObject({ TimePeriod: OCTOBER, Groups: [], Estimated: false });
    expect(october.Total!.UnblendedCost.Unit).toBe("USD");
    expect(amount(october.Total!.UnblendedCost)).toBeGreaterThan(100);
    expect(october.Total!.UsageQuantity.Unit).toBe("N/A");
    const requests = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UsageQuantity"], Filter: { Dimensions: { Key: "USAGE_TYPE", Values: ["Request", "Request-ARM"] } } });
    expect(requests.ResultsByTime![0].Total!.UsageQuantity.Unit).toBe("Requests");
  });

  test("DAILY: one period per day, Estimated only in the open month, nothing after today", async () => {
    const out = await send({ TimePeriod: { Start: "2026-10-29", End: "2026-12-01" }, Granularity: "DAILY", Metrics: ["UnblendedCost"] });
    const days = out.ResultsByTime!;
    expect(days).toHaveLength(33);
    expect(days[0].TimePeriod).toEqual({ Start: "2026-10-29", End: "2026-10-30" });
    expect(days.map((d) => d.Estimated)).toEqual([false, false, false, ...Array(30).fill(true)]);
    expect(amount(days.find((d) => d.TimePeriod!.Start === "2026-11-19")!.Total!.UnblendedCost)).toBeGreaterThan(0);
    expect(days.find((d) => d.TimePeriod!.Start === "2026-11-21")!.Total!.UnblendedCost).toEqual({ Amount: "0", Unit: "USD" });
  });

  test("MONTHLY periods are cut at a Start or End inside a month", async () => {
    const out = await send({ TimePeriod: { Start: "2026-09-15", End: "2026-11-05" }, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] });
    expect(out.ResultsByTime!.map((r) => r.TimePeriod)).toEqual([
      { Start: "2026-09-15", End: "2026-10-01" },
      { Start: "2026-10-01", End: "2026-11-01" },
      { Start: "2026-11-01", End: "2026-11-05" },
    ]);
  });

  test("two GroupBys: keys in GroupBy order; LINKED_ACCOUNT fills DimensionValueAttributes", async () => {
    const out = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], GroupBy: [{ Type: "DIMENSION", Key: "SERVICE" }, { Type: "TAG", Key: "env" }] });
    const keys = allGroups(out).map((g) => g.Keys!);
    expect(keys).toContainEqual(["AWS Lambda", "env$prod"]);
    expect(keys).toContainEqual(["AWS Lambda", "env$staging"]);
    expect(keys).toContainEqual(["AWS X-Ray", "env$"]);
    expect(keys).toContainEqual(["Savings Plans for AWS Compute usage", "env$"]);
    const byAccount = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], GroupBy: [{ Type: "DIMENSION", Key: "LINKED_ACCOUNT" }] });
    expect(allGroups(byAccount).map((g) => g.Keys)).toEqual([["123456789012"]]);
    expect(byAccount.DimensionValueAttributes).toEqual([{ Value: "123456789012", Attributes: { description: "Lambdascope demo" } }]);
  });

  test("COST_CATEGORY Team puts both spellings of checkout in Team$Checkout", async () => {
    const out = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], GroupBy: [{ Type: "COST_CATEGORY", Key: "Team" }, { Type: "TAG", Key: "service" }] });
    const keys = allGroups(out).map((g) => g.Keys!.join(" "));
    expect(keys).toEqual(expect.arrayContaining(["Team$Checkout service$checkout", "Team$Checkout service$Checkout", "Team$Unallocated service$"]));
    expect(keys.filter((k) => k.startsWith("Team$Checkout"))).toHaveLength(2);
  });
});

describe("GetCostAndUsage filters", () => {
  const lambdaByEnv = (filter: Expression) => send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], Filter: filter, GroupBy: [{ Type: "TAG", Key: "env" }] });

  test("And / Not with Dimensions SERVICE = AWS Lambda and Tags env = prod split Lambda's cost in two", async () => {
    const prod = await lambdaByEnv(lambdaAnd({ Tags: { Key: "env", Values: ["prod"] } }));
    expect(allGroups(prod).map((g) => g.Keys![0])).toEqual(["env$prod"]);
    const notProd = await lambdaByEnv(lambdaAnd({ Not: { Tags: { Key: "env", Values: ["prod"] } } }));
    expect(allGroups(notProd).map((g) => g.Keys![0])).toEqual(["env$", "env$staging"]);
    const lambda = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], Filter: { Dimensions: { Key: "SERVICE", Values: ["AWS Lambda"] } } });
    const sum = [...allGroups(prod), ...allGroups(notProd)].reduce((s, g) => s + amount(g.Metrics!.UnblendedCost), 0);
    expect(sum).toBeCloseTo(amount(lambda.ResultsByTime![0].Total!.UnblendedCost), 6);
  });

  test("Tags ABSENT selects untagged costs; Or of two values; CostCategories", async () => {
    const absent = await lambdaByEnv(lambdaAnd({ Tags: { Key: "service", MatchOptions: ["ABSENT"] } }));
    expect(allGroups(absent).map((g) => g.Keys![0])).toEqual(["env$"]);
    const either = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], GroupBy: [{ Type: "TAG", Key: "service" }], Filter: { Or: [{ Tags: { Key: "service", Values: ["checkout"] } }, { Tags: { Key: "service", Values: ["Checkout"] } }] } });
    expect(allGroups(either).map((g) => g.Keys![0])).toEqual(["service$Checkout", "service$checkout"]);
    const team = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], Filter: { CostCategories: { Key: "Team", Values: ["Checkout"] } } });
    const teamSum = allGroups(either).reduce((s, g) => s + amount(g.Metrics!.UnblendedCost), 0);
    expect(amount(team.ResultsByTime![0].Total!.UnblendedCost)).toBeCloseTo(teamSum, 6);
  });

  test("an expression node with two roots, or an And of one, is a ValidationException", async () => {
    const twoRoots = await rejection(send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], Filter: { Dimensions: { Key: "SERVICE", Values: ["AWS Lambda"] }, Tags: { Key: "env", Values: ["prod"] } } }));
    expect(twoRoots.name).toBe("ValidationException");
    expect(twoRoots.message).toBe("Expression has more than one roots. Only one root operator is allowed for each expression: And, Or, Not, Dimensions, Tags, CostCategories");
    const single = await rejection(send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"], Filter: { And: [{ Dimensions: { Key: "SERVICE", Values: ["AWS Lambda"] } }] } }));
    expect(single.name).toBe("ValidationException");
    expect(single.message).toBe("And expression must have at least 2 operands");
  });
});

describe("GetCostAndUsage validation and paging", () => {
  test("a third GroupBy, a bad group type, a bad metric are ValidationExceptions", async () => {
    const base = { TimePeriod: OCTOBER, Granularity: "MONTHLY" as const, Metrics: ["UnblendedCost"] };
    const three = await rejection(send({ ...base, GroupBy: [{ Type: "TAG", Key: "service" }, { Type: "TAG", Key: "env" }, { Type: "TAG", Key: "owner" }] }));
    expect(three.name).toBe("ValidationException");
    expect((await rejection(send({ ...base, GroupBy: [{ Type: "ACCOUNT" as "TAG", Key: "x" }] }))).message).toBe("Group Definition type is invalid.");
    expect((await rejection(send({ ...base, Metrics: ["Cost"] }))).name).toBe("ValidationException");
    expect(three.$metadata.httpStatusCode).toBe(400);
  });

  test("time periods: before the bill is DataUnavailableException; reversed or past next month is ValidationException", async () => {
    const m = { Granularity: "MONTHLY" as const, Metrics: ["UnblendedCost"] };
    expect((await rejection(send({ ...m, TimePeriod: { Start: "2025-10-01", End: "2025-12-01" } }))).name).toBe("DataUnavailableException");
    const reversed = await rejection(send({ ...m, TimePeriod: { Start: "2026-10-05", End: "2026-10-05" } }));
    expect(reversed.message).toBe("Start date (and hour) should be before end date (and hour)");
    expect((await rejection(send({ ...m, TimePeriod: { Start: "2026-11-01", End: "2026-12-02" } }))).message).toBe("end date past the beginning of next month");
    expect((await rejection(send({ ...m, TimePeriod: { Start: "2026-11-31", End: "2026-12-01" } }))).name).toBe("ValidationException");
  });

  test("grouped DAILY results page by NextPageToken; the pages add up to the unpaged MONTHLY totals", async () => {
    const input: GetCostAndUsageCommandInput = { TimePeriod: { Start: "2026-08-01", End: "2026-11-01" }, Granularity: "DAILY", Metrics: ["UnblendedCost", "UsageQuantity"], GroupBy: [{ Type: "TAG", Key: "service" }, { Type: "DIMENSION", Key: "USAGE_TYPE" }] };
    const pages: GetCostAndUsageCommandOutput[] = [];
    let token: string | undefined;
    do {
      const page = await send({ ...input, NextPageToken: token });
      pages.push(page);
      token = page.NextPageToken;
    } while (token);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(allGroups(p).length).toBeLessThanOrEqual(MAX_GROUPS_PER_PAGE);
    expect(allGroups(pages[0])).toHaveLength(MAX_GROUPS_PER_PAGE);
    const paged = pages.flatMap(allGroups).reduce((s, g) => s + amount(g.Metrics!.UnblendedCost), 0);
    const days = new Set(pages.flatMap((p) => p.ResultsByTime!.map((r) => r.TimePeriod!.Start)));
    expect(days.size).toBe(92);
    const monthly = await send({ TimePeriod: input.TimePeriod, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] });
    const unpaged = monthly.ResultsByTime!.reduce((s, r) => s + amount(r.Total!.UnblendedCost), 0);
    expect(paged).toBeCloseTo(unpaged, 5);
    // A token only continues the request it came from.
    const changed = await rejection(send({ ...input, Metrics: ["UnblendedCost"], NextPageToken: pages[0].NextPageToken }));
    expect(changed.name).toBe("RequestChangedException");
    expect((await rejection(send({ ...input, NextPageToken: "not-a-token" }))).name).toBe("InvalidNextTokenException");
  });
});

describe("the bill agrees with the metrics and the model on a day with data", () => {
  // checkout-order-events-prod is the only function tagged service=Checkout, env=prod (arm64, no PC).
  const FN = "checkout-order-events-prod";
  const onlyFn = (usageType: string): Expression => ({
    And: [{ Tags: { Key: "service", Values: ["Checkout"] } }, { Tags: { Key: "env", Values: ["prod"] } }, { Dimensions: { Key: "USAGE_TYPE", Values: [usageType] } }],
  });
  const day = async (filter: Expression, metrics = ["UnblendedCost", "UsageQuantity"]) =>
    (await send({ TimePeriod: EXACT_DAY, Granularity: "DAILY", Metrics: metrics, Filter: filter })).ResultsByTime![0].Total!;
  const dailySum = async (namespace: string, metricName: string, dimensions: { Name: string; Value: string }[]) => {
    const out = await sdkClients(sim).cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(EXACT_DAY_MS),
        EndTime: new Date(EXACT_DAY_MS + DAY_MS),
        MetricDataQueries: [{ Id: "m", MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions }, Period: 86_400, Stat: "Sum" } }],
      }),
    );
    return out.MetricDataResults![0].Values![0];
  };

  test("Lambda requests: UsageQuantity = CloudWatch Invocations, cost = Invocations × $0.20 per million", async () => {
    expect(sim.model.fleet.functions.filter((f) => f.tags.service === "Checkout" && f.tags.env === "prod").map((f) => f.name)).toEqual([FN]);
    const invocations = await dailySum("AWS/Lambda", "Invocations", [{ Name: "FunctionName", Value: FN }]);
    expect(invocations).toBeGreaterThan(10_000);
    expect(invocations).toBe(functionUsage(sim.model, FN, EXACT_DAY_MS, EXACT_DAY_MS + DAY_MS)!.invocations);
    const total = await day(onlyFn("Request-ARM"));
    expect(total.UsageQuantity).toEqual({ Amount: String(invocations), Unit: "Requests" });
    expect(amount(total.UnblendedCost)).toBeCloseTo((invocations * 0.2) / 1e6, 10);
  });

  test("GB-seconds = functionUsage billedMbMs / 1024 / 1000; list price × GB-s whether or not the Savings Plan covered it", async () => {
    const usage = functionUsage(sim.model, FN, EXACT_DAY_MS, EXACT_DAY_MS + DAY_MS)!;
    const gbSeconds = usage.billedMbMs / 1024 / 1000;
    const total = await day(onlyFn("Lambda-GB-Second-ARM"), ["UnblendedCost", "AmortizedCost", "UsageQuantity"]);
    expect(total.UsageQuantity.Unit).toBe("Lambda-GB-Second");
    expect(amount(total.UsageQuantity)).toBeCloseTo(gbSeconds, 6);
    expect(amount(total.UnblendedCost)).toBeCloseTo(gbSeconds * 0.0000133334, 8);
    // Amortized: the covered part at the plan's 17 % discount.
    expect(amount(total.AmortizedCost)).toBeLessThan(amount(total.UnblendedCost));
  });

  test("log ingestion: GB × 2^30 = the log group's AWS/Logs IncomingBytes that day, at $0.50 per GB", async () => {
    const incomingBytes = await dailySum("AWS/Logs", "IncomingBytes", [{ Name: "LogGroupName", Value: `/aws/lambda/${FN}` }]);
    const total = await day(onlyFn("USE1-DataProcessing-Bytes"));
    expect(total.UsageQuantity.Unit).toBe("GB");
    expect(amount(total.UsageQuantity) * 1024 ** 3).toBeCloseTo(incomingBytes, 0);
    expect(amount(total.UnblendedCost)).toBeCloseTo((incomingBytes / 1024 ** 3) * 0.5, 8);
  });

  test("X-Ray: traces recorded by the traced functions, $5.00 per million", async () => {
    const traced = sim.model.fleet.functions.filter((f) => f.tracing === "Active");
    const traces = traced.reduce((s, f) => s + tracesRecorded(sim.model, f.name, EXACT_DAY_MS, EXACT_DAY_MS + DAY_MS)!, 0);
    const total = await day({ Dimensions: { Key: "SERVICE", Values: ["AWS X-Ray"] } });
    expect(total.UsageQuantity).toEqual({ Amount: String(traces), Unit: "Traces" });
    expect(amount(total.UnblendedCost)).toBeCloseTo((traces * 5) / 1e6, 8);
  });
});

describe("older days come from the same traffic model", () => {
  test("a function created during the year costs nothing before it was created", async () => {
    // search-ranker-experiment carries only owner=team-search: the one cost with that owner and no service tag.
    const spec = sim.model.fleet.byName.get("search-ranker-experiment")!;
    const createdDay = new Date(spec.createdAtMs).toISOString().slice(0, 10);
    const out = await send({
      TimePeriod: { Start: "2026-08-01", End: "2026-10-01" },
      Granularity: "DAILY",
      Metrics: ["UnblendedCost", "UsageQuantity"],
      Filter: { And: [{ Tags: { Key: "owner", Values: ["team-search"] } }, { Tags: { Key: "service", MatchOptions: ["ABSENT"] } }, { Dimensions: { Key: "USAGE_TYPE", Values: ["Request-ARM"] } }] },
    });
    const requests = new Map(out.ResultsByTime!.map((r) => [r.TimePeriod!.Start!, amount(r.Total!.UsageQuantity)]));
    expect(createdDay > "2026-08-01" && createdDay < "2026-10-01").toBe(true);
    for (const [dayStart, n] of requests) {
      if (dayStart < createdDay) expect(n, dayStart).toBe(0);
      if (dayStart > createdDay) expect(n, dayStart).toBeGreaterThan(0);
    }
  });

  // Busy functions only: a quiet one's day is a few dozen Poisson draws away from its mean.
  test("the expectation that bills older days agrees with the exact model on days with data (±3 %)", async () => {
    const { expectedHourUsage } = await import("../billing/expected-usage");
    const { functionModelOf } = await import("../model/function-model");
    const usage = sim.billing.usage;
    const day = EXACT_DAY_MS / DAY_MS;
    for (const name of ["checkout-api-prod", "catalog-thumbnailer-prod", "payments-webhook-prod", "search-reindex-prod", "notifications-push-prod"]) {
      const i = sim.model.fleet.functions.findIndex((f) => f.name === name);
      const fm = functionModelOf(sim.model.fleet, sim.model.fleet.functions[i]);
      const exact = usage.functionDay(i, day);
      let invocations = 0;
      let mbMs = 0;
      let logBytes = 0;
      for (let h = 0; h < 24; h++) {
        const e = expectedHourUsage(fm, usage.calibrationOf(i), EXACT_DAY_MS + h * 3_600_000, 60, true);
        invocations += e.invocations;
        mbMs += e.onDemandMbMs + e.provisionedMbMs;
        logBytes += e.logBytes;
      }
      const exactMbMs = exact.onDemandMbMsByHour.reduce((a, b) => a + b, 0) + exact.provisionedMbMsByHour.reduce((a, b) => a + b, 0);
      expect(Math.abs(invocations / exact.invocations - 1), `${name} invocations`).toBeLessThan(0.03);
      expect(Math.abs(mbMs / exactMbMs - 1), `${name} GB-s`).toBeLessThan(0.03);
      expect(Math.abs(logBytes / exact.logBytes - 1), `${name} log bytes`).toBeLessThan(0.03);
    }
  });
});

describe("Savings Plan and list price", () => {
  test("October: covered usage shows on-demand cost, the negation takes it back, the fee replaces it; the plan saves a known amount", async () => {
    const out = await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost", "AmortizedCost"], GroupBy: [{ Type: "DIMENSION", Key: "RECORD_TYPE" }] });
    const by = Object.fromEntries(allGroups(out).map((g) => [g.Keys![0], { unblended: amount(g.Metrics!.UnblendedCost), amortized: amount(g.Metrics!.AmortizedCost) }]));
    expect(Object.keys(by).sort()).toEqual(["SavingsPlanCoveredUsage", "SavingsPlanNegation", "SavingsPlanRecurringFee", "Usage"]);
    const covered = by.SavingsPlanCoveredUsage.unblended;
    expect(by.SavingsPlanNegation.unblended).toBeCloseTo(-covered, 6);
    expect(by.SavingsPlanRecurringFee.unblended).toBeCloseTo(0.12 * 24 * 31, 6); // $89.28
    const listPrice = by.Usage.unblended + covered;
    const bill = listPrice - covered + by.SavingsPlanRecurringFee.unblended;
    const total = Object.values(by).reduce((s, v) => s + v.unblended, 0);
    expect(total).toBeCloseTo(bill, 6);
    expect(Object.values(by).reduce((s, v) => s + v.amortized, 0)).toBeCloseTo(total, 6);
    const savingsUsd = listPrice - bill;
    expect(savingsUsd).toBeGreaterThan(5);
    console.log(`[sim/billing] October 2026: list price $${listPrice.toFixed(2)}, bill $${bill.toFixed(2)}, Savings Plan saves $${savingsUsd.toFixed(2)} (covered $${covered.toFixed(2)} on demand for $${(by.SavingsPlanCoveredUsage.amortized + by.SavingsPlanRecurringFee.amortized).toFixed(2)} of commitment)`);
  });
});

describe("GetTags, GetDimensionValues, GetCostCategories", () => {
  test("GetTags lists keys, or one key's values with both spellings of checkout", async () => {
    expect((await ce.send(new GetTagsCommand({ TimePeriod: OCTOBER }))).Tags).toEqual(["env", "owner", "service"]);
    const values = await ce.send(new GetTagsCommand({ TimePeriod: OCTOBER, TagKey: "service" }));
    expect(values.Tags).toEqual(["Checkout", "catalog", "checkout", "identity", "notifications", "payments", "reporting", "search"]);
    expect(values).toMatchObject({ ReturnSize: 8, TotalSize: 8 });
    const byCost = await ce.send(new GetTagsCommand({ TimePeriod: OCTOBER, TagKey: "service", SortBy: [{ Key: "UnblendedCost", SortOrder: "DESCENDING" }], MaxResults: 3 }));
    expect(byCost.Tags).toHaveLength(3);
    expect(byCost.TotalSize).toBe(8);
    expect(byCost.NextPageToken).toBeDefined();
  });

  test("GetDimensionValues: services, usage types with their unit, record types", async () => {
    const services = await ce.send(new GetDimensionValuesCommand({ TimePeriod: OCTOBER, Dimension: "SERVICE", Context: "COST_AND_USAGE" }));
    expect(services.DimensionValues!.map((v) => v.Value)).toEqual(["AWS Lambda", "AWS X-Ray", "Amazon Simple Queue Service", "AmazonCloudWatch", "Savings Plans for AWS Compute usage"]);
    const usageTypes = await ce.send(new GetDimensionValuesCommand({ TimePeriod: OCTOBER, Dimension: "USAGE_TYPE", SearchString: "request" }));
    expect(usageTypes.DimensionValues).toEqual([
      { Value: "Request", Attributes: { unit: "Requests" } },
      { Value: "Request-ARM", Attributes: { unit: "Requests" } },
      { Value: "Requests-RBP", Attributes: { unit: "Requests" } },
    ]);
    const recordTypes = await ce.send(new GetDimensionValuesCommand({ TimePeriod: { Start: "2026-01-01", End: "2026-02-01" }, Dimension: "RECORD_TYPE" }));
    expect(recordTypes.DimensionValues!.map((v) => v.Value)).toEqual(["Usage"]); // before the Savings Plan
  });

  test("GetCostCategories: the Team category and its values", async () => {
    expect((await ce.send(new GetCostCategoriesCommand({ TimePeriod: OCTOBER }))).CostCategoryNames).toEqual(["Team"]);
    const values = await ce.send(new GetCostCategoriesCommand({ TimePeriod: OCTOBER, CostCategoryName: "Team" }));
    expect(values.CostCategoryValues).toEqual(["Checkout", "Payments", "Catalog", "Search", "Notifications", "Identity", "Reporting", "Unallocated"]);
  });
});

describe("meter, faults and speed", () => {
  test("every answered request is metered at $0.01; faults answer with Cost Explorer's errors", async () => {
    await control(sim, "DELETE", "meter");
    await send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] });
    await ce.send(new GetTagsCommand({ TimePeriod: OCTOBER }));
    await control(sim, "POST", "faults", { action: "ce:GetCostAndUsage", fault: "throttle", count: 1 });
    expect((await rejection(send({ TimePeriod: OCTOBER, Granularity: "MONTHLY", Metrics: ["UnblendedCost"] }))).name).toBe("LimitExceededException");
    await control(sim, "POST", "faults", { action: "ce:*", fault: "accessDenied", count: 1 });
    const denied = await rejection(ce.send(new GetTagsCommand({ TimePeriod: OCTOBER })));
    expect(denied.name).toBe("AccessDeniedException");
    expect(denied.message).toContain("ce:GetTags");
    const m = (await control<{ requests: Record<string, number>; costExplorer: { requests: number; usd: number } }>(sim, "GET", "meter")).json;
    expect(m.requests).toEqual({ "ce:GetCostAndUsage": 2, "ce:GetTags": 2 });
    expect(m.costExplorer).toEqual({ requests: 2, usd: 0.02 });
  });

  test("timing: 12 months MONTHLY for the fleet by TAG service, warm", async () => {
    const input: GetCostAndUsageCommandInput = { TimePeriod: TWELVE_MONTHS, Granularity: "MONTHLY", Metrics: ["UnblendedCost", "AmortizedCost", "UsageQuantity"], GroupBy: [{ Type: "TAG", Key: "service" }] };
    await send(input);
    const startedMs = performance.now();
    await send(input);
    const warmMs = performance.now() - startedMs;
    console.log(`[sim/billing] GetCostAndUsage 12 months MONTHLY by TAG service, warm: ${warmMs.toFixed(0)} ms`);
    expect(warmMs).toBeLessThan(1000);
  });
});
