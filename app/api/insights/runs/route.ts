import { z } from "zod";
import { startSavedRun } from "@/lib/insights/start-saved-run";
import { awsError, badRequest, InputError, inputError } from "@/lib/http/responses";
import { FunctionName, RangeParam } from "@/lib/http/schemas";

export const dynamic = "force-dynamic";

const Body = z.strictObject({
  query: z.string().regex(/^(def:[A-Za-z0-9-]{1,64}|[a-z0-9-]{1,64})$/, "must be a saved query id or def:<query definition id>"),
  functions: z.array(FunctionName).min(1, "choose at least one function").max(50, "at most 50 functions (Logs Insights reads 50 log groups a query)"),
  range: RangeParam,
});

/** Starts (or joins) a Logs Insights run of a saved query: 202 with the run to poll. */
export async function POST(req: Request) {
  const json = await req.json().catch(() => undefined);
  if (json === undefined) return Response.json({ error: { field: "body", reason: "must be JSON" } }, { status: 400 });
  const input = Body.safeParse(json);
  if (!input.success) return badRequest(input.error);
  try {
    return Response.json(await startSavedRun(input.data), { status: 202 });
  } catch (err) {
    if (err instanceof InputError) return inputError(err);
    return awsError("lambda:ListFunctions", err);
  }
}
