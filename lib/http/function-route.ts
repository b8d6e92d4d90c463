import "server-only";
import { z } from "zod";
import { getFunctionDetail } from "@/lib/functions/function-detail";
import { FunctionName } from "@/lib/http/schemas";
import { awsError, badRequest, notFound, searchParamsOf } from "@/lib/http/responses";
import type { FunctionDetail } from "@/lib/types";

type RouteContext = { params: Promise<{ name: string }> };

/**
 * The shared front of every /api/functions/{name}/… route: validate the name and the query against
 * the schema (400), look the function up (404 when it does not exist), then hand over.
 */
export async function functionRoute<Shape extends z.ZodRawShape>(
  req: Request,
  ctx: RouteContext,
  query: Shape,
  handle: (input: z.infer<z.ZodObject<Shape>> & { name: string }, detail: FunctionDetail) => Promise<Response>,
): Promise<Response> {
  const schema = z.strictObject({ ...query, name: FunctionName });
  const input = schema.safeParse({ ...searchParamsOf(req.url), name: (await ctx.params).name });
  if (!input.success) return badRequest(input.error);
  const { name } = input.data as { name: string };
  let detail: FunctionDetail | null;
  try {
    detail = await getFunctionDetail(name);
  } catch (err) {
    return awsError("lambda:GetFunction", err);
  }
  if (!detail) return notFound("name", `no function named ${name} in this account and region`);
  return handle(input.data as z.infer<z.ZodObject<Shape>> & { name: string }, detail);
}
