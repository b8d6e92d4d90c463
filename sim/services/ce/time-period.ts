// TimePeriod checks and the periods a Granularity cuts it into. Start is inclusive, End exclusive,
// both `YYYY-MM-DD` (AWS-FACTS §1); MONTHLY periods follow calendar months, so a range that starts
// or ends mid-month has a partial period at that edge.
import { addMonths, dayOf, formatDate, monthStartDay, parseDate } from "../../billing/calendar";
import type { BillingLedger } from "../../billing/ledger";
import { dataUnavailable, validation } from "./errors";

export interface Period {
  fromDay: number;
  /** Exclusive. */
  toDay: number;
}

export type Granularity = "DAILY" | "MONTHLY";

export function parseTimePeriod(value: unknown, ledger: BillingLedger, nowMs: number): Period {
  const tp = value as { Start?: unknown; End?: unknown } | undefined;
  if (!tp || typeof tp !== "object" || typeof tp.Start !== "string" || typeof tp.End !== "string") {
    throw validation("TimePeriod with Start and End (yyyy-MM-dd) is required");
  }
  const fromDay = parseDate(tp.Start);
  const toDay = parseDate(tp.End);
  if (fromDay === null) throw validation(`Start date ${tp.Start} is not a valid date in the format yyyy-MM-dd`);
  if (toDay === null) throw validation(`End date ${tp.End} is not a valid date in the format yyyy-MM-dd`);
  // AWS's texts for these two (reported in aws-sdk-js#2732 and elsewhere).
  if (fromDay >= toDay) throw validation("Start date (and hour) should be before end date (and hour)");
  const today = dayOf(nowMs);
  if (toDay > addMonths(today, 1)) throw validation("end date past the beginning of next month");
  if (fromDay > today) throw validation("Start date must be equal to or no later than the current date");
  if (fromDay < ledger.firstDay) throw dataUnavailable();
  return { fromDay, toDay };
}

export function parseGranularity(value: unknown): Granularity {
  if (value === "DAILY" || value === "MONTHLY") return value;
  if (value === "HOURLY") throw validation("Hourly granularity is not enabled for this account (Cost Explorer preferences, hourly and resource-level data)");
  throw validation("Granularity is required and must be one of DAILY, MONTHLY, HOURLY");
}

export function periods(range: Period, granularity: Granularity): Period[] {
  const out: Period[] = [];
  for (let day = range.fromDay; day < range.toDay; ) {
    const next = granularity === "DAILY" ? day + 1 : Math.min(addMonths(day, 1), range.toDay);
    out.push({ fromDay: day, toDay: next });
    day = next;
  }
  return out;
}

export const periodToWire = (p: Period) => ({ Start: formatDate(p.fromDay), End: formatDate(p.toDay) });

/** Periods of the open month are Estimated: its bill is not final yet. */
export const isEstimated = (p: Period, nowMs: number) => p.toDay > monthStartDay(dayOf(nowMs));
