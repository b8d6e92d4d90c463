// DescribeAlarms / DescribeAlarmsForMetric through the real @aws-sdk/client-cloudwatch.
import { DescribeAlarmsCommand, DescribeAlarmsForMetricCommand, paginateDescribeAlarms } from "@aws-sdk/client-cloudwatch";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningSim } from "../server";
import { NOW_MS, rejection, sdkClients, startTestSim } from "./helpers";

let sim: RunningSim;
let cloudwatch: ReturnType<typeof sdkClients>["cloudwatch"];
beforeAll(async () => {
  sim = await startTestSim();
  cloudwatch = sdkClients(sim).cloudwatch;
});
afterAll(() => sim.close());

const alarms = () => sim.model.fleet.alarms;

describe("DescribeAlarms", () => {
  test("paginates every metric alarm, in name order, MaxRecords per page", async () => {
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeAlarms({ client: cloudwatch, pageSize: 7 }, { AlarmTypes: ["MetricAlarm"] })) {
      pages += 1;
      expect(page.MetricAlarms!.length).toBeLessThanOrEqual(7);
      names.push(...page.MetricAlarms!.map((a) => a.AlarmName!));
    }
    const expected = alarms().map((a) => a.name).sort((a, b) => a.localeCompare(b));
    expect(names).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 7));
  });

  test("each alarm is shaped as AWS's MetricAlarm with its state from the model at now", async () => {
    const spec = alarms()[0];
    const state = sim.model.alarmState(spec, NOW_MS);
    const out = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [spec.name] }));
    expect(out.MetricAlarms).toHaveLength(1);
    const a = out.MetricAlarms![0];
    expect(a).toMatchObject({
      AlarmName: spec.name,
      AlarmArn: spec.arn,
      AlarmDescription: spec.description,
      StateValue: state.value,
      StateReason: state.reason,
      MetricName: spec.metricName,
      Namespace: spec.namespace,
      Dimensions: spec.dimensions,
      Period: spec.periodS,
      EvaluationPeriods: spec.evaluationPeriods,
      DatapointsToAlarm: spec.datapointsToAlarm,
      Threshold: spec.threshold,
      ComparisonOperator: spec.comparisonOperator,
      TreatMissingData: spec.treatMissingData,
      ActionsEnabled: true,
    });
    expect(a.StateUpdatedTimestamp).toEqual(new Date(state.updatedAtMs));
    expect(a.AlarmConfigurationUpdatedTimestamp).toBeInstanceOf(Date);
    if (spec.extendedStatistic) expect(a).toMatchObject({ ExtendedStatistic: spec.extendedStatistic, Statistic: undefined });
    else expect(a.Statistic).toBe(spec.statistic);
  });

  test("StateValue and AlarmNamePrefix filter", async () => {
    const byState = new Map<string, string[]>();
    for (const spec of alarms()) {
      const value = sim.model.alarmState(spec, NOW_MS).value;
      byState.set(value, [...(byState.get(value) ?? []), spec.name]);
    }
    for (const [value, names] of byState) {
      const out = await cloudwatch.send(new DescribeAlarmsCommand({ StateValue: value as "OK", MaxRecords: 100 }));
      expect(out.MetricAlarms!.map((a) => a.AlarmName).sort()).toEqual(names.sort());
    }
    const prefix = alarms()[0].name.slice(0, 6);
    const out = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: prefix, MaxRecords: 100 }));
    expect(out.MetricAlarms!.every((a) => a.AlarmName!.startsWith(prefix))).toBe(true);
    expect(out.MetricAlarms!.length).toBe(alarms().filter((a) => a.name.startsWith(prefix)).length);
  });

  test("MaxRecords over 100 and AlarmNames with AlarmNamePrefix are rejected", async () => {
    const e1 = await rejection(cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 101 })));
    expect(e1.name).toBe("ValidationException");
    const e2 = await rejection(cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ["a"], AlarmNamePrefix: "a" })));
    expect(e2.name).toBe("InvalidParameterCombinationException");
  });

  test("CompositeAlarm only: an empty list (the demo account has none)", async () => {
    const out = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ["CompositeAlarm"] }));
    expect(out.CompositeAlarms).toEqual([]);
    expect(out.MetricAlarms).toBeUndefined();
  });
});

describe("DescribeAlarmsForMetric", () => {
  test("finds the alarms on exactly that metric and dimension set", async () => {
    const spec = alarms()[0];
    const out = await cloudwatch.send(
      new DescribeAlarmsForMetricCommand({ Namespace: spec.namespace, MetricName: spec.metricName, Dimensions: spec.dimensions }),
    );
    const expected = alarms().filter(
      (a) => a.namespace === spec.namespace && a.metricName === spec.metricName && JSON.stringify(a.dimensions) === JSON.stringify(spec.dimensions),
    );
    expect(out.MetricAlarms!.map((a) => a.AlarmName).sort()).toEqual(expected.map((a) => a.name).sort());
    const none = await cloudwatch.send(new DescribeAlarmsForMetricCommand({ Namespace: spec.namespace, MetricName: "NoSuchMetric" }));
    expect(none.MetricAlarms).toEqual([]);
  });
});
