import { z } from "zod";
import { SESSION_COOKIE, SESSION_MAX_AGE_S, accessFromEnv, safeNext, sameSecret, sessionValue } from "@/lib/access/access";
import { parseBody, parseQuery } from "@/lib/http/input";
import { badRequest } from "@/lib/http/responses";
import { NoParams } from "@/lib/http/schemas";
import { scoped } from "@/lib/http/scoped";

export const dynamic = "force-dynamic";

const SignIn = z.strictObject({
  token: z.string().min(1, "enter the token").max(512, "must be at most 512 characters"),
  // It becomes the Location header: a path on this site, in the URL-encoded (printable ASCII) form
  // the sign-in page gets it in; a control character there would make the response fail to build.
  next: z
    .string()
    .max(2048, "must be at most 2,048 characters")
    .regex(/^\/(?![/\\])[\x21-\x7e]*$/, "must be a path on this site, such as /functions")
    .optional(),
});

const cookie = (value: string, maxAgeS: number, secure: boolean) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? "; Secure" : ""}`;

const isHttps = (req: Request) => new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";

/** POST /api/session (the sign-in form, or JSON `{token}`): sets the session cookie when the token is right. */
async function handlePost(req: Request) {
  const query = parseQuery(req.url, NoParams);
  if (!query.success) return badRequest(query.error);
  const input = await parseBody(req, SignIn, { forms: true });
  if (!input.success) return badRequest(input.error);
  const { token } = accessFromEnv(process.env);
  const next = safeNext(input.data.next);
  if (token === null) return new Response(null, { status: 303, headers: { location: next } }); // open: nothing to sign in to
  if (!sameSecret(input.data.token, token)) {
    const back = new URL("/sign-in", req.url);
    back.searchParams.set("error", "1");
    back.searchParams.set("next", next);
    return new Response(null, { status: 303, headers: { location: back.pathname + back.search } });
  }
  return new Response(null, { status: 303, headers: { location: next, "set-cookie": cookie(sessionValue(token), SESSION_MAX_AGE_S, isHttps(req)) } });
}

/** DELETE /api/session: signs out. */
function handleDelete(req: Request) {
  const query = parseQuery(req.url, NoParams);
  if (!query.success) return badRequest(query.error);
  return new Response(null, { status: 204, headers: { "set-cookie": cookie("", 0, isHttps(req)) } });
}

export const POST = scoped(handlePost);
export const DELETE = scoped(handleDelete);
