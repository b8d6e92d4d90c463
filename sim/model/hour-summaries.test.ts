// Whole hours read from per-hour summaries must give exactly what feeding their minutes one by one
// gives (the reference path, ctx.hourSummaries = false): every statistic, period and alignment.
import { describe, expect, test } from "vitest";
import { createContext, type ModelContext } from "./context";
import { createFleet } from "./fleet";
import { lambdaSeries } from "./lambda-metrics";
import { parseStatistic } from "./statistics";
import type { FunctionSpec, MetricRequest } from "./types";
import { ANCHOR_MS, DAY_MS, HOUR_MS, MINUTE_MS } from "./test-support";

// "Now" mid-hour and mid-minute, so the current hour and minute are partial.
const NOW_MS = ANCHOR_MS + 37 * MINUTE_MS + 12_345;
const fleet = createFleet(42, 40, ANCHOR_MS);
const fast = createContext(fleet, () => NOW_MS);
const slow: ModelContext = { ...createContext(fleet, () => NOW_MS), hourSummaries: false };

const STATS = ["Sum", "Average", "Minimum", "Maximum", "SampleCount", "p0", "p1", "p50", "p90", "p99", "p99.9", "p99.99", "p100"];
const PERIODS_S = [60, 120, 300, 420, 3600, 5400, 7200, 10_800, 86_400, 3 * 86_400, 15 * 86_400];
const FUNCTION_METRICS = ["Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions", "DeadLetterErrors"];
const PC_METRICS = ["ProvisionedConcurrentExecutions", "ProvisionedConcurrencyUtilization", "ProvisionedConcurrencyInvocations", "ProvisionedConcurrencySpilloverInvocations"];
const ACCOUNT_METRICS = ["Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions", "UnreservedConcurrentExecutions"];

/** Deterministic test randomness (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)] };
}

/** A window of whole periods starting anywhere in the last 16 days (before retention too), on or off the minute. */
function randomWindow(r: ReturnType<typeof rng>, maxSpanMs: number): Pick<MetricRequest, "startMs" | "endMs" | "periodS"> {
  const periodS = r.pick(PERIODS_S);
  const offGrid = r.next() < 0.2 ? r.int(MINUTE_MS) : 0;
  const startMs = Math.floor((NOW_MS - r.next() * 16 * DAY_MS) / MINUTE_MS) * MINUTE_MS + offGrid;
  const periods = 1 + r.int(Math.max(1, Math.floor(maxSpanMs / (periodS * 1000))));
  return { startMs, endMs: startMs + periods * periodS * 1000, periodS };
}

function expectSame(req: MetricRequest): void {
  const stat = parseStatistic(req.stat)!;
  const reference = lambdaSeries(slow, req, stat);
  const summarised = lambdaSeries(fast, req, stat);
  // toEqual compares numbers with Object.is: byte-identical, -0 ≠ +0, NaN = NaN.
  expect(summarised, JSON.stringify(req)).toEqual(reference);
}

const withIncident = (kind: string) => fleet.functions.find((f) => f.incident === kind)!;
const pcFunction = fleet.functions.find((f) => f.provisionedConcurrency);
const aliased = fleet.functions.find((f) => f.aliases.length > 0 && f.versions.length > 1);
const sample: FunctionSpec[] = [
  ...new Set([withIncident("bad-deploy"), withIncident("throttled"), withIncident("growing-dlq"), pcFunction, aliased, fleet.functions[0], fleet.functions[17]].filter((f): f is FunctionSpec => !!f)),
];

describe("hour summaries give the minute-by-minute answer", () => {
  test("per function: random windows, periods and statistics", () => {
    const r = rng(7);
    for (let k = 0; k < 600; k++) {
      const fn = r.pick(sample);
      const metricName = r.pick(fn === pcFunction && r.next() < 0.3 ? PC_METRICS : FUNCTION_METRICS);
      expectSame({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: fn.name }, stat: r.pick(STATS), ...randomWindow(r, 3 * DAY_MS) });
    }
  });

  test("the 24 h single-period overview window, every minute of an hour", () => {
    const fn = withIncident("bad-deploy");
    for (let shift = 0; shift <= 60; shift += 7) {
      const endMs = Math.floor(NOW_MS / MINUTE_MS) * MINUTE_MS - shift * MINUTE_MS;
      for (const metricName of FUNCTION_METRICS) {
        for (const stat of ["Sum", "p99", "Maximum", "Average"]) expectSame({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: fn.name }, stat, startMs: endMs - DAY_MS, endMs, periodS: 86_400 });
      }
    }
  });

  test("per executed version behind an alias", () => {
    const fn = withIncident("bad-deploy");
    const resource = `${fn.name}:${fn.aliases[0].name}`;
    const r = rng(11);
    for (let k = 0; k < 150; k++) {
      const version = r.pick(fn.versions).version;
      const dimensions = { FunctionName: fn.name, Resource: resource, ExecutedVersion: version };
      expectSame({ namespace: "AWS/Lambda", metricName: r.pick(["Invocations", "Errors", "Duration"]), dimensions, stat: r.pick(STATS), ...randomWindow(r, 2 * DAY_MS) });
    }
  });

  test("Region-wide (no dimensions)", () => {
    const r = rng(13);
    for (let k = 0; k < 20; k++) {
      expectSame({ namespace: "AWS/Lambda", metricName: r.pick(ACCOUNT_METRICS), dimensions: {}, stat: r.pick(STATS), ...randomWindow(r, 4 * HOUR_MS) });
    }
  });
});
