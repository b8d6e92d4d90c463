import { describe, expect, test } from "vitest";
import { createModel, functionUsage, invocationsBetween, invocationsOfMinute, minuteHasData } from "./index";
import { ANCHOR_MS, DAY_MS, HOUR_MS, MINUTE_MS, byTime, series, total } from "./test-support";

const model = createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
const DAY_START_MS = ANCHOR_MS - DAY_MS;
const fn = (name: string) => ({ FunctionName: name });

describe("AWS/Lambda per function", () => {
  test("Errors ≤ Invocations in every minute of the last 24 h, for every function", () => {
    for (const spec of model.fleet.functions) {
      const invocations = byTime(series(model, "Invocations", fn(spec.name), "Sum", DAY_START_MS, ANCHOR_MS, 60));
      const errors = series(model, "Errors", fn(spec.name), "Sum", DAY_START_MS, ANCHOR_MS, 60);
      const over = errors.timestampsMs.filter((t, k) => errors.values[k] > (invocations.get(t) ?? 0));
      expect(over, spec.name).toEqual([]);
    }
  });

  test("throttles only in minutes where ConcurrentExecutions Maximum = reserved concurrency", () => {
    for (const spec of model.fleet.functions.filter((f) => f.reservedConcurrency !== undefined)) {
      const throttles = series(model, "Throttles", fn(spec.name), "Sum", DAY_START_MS, ANCHOR_MS, 60);
      const concurrency = byTime(series(model, "ConcurrentExecutions", fn(spec.name), "Maximum", DAY_START_MS, ANCHOR_MS, 60));
      const wrong = throttles.timestampsMs.filter((t, k) => throttles.values[k] > 0 && concurrency.get(t) !== spec.reservedConcurrency);
      expect(wrong, spec.name).toEqual([]);
      expect(Math.max(...concurrency.values())).toBeLessThanOrEqual(spec.reservedConcurrency!);
    }
  });

  test("sums over 07:13–09:47 agree at 60 s and 3600 s periods, with the generator and with the bill", () => {
    const startMs = Date.UTC(2025, 10, 20, 7, 13);
    const endMs = Date.UTC(2025, 10, 20, 9, 47);
    for (const name of ["checkout-api-prod", "notifications-email-prod", "payments-webhook-prod", "identity-token-rotator-prod"]) {
      const counted = { invocations: 0, errors: 0, durationMs: 0 };
      for (let m = startMs; m < endMs; m += MINUTE_MS) {
        invocationsOfMinute(model, name, m, (r) => {
          counted.invocations++;
          if (r.status !== "success") counted.errors++;
          counted.durationMs += r.durationMs;
        });
      }
      for (const periodS of [60, 3600]) {
        const hourly = series(model, "Invocations", fn(name), "Sum", startMs, endMs, periodS);
        expect(total(hourly), `${name} ${periodS}`).toBe(counted.invocations);
        expect(total(series(model, "Errors", fn(name), "Sum", startMs, endMs, periodS))).toBe(counted.errors);
        expect(total(series(model, "Duration", fn(name), "Sum", startMs, endMs, periodS))).toBeCloseTo(counted.durationMs, 3);
      }
      const scanned = { invocations: 0, billedDurationMs: 0, billedMbMs: 0 };
      invocationsBetween(model, name, startMs, endMs, (r) => {
        scanned.invocations++;
        scanned.billedDurationMs += r.billedDurationMs;
        scanned.billedMbMs += r.billedDurationMs * r.memorySizeMb;
      });
      expect(scanned.invocations).toBe(counted.invocations);
      expect(functionUsage(model, name, startMs, endMs)).toEqual(scanned); // the bill agrees exactly
      const hourly = series(model, "Invocations", fn(name), "Sum", startMs, endMs, 3600);
      expect(hourly.timestampsMs).toEqual([startMs, startMs + HOUR_MS, startMs + 2 * HOUR_MS].filter((t) => hourly.timestampsMs.includes(t)));
    }
  });

  test("count metrics: one 0/1 sample per invocation (Errors Average = error rate)", () => {
    const d = fn("checkout-api-prod");
    const [from, to] = [ANCHOR_MS - HOUR_MS, ANCHOR_MS];
    const invocations = series(model, "Invocations", d, "Sum", from, to, 3600).values[0];
    const errors = series(model, "Errors", d, "Sum", from, to, 3600).values[0];
    expect(series(model, "Errors", d, "SampleCount", from, to, 3600).values[0]).toBe(invocations);
    expect(series(model, "Errors", d, "Average", from, to, 3600).values[0]).toBeCloseTo(errors / invocations, 12);
    expect(series(model, "Errors", d, "Maximum", from, to, 3600).values[0]).toBe(1);
    expect(series(model, "Invocations", d, "Average", from, to, 3600).values[0]).toBe(1);
    expect(series(model, "Errors", d, "p50", from, to, 3600).values[0]).toBe(0); // ~12 % errors
  });

  test("Duration percentiles from the histogram are within ~2 % of the exact ones", () => {
    const [from, to] = [ANCHOR_MS - HOUR_MS, ANCHOR_MS];
    const durations: number[] = [];
    for (let m = from; m < to; m += MINUTE_MS) invocationsOfMinute(model, "search-query-prod", m, (r) => durations.push(r.durationMs));
    durations.sort((a, b) => a - b);
    for (const [stat, p] of [["p50", 50], ["p99", 99], ["p99.9", 99.9]] as const) {
      const exact = durations[Math.ceil((p / 100) * durations.length) - 1];
      const fromMetric = series(model, "Duration", fn("search-query-prod"), stat, from, to, 3600).values[0];
      expect(Math.abs(fromMetric / exact - 1), stat).toBeLessThan(0.02);
    }
    expect(series(model, "Duration", fn("search-query-prod"), "Maximum", from, to, 3600).values[0]).toBe(durations.at(-1));
  });

  test("a period without samples has no datapoint; nothing before retention or at/after now", () => {
    const reindex = series(model, "Invocations", fn("search-reindex-prod"), "Sum", ANCHOR_MS - HOUR_MS, ANCHOR_MS, 60);
    expect(reindex.timestampsMs).toHaveLength(4); // every 15 minutes
    const future = series(model, "Invocations", fn("checkout-api-prod"), "Sum", ANCHOR_MS - 2 * MINUTE_MS, ANCHOR_MS + HOUR_MS, 60);
    expect(future.timestampsMs).toEqual([ANCHOR_MS - 2 * MINUTE_MS, ANCHOR_MS - MINUTE_MS]);
    const old = series(model, "Invocations", fn("checkout-api-prod"), "Sum", ANCHOR_MS - 16 * DAY_MS, ANCHOR_MS - 14 * DAY_MS + 2 * MINUTE_MS, 60);
    expect(old.timestampsMs).toEqual([ANCHOR_MS - 14 * DAY_MS, ANCHOR_MS - 14 * DAY_MS + MINUTE_MS]);
    expect(minuteHasData(model, ANCHOR_MS - MINUTE_MS)).toBe(true);
    expect(minuteHasData(model, ANCHOR_MS)).toBe(false);
  });

  test("unknown function, metric, dimension or statistic → null", () => {
    const req = { namespace: "AWS/Lambda", metricName: "Invocations", dimensions: fn("checkout-api-prod"), stat: "Sum", startMs: ANCHOR_MS - HOUR_MS, endMs: ANCHOR_MS, periodS: 300 };
    expect(model.metricSeries(req)).not.toBeNull();
    expect(model.metricSeries({ ...req, dimensions: fn("no-such-function") })).toBeNull();
    expect(model.metricSeries({ ...req, metricName: "Nonsense" })).toBeNull();
    expect(model.metricSeries({ ...req, dimensions: { ...fn("checkout-api-prod"), Color: "red" } })).toBeNull();
    expect(model.metricSeries({ ...req, stat: "Median" })).toBeNull();
    expect(model.metricSeries({ ...req, namespace: "AWS/EC2" })).toBeNull();
    expect(model.metricSeries({ ...req, metricName: "ProvisionedConcurrencyUtilization" })).toBeNull();
  });
});

describe("Resource, ExecutedVersion and account-wide dimensions", () => {
  const [from, to] = [ANCHOR_MS - 2 * HOUR_MS, ANCHOR_MS];

  test("prod traffic goes through the live alias; staging is invoked unqualified", () => {
    const all = total(series(model, "Invocations", fn("checkout-api-prod"), "Sum", from, to, 3600));
    expect(total(series(model, "Invocations", { FunctionName: "checkout-api-prod", Resource: "checkout-api-prod:live" }, "Sum", from, to, 3600))).toBe(all);
    expect(model.metricSeries({ namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: "checkout-api-prod", Resource: "checkout-api-prod" }, stat: "Sum", startMs: from, endMs: to, periodS: 3600 })).toBeNull();
    const staging = total(series(model, "Invocations", fn("checkout-api-staging"), "Sum", from, to, 3600));
    expect(total(series(model, "Invocations", { FunctionName: "checkout-api-staging", Resource: "checkout-api-staging" }, "Sum", from, to, 3600))).toBe(staging);
  });

  test("ExecutedVersion series add up to the alias's", () => {
    const [start, end] = [ANCHOR_MS - 6 * HOUR_MS, ANCHOR_MS];
    const d = (v: string) => ({ FunctionName: "checkout-api-prod", Resource: "checkout-api-prod:live", ExecutedVersion: v });
    const perVersion = ["4", "5"].map((v) => total(series(model, "Invocations", d(v), "Sum", start, end, 300)));
    expect(perVersion[0] + perVersion[1]).toBe(total(series(model, "Invocations", fn("checkout-api-prod"), "Sum", start, end, 300)));
    expect(total(series(model, "Invocations", d("3"), "Sum", start, end, 300))).toBe(0);
    expect(model.metricSeries({ namespace: "AWS/Lambda", metricName: "Invocations", dimensions: d("9"), stat: "Sum", startMs: start, endMs: end, periodS: 300 })).toBeNull();
  });

  test("account-wide Invocations and ConcurrentExecutions are the sums over functions", () => {
    let invocations = 0;
    let concurrency = 0;
    for (const spec of model.fleet.functions) {
      invocations += total(series(model, "Invocations", fn(spec.name), "Sum", from, to, 3600));
      concurrency += series(model, "ConcurrentExecutions", fn(spec.name), "Maximum", to - MINUTE_MS, to, 60).values[0] ?? 0;
    }
    expect(total(series(model, "Invocations", {}, "Sum", from, to, 3600))).toBe(invocations);
    expect(series(model, "ConcurrentExecutions", {}, "Maximum", to - MINUTE_MS, to, 60).values[0]).toBe(concurrency);
    const unreserved = series(model, "UnreservedConcurrentExecutions", {}, "Maximum", to - MINUTE_MS, to, 60).values[0];
    expect(unreserved).toBeLessThan(concurrency);
  });

  test("provisioned concurrency metrics exist for the PC functions", () => {
    const d = { FunctionName: "identity-auth-prod", Resource: "identity-auth-prod:live" };
    const utilization = series(model, "ProvisionedConcurrencyUtilization", d, "Maximum", from, to, 3600).values;
    expect(utilization.every((u) => u > 0 && u <= 1)).toBe(true);
    const served = total(series(model, "ProvisionedConcurrencyInvocations", d, "Sum", from, to, 3600));
    const spilled = total(series(model, "ProvisionedConcurrencySpilloverInvocations", d, "Sum", from, to, 3600));
    expect(served + spilled).toBe(total(series(model, "Invocations", d, "Sum", from, to, 3600)));
  });
});

describe("determinism", () => {
  test("same seed → same numbers; another seed → other numbers", () => {
    const [from, to] = [ANCHOR_MS - 3 * HOUR_MS, ANCHOR_MS];
    const again = createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
    const other = createModel({ seed: 1, anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
    const read = (m: typeof model) => series(m, "Duration", fn("payments-webhook-prod"), "p99", from, to, 300).values.concat(series(m, "Throttles", fn("payments-webhook-prod"), "Sum", from, to, 300).values);
    expect(read(again)).toEqual(read(model));
    expect(read(other)).not.toEqual(read(model));
  });
});
