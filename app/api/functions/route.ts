import { getFleetOverview } from "@/lib/functions/fleet-overview";
import { RangeQuery } from "@/lib/http/schemas";
import { awsError, badRequest, searchParamsOf } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const input = RangeQuery.safeParse(searchParamsOf(req.url));
  if (!input.success) return badRequest(input.error);
  try {
    return Response.json(await getFleetOverview(input.data.range));
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}
