import { z } from "zod";
import { parseQuery } from "@/lib/http/input";
import { badRequest } from "@/lib/http/responses";
import { decimal } from "@/lib/http/schemas";
import { scoped } from "@/lib/http/scoped";
import { readSpend, SPEND_DAYS, SPEND_LOG_STARTED_MS, spendLogShared } from "@/lib/observe/spend";
import { spendReport } from "@/lib/observe/spend-report";

export const dynamic = "force-dynamic";

const Query = z.strictObject({
  days: decimal(z.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1 day").max(SPEND_DAYS, `must be at most ${SPEND_DAYS} days (the log keeps ${SPEND_DAYS})`)).default(7),
});

/** What the dashboard itself spent on AWS, per day, by page, by AWS action and by Region (no AWS call). */
async function handleGet(req: Request) {
  const input = parseQuery(req.url, Query);
  if (!input.success) return badRequest(input.error);
  const { days, rows } = await readSpend(input.data.days);
  return Response.json({ ...spendReport(rows, days), shared: spendLogShared(), sinceMs: spendLogShared() ? null : SPEND_LOG_STARTED_MS });
}

export const GET = scoped(handleGet);
