import { getFleetOverview } from "@/lib/functions/fleet-overview";
import { parseQuery } from "@/lib/http/input";
import { RangeQuery } from "@/lib/http/schemas";
import { awsError, badRequest } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const input = parseQuery(req.url, RangeQuery);
  if (!input.success) return badRequest(input.error);
  try {
    return Response.json(await getFleetOverview(input.data.range));
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}
