// GetMetricData through the real @aws-sdk/client-cloudwatch: data, ordering, alignment, limits, paging.
import { GetMetricDataCommand, paginateGetMetricData, type MetricDataQuery, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningSim } from "../server";
import { DAY_MS, HOUR_MS, MINUTE_MS, NOW_MS, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let cloudwatch: ReturnType<typeof sdkClients>["cloudwatch"];
let busy: string; // a function invoked every minute of the last day
beforeAll(async () => {
  sim = await startTestSim();
  cloudwatch = sdkClients(sim).cloudwatch;
  busy = sim.model.fleet.functions.find((f) => {
    const s = sim.model.metricSeries(metric(f.name, "Invocations", "Sum", NOW_MS - DAY_MS, NOW_MS, 60));
    return s?.timestampsMs.length === 1440;
  })!.name;
});
afterAll(() => sim.close());

function metric(functionName: string, metricName: string, stat: string, startMs: number, endMs: number, periodS: number) {
  return { namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: functionName }, stat, startMs, endMs, periodS };
}

function query(id: string, functionName: string, metricName = "Invocations", stat = "Sum", period = 60): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: "AWS/Lambda", MetricName: metricName, Dimensions: [{ Name: "FunctionName", Value: functionName }] }, Period: period, Stat: stat },
  };
}

const times = (r: MetricDataResult) => r.Timestamps!.map((t) => t.getTime());

describe("MetricStat data", () => {
  test("values match the fleet model; newest first by default (ScanBy TimestampDescending)", async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({ StartTime: new Date(NOW_MS - HOUR_MS), EndTime: new Date(NOW_MS), MetricDataQueries: [query("inv", busy)] }),
    );
    const expected = sim.model.metricSeries(metric(busy, "Invocations", "Sum", NOW_MS - HOUR_MS, NOW_MS, 60))!;
    const r = out.MetricDataResults![0];
    expect(r).toMatchObject({ Id: "inv", Label: "Invocations", StatusCode: "Complete" });
    expect(times(r)).toEqual([...expected.timestampsMs].reverse());
    expect(r.Values).toEqual([...expected.values].reverse());
    expect(out.NextToken).toBeUndefined();
  });

  test("ScanBy TimestampAscending gives oldest first; percentiles and Label pass through", async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(NOW_MS - HOUR_MS),
        EndTime: new Date(NOW_MS),
        ScanBy: "TimestampAscending",
        MetricDataQueries: [{ ...query("p99", busy, "Duration", "p99", 300), Label: "p99 duration" }],
      }),
    );
    const r = out.MetricDataResults![0];
    expect(r.Label).toBe("p99 duration");
    const t = times(r);
    expect(t).toEqual([...t].sort((a, b) => a - b));
    expect(t).toHaveLength(12);
    expect(r.Values!.every((v) => v > 0)).toBe(true);
  });

  test("StartTime is rounded down to the minute and buckets step by Period from there", async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(NOW_MS - HOUR_MS + 7 * MINUTE_MS + 30_000), // 11:07:30
        EndTime: new Date(NOW_MS),
        ScanBy: "TimestampAscending",
        MetricDataQueries: [query("inv", busy, "Invocations", "Sum", 300)],
      }),
    );
    const t = times(out.MetricDataResults![0]);
    expect(new Date(t[0]).toISOString()).toBe("2026-11-20T11:07:00.000Z");
    expect(t.slice(1).map((x, i) => x - t[i])).toEqual(Array(t.length - 1).fill(300_000));
  });

  test("no datapoint at or after now, even when EndTime is in the future", async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({ StartTime: new Date(NOW_MS - HOUR_MS), EndTime: new Date(NOW_MS + HOUR_MS), MetricDataQueries: [query("inv", busy)] }),
    );
    const t = times(out.MetricDataResults![0]);
    expect(Math.max(...t)).toBe(NOW_MS - MINUTE_MS);
  });

  test("1-minute data is kept 15 days: an older window at Period 60 has no datapoints before that", async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({ StartTime: new Date(NOW_MS - 20 * DAY_MS), EndTime: new Date(NOW_MS - 14 * DAY_MS), MetricDataQueries: [query("inv", busy)] }),
    );
    expect(times(out.MetricDataResults![0]).every((t) => t >= NOW_MS - 15 * DAY_MS)).toBe(true);
  });

  test("a metric the account doesn't have is an empty Complete result, not an error", async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({ StartTime: new Date(NOW_MS - HOUR_MS), EndTime: new Date(NOW_MS), MetricDataQueries: [query("x", "no-such-function")] }),
    );
    expect(out.MetricDataResults![0]).toMatchObject({ Id: "x", StatusCode: "Complete", Timestamps: [], Values: [] });
  });

  test("ReturnData false: requested but not returned", async () => {
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(NOW_MS - HOUR_MS),
        EndTime: new Date(NOW_MS),
        MetricDataQueries: [query("shown", busy), { ...query("hidden", busy, "Errors"), ReturnData: false }],
      }),
    );
    expect(out.MetricDataResults!.map((r) => r.Id)).toEqual(["shown"]);
  });
});

describe("limits and validation", () => {
  const window = { StartTime: new Date(NOW_MS - HOUR_MS), EndTime: new Date(NOW_MS) };

  test("501 queries are rejected with AWS's collection-size error", async () => {
    const queries = Array.from({ length: 501 }, (_, i) => query(`q${i}`, busy));
    const e = await rejection(cloudwatch.send(new GetMetricDataCommand({ ...window, MetricDataQueries: queries })));
    expect(e.name).toBe("InvalidParameterValueException");
    expect(e.Code).toBe("InvalidParameterValue");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.message).toBe("The collection MetricDataQueries must not have a size greater than 500.");
    // 500 is fine.
    await cloudwatch.send(new GetMetricDataCommand({ ...window, MetricDataQueries: queries.slice(0, 500) }));
  });

  test.each([
    ["an Id starting with a capital", [query("Inv", "f")]],
    ["an Id with a dash", [query("in-v", "f")]],
    ["a duplicate Id", [query("a", "f"), query("a", "g")]],
    ["metric math", [{ Id: "rate", Expression: "errors / invocations" }]],
  ])("%s is a ValidationError", async (_what, queries) => {
    const e = await rejection(cloudwatch.send(new GetMetricDataCommand({ ...window, MetricDataQueries: queries })));
    expect(e.name).toBe("ValidationException");
    expect(e.Code).toBe("ValidationError");
  });

  test("metric math is refused with a message that says why", async () => {
    const e = await rejection(cloudwatch.send(new GetMetricDataCommand({ ...window, MetricDataQueries: [{ Id: "m", Expression: "SUM(METRICS())" }] })));
    expect(e.message).toMatch(/not supported by the demo account/);
  });

  test("Period not a multiple of 60, StartTime not before EndTime: InvalidParameterValue", async () => {
    const e1 = await rejection(cloudwatch.send(new GetMetricDataCommand({ ...window, MetricDataQueries: [query("a", busy, "Invocations", "Sum", 90)] })));
    expect(e1.name).toBe("InvalidParameterValueException");
    const e2 = await rejection(
      cloudwatch.send(new GetMetricDataCommand({ StartTime: window.EndTime, EndTime: window.StartTime, MetricDataQueries: [query("a", busy)] })),
    );
    expect(e2.name).toBe("InvalidParameterValueException");
    expect(e2.message).toBe("The parameter StartTime must be less than the parameter EndTime.");
  });

  test("a NextToken from another request is InvalidNextToken", async () => {
    const e = await rejection(cloudwatch.send(new GetMetricDataCommand({ ...window, MetricDataQueries: [query("a", busy)], NextToken: "bm9wZQ" })));
    expect(e.name).toBe("InvalidNextToken");
  });
});

describe("the 100,800-datapoint limit", () => {
  test("a larger answer comes back PartialData + NextToken and the paginator completes it with no gaps or duplicates", async () => {
    // 80 queries × 1,440 one-minute points (a busy function, one day) = 115,200 > 100,800.
    const stats = ["Sum", "SampleCount", "Maximum", "Minimum", "Average", "p50", "p90", "p99"];
    const queries = Array.from({ length: 80 }, (_, i) => ({
      ...query(`q${i}`, busy, i % 2 ? "Duration" : "Invocations", stats[i % stats.length]),
    }));
    const input = { StartTime: new Date(NOW_MS - DAY_MS), EndTime: new Date(NOW_MS), MetricDataQueries: queries };

    const first = await cloudwatch.send(new GetMetricDataCommand(input));
    const firstCount = first.MetricDataResults!.reduce((n, r) => n + r.Values!.length, 0);
    expect(firstCount).toBe(100_800);
    expect(first.NextToken).toBeTypeOf("string");
    expect(first.MetricDataResults!.some((r) => r.StatusCode === "PartialData")).toBe(true);

    const merged = new Map<string, number[]>();
    let pages = 0;
    for await (const page of paginateGetMetricData({ client: cloudwatch }, input)) {
      pages += 1;
      for (const r of page.MetricDataResults!) merged.set(r.Id!, [...(merged.get(r.Id!) ?? []), ...times(r)]);
    }
    expect(pages).toBe(2);
    for (const q of queries) {
      // (The paginator writes NextToken into the input it was given, so build a fresh one.)
      const alone = await cloudwatch.send(new GetMetricDataCommand({ StartTime: input.StartTime, EndTime: input.EndTime, MetricDataQueries: [q] }));
      expect(merged.get(q.Id!), `series ${q.Id}`).toEqual(times(alone.MetricDataResults![0]));
    }
  });

  test("MaxDatapoints sets the page size", async () => {
    const input = { StartTime: new Date(NOW_MS - HOUR_MS), EndTime: new Date(NOW_MS), MetricDataQueries: [query("a", busy), query("b", busy, "Duration", "Average")] };
    const sizes: number[] = [];
    for await (const page of paginateGetMetricData({ client: cloudwatch, pageSize: 25 }, input)) {
      sizes.push(page.MetricDataResults!.reduce((n, r) => n + r.Values!.length, 0));
    }
    expect(sizes).toEqual([25, 25, 25, 25, 20]);
  });
});
