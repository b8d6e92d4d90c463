import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { periodCost, projectMonth, provisionedHoursIn, type MeasuredInputs } from "@/lib/cost/function-cost";
import { CostLedger } from "@/lib/cost/observation-cost";
import { numberOf } from "@/lib/insights/parse-results";
import { runQuery } from "@/lib/insights/run-query";
import { savedQueries } from "@/lib/insights/saved-queries";
import { Semaphore } from "@/lib/insights/semaphore";
import { functionUsage } from "@/sim/model";
import { startSim, type RunningSim } from "@/sim/server";
import { CREDENTIALS, fixedModel, NOW_MS } from "@/sim/test/helpers";

const week: MeasuredInputs = { sampleHours: 168, invocations: 1_680_000, coldStarts: 0, avgDurationMs: 99, avgBilledDurationMs: 100, gbSeconds: 168_000, billedSeconds: 168_000, ephemeralStorageMb: 512, memorySizeMb: 1024, logBytes: null, tracesRecorded: null, sampling: null, tracesAtLambdaDefault: null, provisionedConcurrency: 0, provisionedSinceMs: null };

test("scaledUsage: a week's figures × 730 / 168, log bytes in GB of 2^30", async () => {
  const { scaledUsage } = await import("@/lib/cost/usage");
  const u = scaledUsage({ ...week, logBytes: 168 * 1024 ** 3, tracesRecorded: 1_680 });
  expect(u.invocations).toBeCloseTo(7_300_000, 6);
  expect(u.logGb).toBeCloseTo(730, 9);
  expect(u.traces).toBeCloseTo(7_300, 9);
  expect(scaledUsage(week, 24).gbSeconds).toBeCloseTo(24_000, 9);
});

describe("projectMonth: a week scaled to 730 hours, term by term", () => {
  test("1.68M requests and 168,000 GB-s a week → 7.3M requests ($1.46) and 730,000 GB-s ($12.17)", () => {
    const terms = projectMonth(week, "x86_64", "us-east-1");
    expect(terms.map((t) => [t.name, Math.round(t.quantity * 1e6) / 1e6, t.usd])).toEqual([
      ["Lambda requests", 7_300_000, 1.46],
      ["Lambda duration (x86_64)", 730_000, 12.17], // 730,000 × $0.0000166667 = $12.1667
    ]);
  });

  test("ephemeral storage above 512 MB is billed for the billed duration: 2,048 MB × 168,000 s a week", () => {
    const terms = projectMonth({ ...week, ephemeralStorageMb: 2048 }, "x86_64", "us-east-1");
    const eph = terms.find((t) => t.name === "Ephemeral storage")!;
    expect(eph.quantity).toBeCloseTo(((2048 - 512) / 1024) * 168_000 * (730 / 168), 6);
  });

  test("logs, traces and provisioned concurrency add their terms; provisioned environments take the GB-s that fit at the lower rate", () => {
    const terms = projectMonth({ ...week, logBytes: 2 * 1024 ** 3, tracesRecorded: 100_000, provisionedConcurrency: 1 }, "arm64", "us-east-1");
    const by = Object.fromEntries(terms.map((t) => [t.name, t]));
    expect(by["CloudWatch Logs ingestion"].quantity).toBeCloseTo((2 * 730) / 168, 9); // GB
    expect(by["X-Ray traces recorded"].quantity).toBeCloseTo((100_000 * 730) / 168, 6);
    // one 1 GB environment for 730 h holds 2,628,000 GB-s: all 730,000 run on it
    expect(by["Provisioned concurrency"].quantity).toBe(2_628_000);
    expect(by["Duration on provisioned concurrency"].quantity).toBeCloseTo(730_000, 6);
    expect(by["Lambda duration (arm64)"].quantity).toBeCloseTo(0, 6);
  });
});

test("a calendar period is priced per invocation, provisioned concurrency per hour", () => {
  const terms = projectMonth({ ...week, provisionedConcurrency: 1 }, "x86_64", "us-east-1");
  const pc = terms.find((t) => t.name === "Provisioned concurrency")!.exactUsd;
  const rest = terms.reduce((a, t) => a + t.exactUsd, 0) - pc;
  // half the month's invocations over 365 hours: half of everything
  expect(periodCost(terms, 7_300_000, 3_650_000, 365)).toBeCloseTo(rest / 2 + pc / 2, 9);
  // a quiet period still pays for its provisioned environments
  expect(periodCost(terms, 7_300_000, 0, 730)).toBeCloseTo(pc, 9);
});

test("provisioned concurrency counts from its configuration's LastModified", () => {
  const oct = Date.UTC(2026, 9, 1), nov = Date.UTC(2026, 10, 1);
  // set on 24 Oct 00:00: 8 days × 24 h of October's 744
  expect(provisionedHoursIn(oct, nov, Date.UTC(2026, 9, 24))).toBe(192);
  // set before the period: all of it; set after it: none
  expect(provisionedHoursIn(oct, nov, Date.UTC(2026, 8, 3))).toBe(744);
  expect(provisionedHoursIn(oct, nov, Date.UTC(2026, 10, 5))).toBe(0);
  // no LastModified: assume the whole period
  expect(provisionedHoursIn(oct, nov, null)).toBe(744);
});

describe("the billed-duration query against the demo account's invocations", () => {
  let sim: RunningSim;
  beforeAll(async () => void (sim = await startSim({ port: 0, model: fixedModel() })));
  afterAll(() => sim.close());

  // Text and JSON log formats (identity-auth-prod), a cold-start-heavy one: Σ billed duration and GB-s
  // from the REPORT lines equal the model's billed usage exactly.
  for (const fn of ["checkout-api-prod", "identity-auth-prod", "identity-token-rotator-prod"]) {
    test(fn, async () => {
      const logs = new CloudWatchLogsClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS });
      const span = { startMs: NOW_MS - 6 * 3_600_000, endMs: NOW_MS };
      const r = await runQuery(logs, { logGroupNames: [`/aws/lambda/${fn}`], queryString: savedQueries().get("billed-duration")!.queryString, ...span }, { ledger: new CostLedger(), semaphore: new Semaphore(2), deadlineMs: Date.now() + 60_000 });
      const truth = functionUsage(sim.model, fn, span.startMs, span.endMs)!;
      expect(numberOf(r.rows[0].invocations)).toBe(truth.invocations);
      expect(numberOf(r.rows[0].sumBilledDurationMs)).toBe(truth.billedDurationMs);
      expect(numberOf(r.rows[0].gbSeconds)).toBeCloseTo(truth.billedMbMs / 1024 / 1000, 3);
    });
  }
});
