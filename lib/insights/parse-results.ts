import type { ResultField } from "@aws-sdk/client-cloudwatch-logs";

export type InsightsRow = Record<string, string>;

/** GetQueryResults rows as objects; `@ptr` (an opaque pointer) is kept for links to the record. */
export function toRows(results: ResultField[][] | undefined): InsightsRow[] {
  return (results ?? []).map((row) => Object.fromEntries(row.filter((f) => f.field !== undefined).map((f) => [f.field!, f.value ?? ""])));
}

/**
 * A result value as a number. Logs Insights returns every value as a string, doubles in Java's
 * notation: "15.0", "14.97", "6.7E7" (@maxMemoryUsed of a 67 MB REPORT line), "1.28E8".
 * Missing or non-numeric values are undefined, never 0.
 */
export function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** `@log` is "<account id>:<log group>": the log group. */
export const logGroupOf = (log: string | undefined) => (log ?? "").replace(/^\d{12}:/, "");

/** "2026-11-20 12:00:00.000" (Logs Insights' timestamp format, UTC) → epoch ms. */
export function timestampOf(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value.includes("T") ? value : `${value.replace(" ", "T")}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
