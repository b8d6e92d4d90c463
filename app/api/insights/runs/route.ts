import { z } from "zod";
import { startSavedRun } from "@/lib/insights/start-saved-run";
import { parseBody, parseQuery } from "@/lib/http/input";
import { awsError, badRequest, InputError, inputError } from "@/lib/http/responses";
import { FunctionName, NoParams, RangeParam } from "@/lib/http/schemas";
import { rateLimit } from "@/lib/http/limits";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

const Body = z.strictObject({
  query: z.string().regex(/^(def:[A-Za-z0-9-]{1,64}|[a-z0-9-]{1,64})$/, "must be a saved query id or def:<query definition id>"),
  functions: z.array(FunctionName).min(1, "choose at least one function").max(50, "at most 50 functions (Logs Insights reads 50 log groups a query)"),
  range: RangeParam,
});

/** Starts (or joins) a Logs Insights run of a saved query: 202 with the run to poll. */
async function handlePost(req: Request) {
  const query = parseQuery(req.url, NoParams);
  if (!query.success) return badRequest(query.error);
  const input = await parseBody(req, Body);
  if (!input.success) return badRequest(input.error);
  const limited = await rateLimit(req, "Logs Insights");
  if (limited) return limited;
  try {
    return Response.json(await startSavedRun(input.data), { status: 202 });
  } catch (err) {
    if (err instanceof InputError) return inputError(err);
    return awsError("lambda:ListFunctions", err);
  }
}

export const POST = scoped(handlePost);
