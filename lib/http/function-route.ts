import "server-only";
import { z } from "zod";
import { lookupFunction, type FunctionRef } from "@/lib/functions/function-detail";
import { FunctionName } from "@/lib/http/schemas";
import { parseQuery } from "@/lib/http/input";
import { awsError, badRequest, notFound } from "@/lib/http/responses";

type RouteContext = { params: Promise<{ name: string }> };

/**
 * The shared front of every /api/functions/{name}/… route: validate the name and the query against
 * the schema and `check` (400), look the function up (404 when it does not exist), then hand over.
 * Only the configuration is read here: each route fetches the rest it uses, so a failure of a call
 * it does not need (ListAliases…) neither breaks nor hides in its answer.
 */
export async function functionRoute<Shape extends z.ZodRawShape>(
  req: Request,
  ctx: RouteContext,
  query: Shape,
  handle: (input: z.infer<z.ZodObject<Shape>> & { name: string }, fn: FunctionRef) => Promise<Response>,
  check: (input: z.infer<z.ZodObject<Shape>>, ctx: z.RefinementCtx) => void = () => {},
): Promise<Response> {
  const schema = z.strictObject({ ...query, name: FunctionName }).superRefine((input, c) => check(input as z.infer<z.ZodObject<Shape>>, c));
  const input = parseQuery(req.url, schema, { name: (await ctx.params).name });
  if (!input.success) return badRequest(input.error);
  const { name } = input.data as { name: string };
  let fn: FunctionRef | null;
  try {
    fn = await lookupFunction(name);
  } catch (err) {
    return awsError("lambda:GetFunction", err);
  }
  if (!fn) return notFound("name", `no function named ${name} in this account and region`);
  return handle(input.data as z.infer<z.ZodObject<Shape>> & { name: string }, fn);
}
