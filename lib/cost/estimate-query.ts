import { z } from "zod";
import { ARCHITECTURES, PRICED_REGIONS } from "@/lib/cost/prices";
import { decimal } from "@/lib/http/schemas";

const bounded = (min: number, max: number, what: string) => z.number({ error: `must be a number (${what})` }).min(min, `must be at least ${min}`).max(max, `must be at most ${max.toLocaleString("en-US")}`);
const num = (min: number, max: number, what: string) => decimal(bounded(min, max, what));
const int = (min: number, max: number, what: string) => decimal(bounded(min, max, what).int("must be a whole number"));

/** GET /api/cost/estimate's parameters (the calculator's fields), each with its bounds. */
export const EstimateQuery = z
  .strictObject({
    requests: int(0, 1e12, "requests a month"),
    durationMs: num(0, 900_000, "average billed duration in ms, INIT included"),
    memoryMb: int(128, 10_240, "MB"),
    architecture: z.enum(ARCHITECTURES, { error: `must be one of ${ARCHITECTURES.join(", ")}` }),
    ephemeralStorageMb: int(512, 10_240, "MB").optional(),
    provisionedConcurrency: int(0, 100_000, "environments").optional(),
    provisionedHours: num(0, 744, "hours in the month").optional(),
    freeTier: z.enum(["true", "false"], { error: "must be true or false" }).optional(),
    region: z.enum(PRICED_REGIONS as [string, ...string[]], { error: `must be one of ${PRICED_REGIONS.join(", ")} (the regions whose prices we have checked)` }).optional(),
    logGb: num(0, 1e7, "GB ingested").optional(),
    xrayTraces: int(0, 1e12, "traces recorded").optional(),
  })
  .refine((q) => !q.provisionedHours || q.provisionedConcurrency, { path: ["provisionedConcurrency"], message: "is required with provisionedHours" });
