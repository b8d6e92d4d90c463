import { z } from "zod";
import { TagKey } from "@/lib/http/schemas";

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");
/** Cost Explorer keeps 13 months of history; a year is the page's widest view. */
export const MAX_MONTHS = 12;
/** The oldest month Cost Explorer can answer for: 38 months back, with multi-year data enabled (Cost Explorer user guide). */
const HISTORY_MONTHS = 38;
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/**
 * GET /api/cost/by-tag's parameters, a missing month filled in from the last 12. Cost-allocation tag
 * keys: 1–128 characters, no "$" (it splits AWS's group keys). Every span is checked here, before
 * Cost Explorer is asked (each request costs $0.01): none in the future, none beyond its history.
 */
export const ByTagQuery = z
  .strictObject({
    tagKey: TagKey.default("service"),
    from: Month.optional(),
    to: Month.optional(),
    metric: z.enum(["AmortizedCost", "UnblendedCost"], { error: "must be AmortizedCost or UnblendedCost" }).default("AmortizedCost"),
  })
  .transform((q) => ({ ...q, ...defaultMonths(Date.now(), q) }))
  .superRefine((q, ctx) => {
    const issue = (field: "from" | "to", message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    const current = defaultMonths(Date.now()).to;
    const [from, to, now] = [monthIndex(q.from), monthIndex(q.to), monthIndex(current)];
    if (from > now) issue("from", `must not be after the current month (${current})`);
    else if (to > now) issue("to", `must not be after the current month (${current})`);
    else if (from <= now - HISTORY_MONTHS) issue("from", `must be within Cost Explorer's history (the last ${HISTORY_MONTHS} months)`);
    else if (to < from) issue("to", "must not be before from");
    else if (to - from >= MAX_MONTHS) issue("from", `the span is at most ${MAX_MONTHS} months`);
  });

/** The default span: the last 12 months, the current (open) one included; `given` months are kept. */
export function defaultMonths(nowMs: number, given: { from?: string; to?: string } = {}): { from: string; to: string } {
  const d = new Date(nowMs);
  const to = d.toISOString().slice(0, 7);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - (MAX_MONTHS - 1));
  return { from: given.from ?? d.toISOString().slice(0, 7), to: given.to ?? to };
}
