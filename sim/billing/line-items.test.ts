// The bill's arithmetic on hand-worked days: the free tier used up in day order, the Savings Plan
// applied hour by hour, and the record types Cost Explorer shows them as.
import { describe, expect, test } from "vitest";
import type { FunctionSpec } from "../model/types";
import { type FreeTierLeft, type LineItem, dayLineItems, fullFreeTier } from "./line-items";
import type { FunctionDay } from "./usage";

const DAY_END_MS = Date.UTC(2026, 9, 2);
const NO_PLAN = new Float64Array(24);
const WHOLE_DAY_PLAN = new Float64Array(24).fill(1);
const NOTHING_FREE: FreeTierLeft = { lambdaRequests: 0, lambdaGbSeconds: 0, logsGb: 0, xrayTraces: 0, sqsRequests: 0 };

const spec = (overrides: Partial<FunctionSpec> = {}) =>
  ({ name: "fn", architecture: "x86_64", tags: { service: "checkout", env: "prod", owner: "team-checkout" }, tracing: "PassThrough", ...overrides }) as FunctionSpec;

/** A day with `requests` invocations and `gbSecondsByHour` of on-demand duration. */
function day(s: FunctionSpec, requests: number, gbSecondsByHour: number[] = []): FunctionDay {
  const mbMs = new Float64Array(24);
  gbSecondsByHour.forEach((gbs, h) => (mbMs[h] = gbs * 1024 * 1000));
  return {
    spec: s,
    invocations: requests,
    invocationsByHour: new Float64Array(24),
    onDemandMbMsByHour: mbMs,
    provisionedMbMsByHour: new Float64Array(24),
    pcConfiguredGbsByHour: new Float64Array(24),
    logBytes: 0,
    dlqSent: 0,
    errors: 0,
    traces: 0,
  };
}

const find = (items: LineItem[], usageType: string, recordType = "Usage") => items.find((i) => i.usageType === usageType && i.recordType === recordType);
const total = (items: LineItem[], key: "unblendedUsd" | "amortizedUsd") => items.reduce((s, i) => s + i[key], 0);

describe("free tier", () => {
  test("1M requests a month: 600,000 on the 1st are free, 400,000 of the 2nd's 500,000 too, 100,000 cost $0.02", () => {
    const left = fullFreeTier();
    const first = dayLineItems([day(spec(), 600_000)], [], DAY_END_MS, left, NO_PLAN);
    expect(find(first, "Request")).toMatchObject({ quantity: 600_000, unblendedUsd: 0 });
    expect(left.lambdaRequests).toBe(400_000);
    const second = dayLineItems([day(spec(), 500_000)], [], DAY_END_MS, left, NO_PLAN);
    // 100,000 × $0.20 / 1M = $0.02; the usage quantity stays whole.
    expect(find(second, "Request")!.quantity).toBe(500_000);
    expect(find(second, "Request")!.unblendedUsd).toBeCloseTo(0.02, 10);
    expect(left.lambdaRequests).toBe(0);
  });

  test("the GB-second allowance is shared by x86 and Arm in proportion to the day's usage", () => {
    const left = { ...NOTHING_FREE, lambdaGbSeconds: 100_000 };
    // 150,000 + 50,000 GB-s against 100,000 free: half of each is billed.
    const items = dayLineItems([day(spec(), 0, [150_000]), day(spec({ architecture: "arm64" }), 0, [50_000])], [], DAY_END_MS, left, NO_PLAN);
    expect(find(items, "Lambda-GB-Second")!.unblendedUsd).toBeCloseTo(75_000 * 0.0000166667, 10); // $1.2500025
    expect(find(items, "Lambda-GB-Second-ARM")!.unblendedUsd).toBeCloseTo(25_000 * 0.0000133334, 10); // $0.333335
  });

  test("functions with provisioned concurrency get no Lambda free tier", () => {
    const left = fullFreeTier();
    const pc = spec({ provisionedConcurrency: { qualifier: "live", requested: 2, allocatedAtMs: DAY_END_MS - 86_400_000 * 30 } });
    const items = dayLineItems([day(pc, 10_000)], [], DAY_END_MS, left, NO_PLAN);
    expect(find(items, "Request")!.unblendedUsd).toBeCloseTo(0.002, 10);
    expect(left.lambdaRequests).toBe(1_000_000);
  });
});

describe("Compute Savings Plan ($0.12 an hour, 17 % off Lambda duration)", () => {
  test("an hour with $1.00 of eligible duration: $0.12 of commitment covers $0.144578 of it", () => {
    // 60,000 GB-s × $0.0000166667 = $1.000002 on demand. At the plan's rate (× 0.83) the hour would
    // cost $0.830002, so the whole $0.12 commitment is used; it pays for $0.12 / 0.83 = $0.1445783 of
    // on-demand usage. Saving: $0.1445783 − $0.12 = $0.0245783.
    const items = dayLineItems([day(spec(), 0, [60_000])], [], DAY_END_MS, { ...NOTHING_FREE }, oneHour());
    const covered = 0.12 / 0.83;
    expect(find(items, "Lambda-GB-Second", "SavingsPlanCoveredUsage")).toMatchObject({ service: "AWS Lambda", tags: { service: "checkout" } });
    expect(find(items, "Lambda-GB-Second", "SavingsPlanCoveredUsage")!.unblendedUsd).toBeCloseTo(covered, 10);
    expect(find(items, "Lambda-GB-Second", "SavingsPlanCoveredUsage")!.amortizedUsd).toBeCloseTo(0.12, 10);
    expect(find(items, "Lambda-GB-Second", "SavingsPlanCoveredUsage")!.quantity).toBeCloseTo(60_000 * (covered / 1.000002), 6);
    expect(find(items, "Lambda-GB-Second")!.unblendedUsd).toBeCloseTo(1.000002 - covered, 10);
    const negation = find(items, "Lambda-GB-Second", "SavingsPlanNegation")!;
    expect(negation).toMatchObject({ quantity: 0, amortizedUsd: 0, tags: {}, team: "Unallocated" });
    expect(negation.unblendedUsd).toBeCloseTo(-covered, 10);
    const fee = find(items, "ComputeSP:1yrNoUpfront", "SavingsPlanRecurringFee")!;
    expect(fee).toMatchObject({ service: "Savings Plans for AWS Compute usage", region: "global", quantity: 1, unblendedUsd: 0.12 });
    expect(fee.amortizedUsd).toBeCloseTo(0, 10);
    // Both views bill the same total: $1.000002 − $0.0245783.
    expect(total(items, "unblendedUsd")).toBeCloseTo(1.000002 - covered + 0.12, 10);
    expect(total(items, "amortizedUsd")).toBeCloseTo(total(items, "unblendedUsd"), 10);
  });

  test("an hour with only $0.05 eligible uses $0.0415 of the commitment; the unused $0.0785 is the amortized fee", () => {
    const gbSeconds = 0.05 / 0.0000166667; // $0.05 on demand → $0.0415 at the plan's rate
    const items = dayLineItems([day(spec(), 0, [gbSeconds])], [], DAY_END_MS, { ...NOTHING_FREE }, oneHour());
    expect(find(items, "Lambda-GB-Second")).toBeUndefined();
    expect(find(items, "Lambda-GB-Second", "SavingsPlanCoveredUsage")!.unblendedUsd).toBeCloseTo(0.05, 10);
    expect(find(items, "Lambda-GB-Second", "SavingsPlanCoveredUsage")!.amortizedUsd).toBeCloseTo(0.0415, 10);
    const fee = find(items, "ComputeSP:1yrNoUpfront", "SavingsPlanRecurringFee")!;
    expect(fee.unblendedUsd).toBeCloseTo(0.12, 10);
    expect(fee.amortizedUsd).toBeCloseTo(0.0785, 10);
    expect(total(items, "unblendedUsd")).toBeCloseTo(0.12, 10);
  });

  test("requests are never covered, and the commitment is billed for every active hour", () => {
    const items = dayLineItems([day(spec(), 1_000_000)], [], DAY_END_MS, { ...NOTHING_FREE }, WHOLE_DAY_PLAN);
    expect(find(items, "Request")!.unblendedUsd).toBeCloseTo(0.2, 10);
    expect(find(items, "Request", "SavingsPlanCoveredUsage")).toBeUndefined();
    expect(find(items, "ComputeSP:1yrNoUpfront", "SavingsPlanRecurringFee")).toMatchObject({ quantity: 24 });
    expect(find(items, "ComputeSP:1yrNoUpfront", "SavingsPlanRecurringFee")!.unblendedUsd).toBeCloseTo(2.88, 10);
  });
});

test("X-Ray traces carry no tags; log ingestion is priced per GiB", () => {
  const d = { ...day(spec({ tracing: "Active" }), 10), traces: 200_000, logBytes: 3 * 1024 ** 3 };
  const items = dayLineItems([d], [], DAY_END_MS, { ...NOTHING_FREE }, NO_PLAN);
  expect(find(items, "USE1-XRay-TracesStored")).toMatchObject({ service: "AWS X-Ray", tags: {}, team: "Unallocated", quantity: 200_000, unit: "Traces" });
  expect(find(items, "USE1-XRay-TracesStored")!.unblendedUsd).toBeCloseTo(1, 10);
  expect(find(items, "USE1-DataProcessing-Bytes")).toMatchObject({ service: "AmazonCloudWatch", quantity: 3, unit: "GB", unblendedUsd: 1.5, team: "Checkout" });
});

function oneHour(): Float64Array {
  const a = new Float64Array(24);
  a[0] = 1;
  return a;
}
