import { z } from "zod";
import { cancelRun, getRun } from "@/lib/insights/runs";
import { badRequest, notFound } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

const Params = z.strictObject({ runId: z.uuid("must be a run id from POST /api/insights/runs") });
type Ctx = { params: Promise<{ runId: string }> };

async function withRun(ctx: Ctx, act: (runId: string) => ReturnType<typeof getRun>) {
  const input = Params.safeParse(await ctx.params);
  if (!input.success) return badRequest(input.error);
  const run = act(input.data.runId);
  return run ? Response.json(run) : notFound("runId", "no such run (runs are kept a few minutes after they finish)");
}

/** The run's status, progress (records and bytes scanned, cost so far) and, when complete, its rows. */
export function GET(_req: Request, ctx: Ctx) {
  return withRun(ctx, getRun);
}

/** Cancels the run: StopQuery is sent so it stops scanning. */
export function DELETE(_req: Request, ctx: Ctx) {
  return withRun(ctx, cancelRun);
}
