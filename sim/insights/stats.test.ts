import { describe, expect, it } from "vitest";
import { event, run } from "./test-support";

// Ten requests: service a has latencies 1..6 ms, service b 10, 20, 30 and one without latency.
const json = (at: number, o: Record<string, unknown>) => event(at, JSON.stringify(o));
const EVENTS = [
  ...[1, 2, 3, 4, 5, 6].map((ms, i) => json(i * 60_000, { svc: "a", ms, user: `u${i % 2}` })),
  json(7 * 60_000, { svc: "b", ms: 10, user: "u1" }),
  json(8 * 60_000, { svc: "b", ms: 20, user: "u2" }),
  json(65 * 60_000, { svc: "b", ms: 30, user: "u2" }),
  json(66 * 60_000, { svc: "b", user: "u3" }),
];

describe("aggregations", () => {
  it("count(*), count(field), count_distinct, sum, avg, min, max", () => {
    const r = run("stats count(*) as n, count(ms) as withMs, count_distinct(user) as users, sum(ms) as total, avg(ms) as mean, min(ms) as lo, max(ms) as hi", EVENTS);
    // sum 1+…+6 + 10+20+30 = 81 over 9 values: mean 9.0
    expect(r.rows).toEqual([{ n: "10", withMs: "9", users: "4", total: "81", mean: "9.0", lo: "1", hi: "30" }]);
  });

  it("groups by a field, rows ordered by the group key", () => {
    const r = run("stats count(*), avg(ms) by svc", EVENTS);
    expect(r.rows).toEqual([
      { svc: "a", "count(*)": "6", "avg(ms)": "3.5" },
      { svc: "b", "count(*)": "4", "avg(ms)": "20.0" },
    ]);
  });

  it("pct is the exact nearest-rank percentile: the smallest value with p % of values at or below it", () => {
    // a: 1..6 → p50 rank ceil(3) = 3 → 3; p90 rank ceil(5.4) = 6 → 6; p0 → the minimum
    const r = run('filter svc = "a" | stats pct(ms, 50) as p50, percentile(ms, 90) as p90, pct(ms, 0) as p0, pct(ms, 100) as p100', EVENTS);
    expect(r.rows).toEqual([{ p50: "3", p90: "6", p0: "1", p100: "6" }]);
  });

  it("stddev is the sample standard deviation (n − 1)", () => {
    // 1..6: mean 3.5, squared deviations sum 17.5, /5 = 3.5, sqrt = 1.8708286933869707
    expect(run('filter svc = "a" | stats stddev(ms) as sd', EVENTS).rows).toEqual([{ sd: "1.8708286933869707" }]);
  });

  it("earliest/latest by @timestamp; sortsFirst/sortsLast in sort order", () => {
    const r = run("stats earliest(user) as first, latest(user) as last, sortsFirst(user) as lo, sortsLast(user) as hi by svc", EVENTS);
    expect(r.rows).toEqual([
      { svc: "a", first: "u0", last: "u1", lo: "u0", hi: "u1" },
      { svc: "b", first: "u1", last: "u3", lo: "u1", hi: "u3" },
    ]);
  });

  it("several group keys, bin() with an alias", () => {
    const r = run("stats count(*) as n by svc, bin(1h) as hour", EVENTS);
    expect(r.rows).toEqual([
      { svc: "a", hour: "2026-11-20 12:00:00.000", n: "6" },
      { svc: "b", hour: "2026-11-20 12:00:00.000", n: "2" },
      { svc: "b", hour: "2026-11-20 13:00:00.000", n: "2" },
    ]);
  });

  it("expressions over aggregations and over earlier aliases in the same stats", () => {
    const r = run("stats sum(ms) / count(ms) as mean, max(ms) as hi, min(ms) as lo, hi - lo as spread by svc", EVENTS);
    expect(r.rows).toEqual([
      { svc: "a", mean: "3.5", hi: "6", lo: "1", spread: "5" },
      { svc: "b", mean: "20.0", hi: "30", lo: "10", spread: "20" },
    ]);
  });

  it("sum of booleans counts them; an aggregate with no values is left out of the row", () => {
    const r = run("stats sum(ispresent(ms)) as withMs, sum(missing) as none", EVENTS);
    expect(r.rows).toEqual([{ withMs: "9" }]);
  });

  it("no matching events: no rows", () => {
    expect(run('filter svc = "zzz" | stats count(*)', EVENTS).rows).toEqual([]);
  });

  it("a field outside an aggregation that is not an earlier alias is malformed", () => {
    expect(() => run("stats count(*) as n, n + ms as bad", EVENTS)).toThrow(/uses no aggregate function/);
    expect(() => run("stats count(*) + ms as bad", EVENTS)).toThrow(/'ms' must be inside an aggregate/);
  });
});

describe("after stats", () => {
  it("sort and limit the aggregated rows", () => {
    const r = run("stats count(*) as n by user | sort n desc, user asc | limit 2", EVENTS);
    // u0: 3 (a), u1: 3 (a) + 1 (b), u2: 2, u3: 1
    expect(r.rows).toEqual([{ user: "u1", n: "4" }, { user: "u0", n: "3" }]);
  });

  it("fields computes from the stats columns (stats sum(x) as a, count(*) as b | fields a / b)", () => {
    const r = run("stats sum(ms) as a, count(*) as b by svc | fields a / b as perEvent", EVENTS);
    expect(r.rows).toEqual([
      { svc: "a", a: "21", b: "6", perEvent: "3.5" },
      { svc: "b", a: "60", b: "4", perEvent: "15.0" },
    ]);
  });

  it("filter and display on aggregated rows", () => {
    expect(run("stats count(*) as n by user | filter n >= 3 | display user", EVENTS).rows).toEqual([{ user: "u0" }, { user: "u1" }]);
  });

  it("a second stats aggregates the first (AWS: peak per-5-minute volume)", () => {
    const r = run("stats count(*) as perBin by bin(5m) | stats max(perBin) as peak, min(perBin) as low, count(*) as bins", EVENTS);
    // 5-minute bins: 12:00 (1,2,3,4,5 min → 5 events), 12:05 (6,7,8 → 3), 13:05 (2)
    expect(r.rows).toEqual([{ peak: "5", low: "2", bins: "3" }]);
  });

  it("the second stats can bin again: the first stats' bin() is its @timestamp", () => {
    const r = run("stats count(*) as perBin by bin(5m) | stats sum(perBin) as n by bin(1h)", EVENTS);
    expect(r.rows).toEqual([
      { "bin(1h)": "2026-11-20 12:00:00.000", n: "8" },
      { "bin(1h)": "2026-11-20 13:00:00.000", n: "2" },
    ]);
    expect(run("stats count(*) as n by bin(1h) | sort @timestamp desc | limit 1", EVENTS).rows).toEqual([{ "bin(1h)": "2026-11-20 13:00:00.000", n: "2" }]);
  });

  it("aggregated rows carry no @ptr", () => {
    expect(run("stats count(*)", EVENTS).raw).toEqual([[{ field: "count(*)", value: "10" }]]);
  });
});
