// CloudWatch alarm evaluation over the model's own metrics: M out of N datapoints, the four
// treatMissingData modes, the time of the last state change, and AWS-shaped StateReason text.
import type { AlarmSpec, AlarmState, MetricRequest, MetricSeries } from "./types";
import { MINUTE_MS } from "./context";

/** How far back the last state change is searched for; older changes report this bound. */
export const STATE_LOOKBACK_MS = 24 * 3_600_000;

type Value = AlarmState["value"];
type MetricSeriesFn = (req: MetricRequest) => MetricSeries | null;

const OPERATOR_TEXT: Record<AlarmSpec["comparisonOperator"], string> = {
  GreaterThanThreshold: "greater than",
  GreaterThanOrEqualToThreshold: "greater than or equal to",
  LessThanThreshold: "less than",
  LessThanOrEqualToThreshold: "less than or equal to",
};

function breaches(alarm: AlarmSpec, value: number): boolean {
  switch (alarm.comparisonOperator) {
    case "GreaterThanThreshold":
      return value > alarm.threshold;
    case "GreaterThanOrEqualToThreshold":
      return value >= alarm.threshold;
    case "LessThanThreshold":
      return value < alarm.threshold;
    case "LessThanOrEqualToThreshold":
      return value <= alarm.threshold;
  }
}

function seriesRequest(alarm: AlarmSpec, startMs: number, endMs: number): MetricRequest {
  return {
    namespace: alarm.namespace,
    metricName: alarm.metricName,
    dimensions: Object.fromEntries(alarm.dimensions.map((d) => [d.Name, d.Value])),
    stat: alarm.extendedStatistic ?? alarm.statistic ?? "Average",
    startMs,
    endMs,
    periodS: alarm.periodS,
  };
}

interface Evaluation {
  value: Value | "keep"; // "keep": treatMissingData=ignore with no data leaves the state as it was
  reason: string;
}

/**
 * Evaluates the alarm every period back to STATE_LOOKBACK_MS before `atMs`, oldest first, and
 * reports the current state with the time (and reason) of the transition into it. A state that
 * held through the whole look-back reports the look-back's first evaluation.
 */
export function alarmState(metricSeries: MetricSeriesFn, alarm: AlarmSpec, atMs: number): AlarmState {
  const periodMs = alarm.periodS * 1000;
  const n = alarm.evaluationPeriods;
  const endMs = Math.floor(atMs / MINUTE_MS) * MINUTE_MS;
  const evaluations = Math.floor(STATE_LOOKBACK_MS / periodMs);
  const startMs = endMs - (evaluations + n) * periodMs;
  const series = metricSeries(seriesRequest(alarm, startMs, endMs)) ?? { timestampsMs: [], values: [] };
  const byTimestamp = new Map(series.timestampsMs.map((t, k) => [t, series.values[k]]));
  let state: AlarmState = { value: "INSUFFICIENT_DATA", reason: "Unchecked: Initial alarm creation", updatedAtMs: startMs + n * periodMs };
  for (let j = evaluations; j >= 0; j--) {
    const evaluatedAtMs = endMs - j * periodMs;
    const window: [number, number | undefined][] = [];
    for (let k = n; k >= 1; k--) {
      const t = evaluatedAtMs - k * periodMs;
      window.push([t, byTimestamp.get(t)]);
    }
    const result = evaluate(alarm, window, state.value);
    if (result.value === "keep") continue;
    // Like CloudWatch, the reason is written at the transition and kept while the state holds.
    if (result.value !== state.value) state = { value: result.value, reason: result.reason, updatedAtMs: evaluatedAtMs };
  }
  return state;
}

function evaluate(alarm: AlarmSpec, window: [number, number | undefined][], previous: Value): Evaluation {
  const m = alarm.datapointsToAlarm;
  const present = window.filter((w): w is [number, number] => w[1] !== undefined);
  const missing = window.length - present.length;
  const treat = alarm.treatMissingData;
  if (present.length === 0) {
    if (treat === "ignore") return { value: "keep", reason: "" };
    if (treat === "missing") return { value: "INSUFFICIENT_DATA", reason: `Insufficient Data: ${plural(missing, "datapoint")} ${missing === 1 ? "was" : "were"} unknown.` };
  }
  const breaching = present.filter(([, v]) => breaches(alarm, v));
  const missingBreaching = treat === "breaching" ? missing : 0;
  const inAlarm = breaching.length + missingBreaching >= m;
  if (present.length === 0) {
    const as = treat === "breaching" ? "Breaching" : "NonBreaching";
    return { value: inAlarm ? "ALARM" : "OK", reason: `Threshold Crossed: no datapoints were received for ${plural(missing, "period")} and ${plural(missing, "missing datapoint")} ${missing === 1 ? "was" : "were"} treated as [${as}].` };
  }
  const op = OPERATOR_TEXT[alarm.comparisonOperator];
  const threshold = formatNumber(alarm.threshold);
  if (inAlarm) {
    const shown = breaching.slice().reverse();
    const transition = previous === "ALARM" ? "" : ` (minimum ${plural(m, "datapoint")} for ${previous === "OK" ? "OK" : "INSUFFICIENT_DATA"} -> ALARM transition)`;
    return { value: "ALARM", reason: `Threshold Crossed: ${breaching.length} out of the last ${window.length} datapoints [${listDatapoints(shown)}] ${shown.length === 1 ? "was" : "were"} ${op} the threshold (${threshold})${transition}.` };
  }
  const latest = present.slice(-1);
  const transition = previous === "ALARM" ? ` (minimum ${plural(m, "datapoint")} for ALARM -> OK transition)` : "";
  return { value: "OK", reason: `Threshold Crossed: ${plural(latest.length, "datapoint")} [${listDatapoints(latest)}] was not ${op} the threshold (${threshold})${transition}.` };
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function listDatapoints(points: [number, number][]): string {
  return points.map(([t, v]) => `${formatNumber(v)} (${formatTimestamp(t)})`).join(", ");
}

/** Java's Double.toString style, as in AWS reasons: 42 → "42.0", 0.5 → "0.5". */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** dd/MM/yy HH:mm:ss in UTC, as AWS prints datapoints in StateReason. */
export function formatTimestamp(tMs: number): string {
  const d = new Date(tMs);
  const two = (x: number) => String(x).padStart(2, "0");
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
