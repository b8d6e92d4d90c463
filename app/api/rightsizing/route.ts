import { z } from "zod";
import { awsError, badRequest, searchParamsOf } from "@/lib/http/responses";
import { LookbackDays } from "@/lib/http/schemas";
import { getRightsizing } from "@/lib/rightsizing/data";

export const dynamic = "force-dynamic";

const Query = z.strictObject({ days: LookbackDays });

/** GET /api/rightsizing?days=14: every function's finding, recommended memory, saving and risk, by saving. */
export async function GET(req: Request) {
  const q = Query.safeParse(searchParamsOf(req.url));
  if (!q.success) return badRequest(q.error);
  try {
    return Response.json(await getRightsizing(q.data.days, undefined, Date.now(), req.signal));
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}
