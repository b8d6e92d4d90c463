import { z } from "zod";
import { TagKey } from "@/lib/http/schemas";

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM");
/** Cost Explorer keeps 13 months of history; a year is the page's widest view. */
export const MAX_MONTHS = 12;
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** GET /api/cost/by-tag's parameters. Cost-allocation tag keys: 1–128 characters, no "$" (it splits AWS's group keys). */
export const ByTagQuery = z
  .strictObject({
    tagKey: TagKey.default("service"),
    from: Month.optional(),
    to: Month.optional(),
    metric: z.enum(["AmortizedCost", "UnblendedCost"], { error: "must be AmortizedCost or UnblendedCost" }).default("AmortizedCost"),
  })
  .refine((q) => !q.from || !q.to || monthIndex(q.from) <= monthIndex(q.to), { path: ["to"], message: "must not be before from" })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_MONTHS, { path: ["from"], message: `the span is at most ${MAX_MONTHS} months` });

/** The default span: the last 12 months, the current (open) one included. */
export function defaultMonths(nowMs: number): { from: string; to: string } {
  const d = new Date(nowMs);
  const to = d.toISOString().slice(0, 7);
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - (MAX_MONTHS - 1));
  return { from: d.toISOString().slice(0, 7), to };
}
