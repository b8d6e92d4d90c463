// UTC calendar arithmetic for the bill: days are numbered from the epoch (day 0 = 1970-01-01), and
// Cost Explorer's dates are `YYYY-MM-DD` in UTC (its TimePeriod has no time zone).

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
export const dayStartMs = (day: number) => day * DAY_MS;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2026-11-20` → its day number; null when not a real calendar date in that exact form. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return dayOf(ms);
}

export const formatDate = (day: number) => new Date(dayStartMs(day)).toISOString().slice(0, 10);

/** The first day of the month that `day` is in. */
export function monthStartDay(day: number): number {
  const d = new Date(dayStartMs(day));
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

/** The first day of the month `months` after (or before, when negative) the month of `day`. */
export function addMonths(day: number, months: number): number {
  const d = new Date(dayStartMs(day));
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}
