import { describe, expect, test } from "vitest";
import { createModel, functionUsage, invocationsBetween, tracesRecorded } from "./index";
import { LAMBDA_SAMPLING, SamplingCounter, matchesPattern, samplingOf, samplingRules } from "./sampling";
import { ANCHOR_MS, HOUR_MS } from "./test-support";

const model = createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
const spec = (name: string) => model.fleet.byName.get(name)!;

describe("sampling decisions", () => {
  // Requests at 0, 100, 900 ms (second 0), 1000, 1999 ms (second 1) and 2500 ms (second 2).
  const offsets = [0, 100, 900, 1000, 1999, 2500];
  const count = (reservoirPerSecond: number, fixedRate: number, u = 0.5) => {
    const counter = new SamplingCounter({ decidedBy: "test", reservoirPerSecond, fixedRate });
    for (const offset of offsets) counter.request(offset, u);
    return counter.traces;
  };

  test("the reservoir takes the first N requests of each second, the fixed rate decides the rest", () => {
    expect(count(1, 0)).toBe(3); // one per second: 0, 1000, 2500
    expect(count(2, 0)).toBe(5); // 0, 100 | 1000, 1999 | 2500
    expect(count(0, 1)).toBe(6); // FixedRate 1: everything
    expect(count(1, 0.05, 0.04)).toBe(6); // draws under 5 % are sampled past the reservoir
    expect(count(1, 0.05, 0.05)).toBe(3); // draws at or over it are not
  });

  test("rule patterns: * is any run of characters, ? one character", () => {
    expect(matchesPattern("*", "checkout-api/prod")).toBe(true);
    expect(matchesPattern("checkout-api/*", "checkout-api/prod")).toBe(true);
    expect(matchesPattern("checkout-api/pro?", "checkout-api/prod")).toBe(true);
    expect(matchesPattern("checkout-api/pro?", "checkout-api/prod2")).toBe(false);
    expect(matchesPattern("AWS::APIGateway::Stage", "AWS::Lambda::Function")).toBe(false);
  });

  test("who decides: checkout-api-prod's stage by checkout-all, other Active functions Lambda's fixed rate, PassThrough none", () => {
    expect(samplingRules(model.fleet).map((r) => r.ruleName)).toEqual(["Default", "checkout-all"]);
    expect(samplingOf(model.fleet, spec("checkout-api-prod"))).toEqual({ decidedBy: "checkout-all", reservoirPerSecond: 0, fixedRate: 1 });
    for (const name of ["payments-webhook-prod", "search-query-prod", "identity-auth-prod"]) expect(samplingOf(model.fleet, spec(name)), name).toEqual(LAMBDA_SAMPLING);
    expect(samplingOf(model.fleet, spec("catalog-api-prod"))).toBeNull();
  });
});

describe("tracesRecorded", () => {
  const fromMs = ANCHOR_MS - 3 * HOUR_MS;
  const toMs = ANCHOR_MS - 2 * HOUR_MS;

  test("checkout-api-prod records a trace for every invocation (checkout-all: FixedRate 1, no reservoir)", () => {
    const invocations = functionUsage(model, "checkout-api-prod", fromMs, toMs)!.invocations;
    expect(invocations).toBeGreaterThan(10_000);
    expect(tracesRecorded(model, "checkout-api-prod", fromMs, toMs)).toBe(invocations);
  });

  test("Lambda's own sampling: one per busy second, then about 5 % of the rest", () => {
    const seconds = new Set<number>();
    let invocations = 0;
    invocationsBetween(model, "search-query-prod", fromMs, toMs, (r) => {
      invocations++;
      seconds.add(Math.floor(r.timestampMs / 1000));
    });
    const rest = invocations - seconds.size;
    expect(rest).toBeGreaterThan(10_000);
    const traces = tracesRecorded(model, "search-query-prod", fromMs, toMs)!;
    const sd = Math.sqrt(rest * 0.05 * 0.95);
    expect(Math.abs(traces - seconds.size - 0.05 * rest)).toBeLessThan(4 * sd);
  });

  test("a window's traces are the sum of its minutes; none without Active tracing; null for unknown functions", () => {
    const whole = tracesRecorded(model, "payments-webhook-prod", fromMs, toMs)!;
    let parts = 0;
    for (let m = fromMs; m < toMs; m += 60_000) parts += tracesRecorded(model, "payments-webhook-prod", m, m + 60_000)!;
    expect(parts).toBe(whole);
    expect(tracesRecorded(model, "catalog-api-prod", fromMs, toMs)).toBe(0);
    expect(tracesRecorded(model, "no-such-function", fromMs, toMs)).toBeNull();
    // Same seed and clock, same traces.
    expect(tracesRecorded(createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS }), "payments-webhook-prod", fromMs, toMs)).toBe(whole);
  });
});
