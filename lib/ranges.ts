// Shared by server and browser code (no 'server-only'): the time ranges a user can pick.
export const RANGES = ["1h", "3h", "12h", "24h", "7d", "14d"] as const;
export type Range = (typeof RANGES)[number];
export const DEFAULT_RANGE: Range = "24h";

const RANGE_SECONDS: Record<Range, number> = {
  "1h": 3_600,
  "3h": 3 * 3_600,
  "12h": 12 * 3_600,
  "24h": 24 * 3_600,
  "7d": 7 * 86_400,
  "14d": 14 * 86_400,
};

export const rangeSeconds = (range: Range) => RANGE_SECONDS[range];

export const isRange = (value: unknown): value is Range => RANGES.includes(value as Range);

/** What a Logs Insights request reads, as log groups × days of range: what the scan cap limits. */
export const scanGroupDays = (logGroups: number, rangeS: number) => logGroups * (rangeS / 86_400);
