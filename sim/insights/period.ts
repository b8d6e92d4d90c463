// Time periods for bin(), datefloor() and dateceil().
// Units (AWS CWL_QuerySyntax-Stats, "time units and abbreviations supported with the bin function"):
// millisecond ms msec, second s sec, minute m min, hour h hr, day d, week w, month mo mon,
// quarter q qtr, year y yr; "for all units and abbreviations that include more than one
// character, adding s to pluralize is supported".

export type PeriodUnit = "ms" | "s" | "m" | "h" | "d" | "w" | "mo" | "q" | "y";

export interface Period {
  count: number;
  unit: PeriodUnit;
  text: string;
}

const UNIT_NAMES: Record<string, PeriodUnit> = {
  millisecond: "ms", ms: "ms", msec: "ms",
  second: "s", s: "s", sec: "s",
  minute: "m", m: "m", min: "m",
  hour: "h", h: "h", hr: "h",
  day: "d", d: "d",
  week: "w", w: "w",
  month: "mo", mo: "mo", mon: "mo",
  quarter: "q", q: "q", qtr: "q",
  year: "y", y: "y", yr: "y",
};

const FIXED_MS: Partial<Record<PeriodUnit, number>> = {
  ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000,
};
const MONTHS_PER: Partial<Record<PeriodUnit, number>> = { mo: 1, q: 3, y: 12 };

function unitOf(name: string): PeriodUnit | undefined {
  if (UNIT_NAMES[name]) return UNIT_NAMES[name];
  if (name.length > 2 && name.endsWith("s")) {
    const singular = name.slice(0, -1);
    if (singular.length > 1 && UNIT_NAMES[singular]) return UNIT_NAMES[singular];
  }
  return undefined;
}

/** `5m` → {count 5, unit m}; undefined when the unit is unknown or the count is not a positive integer. */
export function parsePeriod(text: string): Period | undefined {
  const match = /^(\d+)([a-zA-Z]+)$/.exec(text);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = unitOf(match[2].toLowerCase());
  if (!unit || !(count > 0)) return undefined;
  return { count, unit, text };
}

/** Length of a fixed-length period in ms (undefined for months, quarters and years). */
export function fixedPeriodMs(period: Period): number | undefined {
  const unitMs = FIXED_MS[period.unit];
  return unitMs === undefined ? undefined : unitMs * period.count;
}

// 1970-01-05 was a Monday: weeks start on Monday 00:00 UTC (ISO 8601). AWS does not document the
// week boundary; this is our choice.
const MONDAY_OFFSET_MS = 4 * 86_400_000;

/** Start of the period containing `ms` (UTC). Days and shorter align to the epoch, as UTC clocks do. */
export function floorToPeriod(ms: number, period: Period): number {
  if (period.unit === "w") {
    const weekMs = 7 * 86_400_000 * period.count;
    return Math.floor((ms - MONDAY_OFFSET_MS) / weekMs) * weekMs + MONDAY_OFFSET_MS;
  }
  const fixed = fixedPeriodMs(period);
  if (fixed !== undefined) return Math.floor(ms / fixed) * fixed;
  const months = (MONTHS_PER[period.unit] ?? 1) * period.count;
  const date = new Date(ms);
  const index = date.getUTCFullYear() * 12 + date.getUTCMonth();
  const floored = Math.floor(index / months) * months;
  return Date.UTC(Math.floor(floored / 12), floored % 12, 1);
}

/** The period boundary at or after `ms`. */
export function ceilToPeriod(ms: number, period: Period): number {
  const floor = floorToPeriod(ms, period);
  if (floor === ms) return ms;
  const fixed = period.unit === "w" ? 7 * 86_400_000 * period.count : fixedPeriodMs(period);
  if (fixed !== undefined) return floor + fixed;
  const months = (MONTHS_PER[period.unit] ?? 1) * period.count;
  const date = new Date(floor);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1);
}
