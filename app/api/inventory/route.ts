import { panel } from "@/lib/aws/errors";
import { fleetTags, listFleet } from "@/lib/functions/fleet-overview";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest } from "@/lib/http/responses";
import { NoParams } from "@/lib/http/schemas";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

/** Every function's name, log group and tags, without metrics: cheap enough for pickers. */
async function handleGet(req: Request) {
  const q = parseQuery(req.url, NoParams);
  if (!q.success) return badRequest(q.error);
  try {
    const fleet = (await listFleet()).value;
    const tags = await panel("tag:GetResources", async () => (await fleetTags()).value);
    return Response.json({
      functions: fleet.map((f) => ({ name: f.name, logGroup: f.logGroup, tags: tags.ok ? (tags.data.get(f.arn) ?? {}) : null })),
      tags: tags.ok ? { ok: true } : { ok: false, error: tags.error },
    });
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}

export const GET = scoped(handleGet);
