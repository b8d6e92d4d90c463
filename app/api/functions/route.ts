import { z } from "zod";
import { getFleetOverview } from "@/lib/functions/fleet-overview";
import { SORT_KEYS, STATUSES, UNTAGGED } from "@/lib/functions/fleet-view";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest } from "@/lib/http/responses";
import { decimal, RangeParam, TagValue } from "@/lib/http/schemas";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

/** A page of at most this many rows: the browser asks for the ones it is about to show. */
const MAX_LIMIT = 1_000;

const TagFilter = z.union([z.literal(UNTAGGED), TagValue]).optional();

const OverviewQuery = z.strictObject({
  range: RangeParam,
  sort: z.enum(SORT_KEYS, { error: `must be one of ${SORT_KEYS.join(", ")}` }).default("status"),
  dir: z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("asc"),
  q: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be part of a function name: up to 64 letters, digits, '-' or '_'").optional(),
  status: z.enum(STATUSES, { error: `must be one of ${STATUSES.join(", ")}` }).optional(),
  service: TagFilter,
  env: TagFilter,
  owner: TagFilter,
  offset: decimal(z.number({ error: "must be a whole number" }).int("must be a whole number").min(0, "must be at least 0").max(1_000_000, "must be at most 1,000,000")).default(0),
  limit: decimal(z.number({ error: "must be a whole number" }).int("must be a whole number").min(1, "must be at least 1").max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`)).default(100),
});

/** The fleet overview: one page of functions, filtered and sorted over every Region asked (`region=all`). */
async function handleGet(req: Request, _ctx: unknown, { regions }: { regions: string[] }) {
  const input = parseQuery(req.url, OverviewQuery);
  if (!input.success) return badRequest(input.error);
  const { range, sort, dir, q, status, service, env, owner, offset, limit } = input.data;
  try {
    return Response.json(await getFleetOverview(regions, range, { sort, dir, q, status, tags: { service, env, owner }, offset, limit }));
  } catch (err) {
    return awsError("lambda:ListFunctions", err);
  }
}

export const GET = scoped(handleGet, { allRegions: true });
