import { z } from "zod";
import { fleetLogStatsPlan, startFleetLogStats } from "@/lib/fleet/log-stats-run";
import { parseBody, parseQuery } from "@/lib/http/input";
import { rateLimit } from "@/lib/http/limits";
import { awsError, badRequest } from "@/lib/http/responses";
import { NoParams, RangeParam, RangeQuery } from "@/lib/http/schemas";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

const Body = z.strictObject({ range: RangeParam });

/** What a fleet scan over the range would read (log groups, queries, window), and its stored result if fresh. Starts nothing. */
async function handleGet(req: Request) {
  const input = parseQuery(req.url, RangeQuery);
  if (!input.success) return badRequest(input.error);
  try {
    return Response.json(await fleetLogStatsPlan(input.data.range));
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}

/** Starts (or joins) the fleet-wide scan of REPORT lines: 202 with the run to poll, or 200 with a stored result. */
async function handlePost(req: Request) {
  const query = parseQuery(req.url, NoParams);
  if (!query.success) return badRequest(query.error);
  const input = await parseBody(req, Body);
  if (!input.success) return badRequest(input.error);
  const limited = await rateLimit(req, "Logs Insights");
  if (limited) return limited;
  try {
    const run = await startFleetLogStats(input.data.range);
    return Response.json(run, { status: run.runId ? 202 : 200 });
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}

export const GET = scoped(handleGet);
export const POST = scoped(handlePost);
