import { z } from "zod";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest } from "@/lib/http/responses";
import { LookbackDays } from "@/lib/http/schemas";
import { getRightsizing } from "@/lib/rightsizing/data";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

const Query = z.strictObject({ days: LookbackDays });

/** GET /api/rightsizing?days=14: every function's finding, recommended memory, saving and risk, by saving. */
async function handleGet(req: Request) {
  const q = parseQuery(req.url, Query);
  if (!q.success) return badRequest(q.error);
  const limited = await rateLimit(req, "Logs Insights");
  if (limited) return limited;
  try {
    return Response.json(await getRightsizing(q.data.days, undefined, Date.now(), req.signal));
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}

export const GET = scoped(handleGet);
