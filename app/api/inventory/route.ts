import { panel } from "@/lib/aws/errors";
import { fleetTags, listFleet } from "@/lib/functions/fleet-overview";
import { awsError } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** Every function's name, log group and tags, without metrics: cheap enough for pickers. */
export async function GET() {
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
