import { z } from "zod";
import { getFunctionsCost } from "@/lib/cost/function-cost";
import { lookupFunction, type FunctionRef } from "@/lib/functions/function-detail";
import { fleetTags, listFleet } from "@/lib/functions/fleet-overview";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest } from "@/lib/http/responses";
import { TagKey, TagValue } from "@/lib/http/schemas";
import { UNTAGGED } from "@/lib/functions/fleet-view";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";
import { currentRegion } from "@/lib/observe/scope";

export const dynamic = "force-dynamic";

/** A drill-down scans the REPORT lines of every function in it: bounded, like a Logs Insights run. */
const MAX_FUNCTIONS = 100;

const Query = z.strictObject({
  tagKey: TagKey,
  value: z.union([z.literal(UNTAGGED), TagValue], { error: `must be a tag value (at most 256 letters, digits, spaces or _.:/=+-@) or ${UNTAGGED}` }),
});

/** GET /api/cost/functions?tagKey=service&value=checkout ("(untagged)" for none): those functions' projected months. */
async function handleGet(req: Request) {
  const q = parseQuery(req.url, Query);
  if (!q.success) return badRequest(q.error);
  const limited = await rateLimit(req, "Logs Insights");
  if (limited) return limited;
  try {
    const [fleet, tags] = await Promise.all([listFleet(), fleetTags()]);
    const wanted = fleet.value.filter((f) => {
      const v = tags.value.get(f.arn)?.[q.data.tagKey];
      return q.data.value === UNTAGGED ? v === undefined : v === q.data.value;
    });
    if (wanted.length > MAX_FUNCTIONS) return Response.json({ error: { field: "value", reason: `${wanted.length} functions carry this tag; a drill-down covers at most ${MAX_FUNCTIONS}` } }, { status: 400 });
    const details = (await Promise.all(wanted.map((f) => lookupFunction(f.name)))).filter((d): d is FunctionRef => d !== null);
    const result = await getFunctionsCost(details);
    // The bill by tag is the account's, every Region; these are one Region's functions: say which.
    return Response.json({ ...result, region: currentRegion(), functions: result.functions.sort((a, b) => b.monthlyUsd - a.monthlyUsd) });
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}

export const GET = scoped(handleGet);
