import { z } from "zod";
import { cancelRun, getRun } from "@/lib/insights/runs";
import { parseQuery } from "@/lib/http/input";
import { badRequest, notFound } from "@/lib/http/responses";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

const Params = z.strictObject({ runId: z.uuid("must be a run id from POST /api/insights/runs") });
type Ctx = { params: Promise<{ runId: string }> };

async function withRun(req: Request, ctx: Ctx, act: (runId: string) => ReturnType<typeof getRun>) {
  const input = parseQuery(req.url, Params, await ctx.params);
  if (!input.success) return badRequest(input.error);
  const run = await act(input.data.runId);
  return run ? Response.json(run) : notFound("runId", "no such run (runs are kept a few minutes after they finish)");
}

/** The run's status, progress (records and bytes scanned, cost so far) and, when complete, its rows. */
function handleGet(req: Request, ctx: Ctx) {
  return withRun(req, ctx, getRun);
}

/** Cancels the run: StopQuery is sent so it stops scanning. */
function handleDelete(req: Request, ctx: Ctx) {
  return withRun(req, ctx, cancelRun);
}

export const GET = scoped(handleGet);
export const DELETE = scoped(handleDelete);
