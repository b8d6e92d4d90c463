// The expectation that bills the days before the model's data is the same traffic model's mean:
// checked against the generator's own minute plans, and the sampling arithmetic by hand.
import { describe, expect, test } from "vitest";
import { LAMBDA_SAMPLING, createModel } from "../model";
import { functionModelOf } from "../model/function-model";
import { planHour } from "../model/traffic";
import { ANCHOR_MS, DAY_MS, HOUR_MS } from "../model/test-support";
import { expectedDemandInHour, expectedTraces, samplingAt } from "./expected-usage";

const model = createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
const fm = (name: string) => functionModelOf(model.fleet, model.fleet.byName.get(name)!);
const drawnDemand = (name: string, fromMs: number, hours: number) => {
  let demand = 0;
  for (let h = 0; h < hours; h++) for (const p of planHour(fm(name), fromMs + h * HOUR_MS)) demand += p.demand;
  return demand;
};
const expectedDemand = (name: string, fromMs: number, hours: number) => {
  let demand = 0;
  for (let h = 0; h < hours; h++) demand += expectedDemandInHour(fm(name), fromMs + h * HOUR_MS);
  return demand;
};

describe("expected demand", () => {
  test("scheduled functions: exactly the calls the schedule makes (every 15 min → 4 an hour, hourly → 1)", () => {
    const fromMs = ANCHOR_MS - 3 * DAY_MS;
    expect(expectedDemandInHour(fm("search-reindex-prod"), fromMs)).toBe(4);
    expect(expectedDemandInHour(fm("reporting-daily-rollup-prod"), fromMs)).toBe(1);
    expect(expectedDemand("data-backfill-tmp", fromMs, 48)).toBe(drawnDemand("data-backfill-tmp", fromMs, 48));
  });

  test("diurnal functions: a week of Poisson draws is within 1 % of the expectation", () => {
    const fromMs = ANCHOR_MS - 9 * DAY_MS;
    for (const name of ["checkout-api-prod", "payments-webhook-prod", "catalog-api-staging"]) {
      const expected = expectedDemand(name, fromMs, 7 * 24);
      expect(drawnDemand(name, fromMs, 7 * 24) / expected, name).toBeGreaterThan(0.99);
      expect(drawnDemand(name, fromMs, 7 * 24) / expected, name).toBeLessThan(1.01);
    }
  });

  test("bursty functions: within 10 % over a week (a few hundred bursts)", () => {
    const fromMs = ANCHOR_MS - 9 * DAY_MS;
    const ratio = drawnDemand("identity-token-rotator-prod", fromMs, 7 * 24) / expectedDemand("identity-token-rotator-prod", fromMs, 7 * 24);
    expect(ratio).toBeGreaterThan(0.9);
    expect(ratio).toBeLessThan(1.1);
  });
});

describe("expected X-Ray traces (reservoir per second, then a fixed rate)", () => {
  test("1 request a second on average: 1 − e⁻¹ + 5 % × e⁻¹ of a trace a second", () => {
    // Per second: P(N ≥ 1) = 1 − e⁻¹ = 0.632121; 5 % of the E[N − min(N, 1)] = 0.367879 others = 0.018394.
    expect(expectedTraces(3600, 3600, LAMBDA_SAMPLING)).toBeCloseTo(3600 * (1 - Math.exp(-1) + 0.05 * Math.exp(-1)), 6);
  });

  test("100 requests a second: the reservoir's 1 plus 5 % of the other 99", () => {
    expect(expectedTraces(100, 1, LAMBDA_SAMPLING)).toBeCloseTo(1 + 0.05 * 99, 6);
    expect(expectedTraces(0, 3600, LAMBDA_SAMPLING)).toBe(0);
  });

  test("a sampling rule decides only from when it was created", () => {
    const checkout = fm("checkout-api-prod");
    const now = samplingAt(checkout, ANCHOR_MS);
    expect(now).not.toBeNull();
    expect(samplingAt(fm("catalog-api-prod"), ANCHOR_MS)).toBeNull();
    const yearAgo = samplingAt(checkout, ANCHOR_MS - 300 * DAY_MS)!;
    expect({ reservoir: yearAgo.reservoirPerSecond, rate: yearAgo.fixedRate }).toEqual({ reservoir: 1, rate: 0.05 });
  });
});
