import { z } from "zod";
import { getFunctionsCost } from "@/lib/cost/function-cost";
import { getFunctionDetail } from "@/lib/functions/function-detail";
import { fleetTags, listFleet } from "@/lib/functions/fleet-overview";
import { awsError, badRequest, searchParamsOf } from "@/lib/http/responses";
import { TagKey } from "@/lib/http/schemas";
import { UNTAGGED } from "@/components/fleet/fleet-view";
import type { FunctionDetail } from "@/lib/types";

export const dynamic = "force-dynamic";

/** A drill-down scans the REPORT lines of every function in it: bounded, like a Logs Insights run. */
const MAX_FUNCTIONS = 100;

const Query = z.strictObject({
  tagKey: TagKey,
  value: z.string().max(256, "must be a tag value of at most 256 characters"),
});

/** GET /api/cost/functions?tagKey=service&value=checkout ("(untagged)" for none): those functions' projected months. */
export async function GET(req: Request) {
  const q = Query.safeParse(searchParamsOf(req.url));
  if (!q.success) return badRequest(q.error);
  try {
    const [fleet, tags] = await Promise.all([listFleet(), fleetTags()]);
    const wanted = fleet.value.filter((f) => {
      const v = tags.value.get(f.arn)?.[q.data.tagKey];
      return q.data.value === UNTAGGED ? v === undefined : v === q.data.value;
    });
    if (wanted.length > MAX_FUNCTIONS) return Response.json({ error: { field: "value", reason: `${wanted.length} functions carry this tag; a drill-down covers at most ${MAX_FUNCTIONS}` } }, { status: 400 });
    const details = (await Promise.all(wanted.map((f) => getFunctionDetail(f.name)))).filter((d): d is FunctionDetail => d !== null);
    const result = await getFunctionsCost(details);
    return Response.json({ ...result, functions: result.functions.sort((a, b) => b.monthlyUsd - a.monthlyUsd) });
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}
