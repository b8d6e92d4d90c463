import { z } from "zod";
import { cancelFleetLogStats, pollFleetLogStats } from "@/lib/fleet/log-stats-run";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest, notFound } from "@/lib/http/responses";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

const Params = z.strictObject({ runId: z.uuid("must be a run id from POST /api/fleet/log-stats") });
type Ctx = { params: Promise<{ runId: string }> };

async function withRun(req: Request, ctx: Ctx, act: typeof pollFleetLogStats) {
  const input = parseQuery(req.url, Params, await ctx.params);
  if (!input.success) return badRequest(input.error);
  try {
    const run = await act(input.data.runId);
    return run ? Response.json(run) : notFound("runId", "no such run (runs are kept a few minutes after they finish)");
  } catch (err) {
    return awsError("lambda:ListFunctions", err); // shaping a run started elsewhere lists the fleet
  }
}

/** The scan's status, progress (records and bytes scanned, cost so far, queries done) and, when complete, the statistics. */
function handleGet(req: Request, ctx: Ctx) {
  return withRun(req, ctx, pollFleetLogStats);
}

/** Cancels the scan for everyone watching it: StopQuery is sent to its running queries. */
function handleDelete(req: Request, ctx: Ctx) {
  return withRun(req, ctx, cancelFleetLogStats);
}

export const GET = scoped(handleGet);
export const DELETE = scoped(handleDelete);
