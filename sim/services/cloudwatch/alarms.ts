// DescribeAlarms and DescribeAlarmsForMetric: the account's metric alarms, each with its state at
// the model's "now" (model.alarmState).
import type { AlarmSpec, AlarmState, SimModel } from "../../model/types";
import { decodeToken, encodeToken, epochSeconds, intMember } from "../../wire/format";
import type { ActionInput, CallContext } from "../../wire/service";
import { invalidNextToken, invalidParameterCombination, missingParameter, validationError } from "./errors";

// DescribeAlarms MaxRecords: 1–100, default 50 (CloudWatch API reference).
const MAX_RECORDS = 100;
const DEFAULT_RECORDS = 50;
const STATE_VALUES = ["OK", "ALARM", "INSUFFICIENT_DATA"];
const ALARM_TYPES = ["CompositeAlarm", "MetricAlarm"];
const DAY_MS = 86_400_000;

export function describeAlarms(input: ActionInput, { model }: CallContext) {
  const names = stringList(input.AlarmNames);
  const prefix = typeof input.AlarmNamePrefix === "string" ? input.AlarmNamePrefix : undefined;
  if (names && prefix !== undefined) throw invalidParameterCombination("AlarmNamePrefix and AlarmNames cannot be specified together.");
  if (names && names.length > 100) throw validationError("The collection AlarmNames must not have a size greater than 100.");
  // "If you omit AlarmTypes, only metric alarms are returned, even if composite alarms exist" (API reference).
  const types = stringList(input.AlarmTypes) ?? ["MetricAlarm"];
  for (const t of types) if (!ALARM_TYPES.includes(t)) throw enumError("alarmTypes", t, ALARM_TYPES);
  const state = input.StateValue;
  if (state !== undefined && !STATE_VALUES.includes(String(state))) throw enumError("stateValue", state, STATE_VALUES);
  const maxRecords = intMember(input.MaxRecords) ?? DEFAULT_RECORDS;
  if (!(maxRecords >= 1 && maxRecords <= MAX_RECORDS)) {
    throw validationError(`1 validation error detected: Value '${String(input.MaxRecords)}' at 'maxRecords' failed to satisfy constraint: Member must have value between 1 and ${MAX_RECORDS}`);
  }
  const actionPrefix = typeof input.ActionPrefix === "string" ? input.ActionPrefix : undefined;
  // The demo account has no composite alarms, so parent/child lookups (composite-only) find nothing.
  const compositeOnly = input.ChildrenOfAlarmName !== undefined || input.ParentsOfAlarmName !== undefined;

  const now = model.nowMs();
  const candidates = compositeOnly || !types.includes("MetricAlarm") ? [] : sortedAlarms(model)
    .filter((a) => (names ? names.includes(a.name) : prefix === undefined || a.name.startsWith(prefix)))
    .filter((a) => actionPrefix === undefined || (a.alarmActions ?? []).some((arn) => arn.startsWith(actionPrefix)));
  // Alarm states cost a metric evaluation each: work them all out only when filtering by state.
  const matching =
    state === undefined
      ? candidates.map((alarm) => ({ alarm, state: undefined as AlarmState | undefined }))
      : candidates.map((alarm) => ({ alarm, state: model.alarmState(alarm, now) })).filter(({ state: s }) => s.value === state);

  const scope = JSON.stringify([names, prefix, types, state, actionPrefix, compositeOnly]);
  let start = 0;
  if (typeof input.NextToken === "string" && input.NextToken !== "") {
    const token = decodeToken(input.NextToken);
    if (!token || token.s !== scope || typeof token.o !== "number") throw invalidNextToken();
    start = token.o;
  }
  const page = matching.slice(start, start + maxRecords);
  const next = start + page.length;
  return {
    ...(types.includes("CompositeAlarm") ? { CompositeAlarms: [] } : {}),
    ...(types.includes("MetricAlarm") ? { MetricAlarms: page.map(({ alarm, state: s }) => metricAlarm(alarm, s ?? model.alarmState(alarm, now), model)) } : {}),
    ...(next < matching.length ? { NextToken: encodeToken({ s: scope, o: next }) } : {}),
  };
}

/**
 * Alarms on exactly this metric: namespace, name and the full dimension set must match (omitted
 * Dimensions = none), then Statistic / ExtendedStatistic / Period narrow it if given. Not paginated.
 */
export function describeAlarmsForMetric(input: ActionInput, { model }: CallContext) {
  if (typeof input.MetricName !== "string") throw missingParameter("MetricName");
  if (typeof input.Namespace !== "string") throw missingParameter("Namespace");
  const wanted = dimensionKey(Array.isArray(input.Dimensions) ? (input.Dimensions as { Name: string; Value: string }[]) : []);
  const now = model.nowMs();
  const alarms = sortedAlarms(model).filter(
    (a) =>
      a.namespace === input.Namespace &&
      a.metricName === input.MetricName &&
      dimensionKey(a.dimensions) === wanted &&
      (input.Statistic === undefined || a.statistic === input.Statistic) &&
      (input.ExtendedStatistic === undefined || a.extendedStatistic === input.ExtendedStatistic) &&
      (input.Period === undefined || a.periodS === Number(input.Period)),
  );
  return { MetricAlarms: alarms.map((a) => metricAlarm(a, model.alarmState(a, now), model)) };
}

function metricAlarm(alarm: AlarmSpec, state: AlarmState, model: SimModel) {
  const configuredAtMs = alarm.configuredAtMs ?? model.fleet.anchorMs - 30 * DAY_MS;
  return {
    AlarmName: alarm.name,
    AlarmArn: alarm.arn,
    AlarmDescription: alarm.description,
    AlarmConfigurationUpdatedTimestamp: epochSeconds(configuredAtMs),
    ActionsEnabled: true,
    OKActions: [],
    AlarmActions: [...(alarm.alarmActions ?? [])],
    InsufficientDataActions: [],
    StateValue: state.value,
    StateReason: state.reason,
    StateUpdatedTimestamp: epochSeconds(state.updatedAtMs),
    StateTransitionedTimestamp: epochSeconds(state.updatedAtMs),
    MetricName: alarm.metricName,
    Namespace: alarm.namespace,
    // An alarm has either a Statistic or an ExtendedStatistic (percentile), never both.
    ...(alarm.extendedStatistic ? { ExtendedStatistic: alarm.extendedStatistic } : { Statistic: alarm.statistic ?? "Average" }),
    Dimensions: alarm.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
    Period: alarm.periodS,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData,
  };
}

// CloudWatch lists alarms in name order.
const sortedAlarms = (model: SimModel) => [...model.fleet.alarms].sort((a, b) => a.name.localeCompare(b.name));

const dimensionKey = (dims: { Name: string; Value: string }[]) =>
  JSON.stringify([...dims].map((d) => [d.Name, d.Value]).sort());

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

const enumError = (member: string, value: unknown, allowed: string[]) =>
  validationError(`1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`);
