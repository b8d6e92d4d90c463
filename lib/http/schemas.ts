import { z } from "zod";
import { DEFAULT_RANGE, RANGES } from "@/lib/ranges";

// Lambda function names: 1–64 letters, digits, hyphens, underscores (Lambda API reference, FunctionName).
// We accept names only (not ARNs): they select dimensions and log groups, never query text.
export const FunctionName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a Lambda function name: 1–64 letters, digits, '-' or '_'");

export const RangeParam = z.enum(RANGES, { error: `must be one of ${RANGES.join(", ")}` }).default(DEFAULT_RANGE);

export const RangeQuery = z.strictObject({ range: RangeParam });

/** For routes that take no parameters: any one given is a 400 (a typo should not pass unnoticed). */
export const NoParams = z.strictObject({});

// Tag keys: 1–128, values: 0–256 Unicode letters, digits, spaces and _.:/=+-@ (AWS tag rules,
// Resource Groups Tagging API). A value is checked before the fleet is listed to match it.
export const TagKey = z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, "must be a tag key: 1–128 letters, digits, spaces or _.:/=+-@");
export const TagValue = z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, "must be a tag value: at most 256 letters, digits, spaces or _.:/=+-@");

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/**
 * A number from a query string, in decimal notation only: `z.coerce.number` would also read "" and
 * " " as 0, "0x10" as 16 and "0b11" as 3. Out-of-range and infinite ("1e309") values fail `schema`.
 */
export const decimal = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && DECIMAL.test(v) ? Number(v) : v), schema);

/** Right-sizing's lookback: whole days, 14 by default (Compute Optimizer's), up to 30. */
export const LookbackDays = decimal(
  z
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(30, "must be at most 30 days"),
).default(14);
