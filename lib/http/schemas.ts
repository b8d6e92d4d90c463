import { z } from "zod";
import { DEFAULT_RANGE, RANGES } from "@/lib/ranges";

// Lambda function names: 1–64 letters, digits, hyphens, underscores (Lambda API reference, FunctionName).
// We accept names only (not ARNs): they select dimensions and log groups, never query text.
export const FunctionName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a Lambda function name: 1–64 letters, digits, '-' or '_'");

export const RangeParam = z.enum(RANGES, { error: `must be one of ${RANGES.join(", ")}` }).default(DEFAULT_RANGE);

export const RangeQuery = z.strictObject({ range: RangeParam });

// Cost-allocation tag keys: 1–128 Unicode letters, digits, spaces and _.:/=+-@ (AWS tag rules).
export const TagKey = z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, "must be a tag key: 1–128 letters, digits, spaces or _.:/=+-@");

/** Right-sizing's lookback: whole days, 14 by default (Compute Optimizer's), up to 30. */
export const LookbackDays = z.coerce
  .number({ error: "must be a whole number of days" })
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(30, "must be at most 30 days")
  .default(14);
