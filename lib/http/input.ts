import "server-only";
import { z } from "zod";
import { inRequestScope } from "@/lib/observe/scope";

/**
 * The largest request body we read: 64 KB. Our bodies are small JSON documents (a saved query id and
 * at most 50 function names, a sign-in token), far below it; the cap bounds what one request can
 * make the server hold in memory.
 */
export const MAX_BODY_BYTES = 64 * 1024;

type Parsed<S extends z.ZodType> = z.ZodSafeParseResult<z.output<S>>;

/** A failed parse naming `field` ("" for the body as a whole), answered like any schema error by badRequest. */
const failure = <S extends z.ZodType>(field: string, reason: string): Parsed<S> => ({
  success: false,
  error: new z.ZodError([{ code: "custom", path: field ? [field] : [], message: reason, input: undefined }]) as z.ZodError<z.output<S>>,
});

/**
 * Key/value pairs as an object, each key once. URLSearchParams and FormData keep every copy of a
 * repeated key, and Object.fromEntries would quietly keep the last: `?range=1h&range=<anything>`.
 */
function once<S extends z.ZodType>(entries: Iterable<[string, unknown]>, schema: S, fixed: Record<string, string>): Parsed<S> {
  const given = [...entries];
  const seen = new Set(Object.keys(fixed));
  for (const [key] of given) {
    if (seen.has(key)) return failure(key, "must be given once");
    seen.add(key);
  }
  // Object.fromEntries defines "__proto__" as a plain key (the schema rejects it); assigning would set the prototype.
  return schema.safeParse({ ...Object.fromEntries(given), ...fixed });
}

/**
 * The query string checked against `schema`, with the route's path parameters (which the query may not
 * repeat). In a scoped route `region` is not the route's: the wrapper (lib/http/scoped.ts) has checked
 * and used it. (The cost estimate, which calls no AWS, keeps `region` for its price list.)
 */
export function parseQuery<S extends z.ZodType>(url: string, schema: S, pathParams: Record<string, string> = {}): Parsed<S> {
  const params = [...new URL(url).searchParams].filter(([key]) => key !== "region" || !inRequestScope());
  return once(params, schema, pathParams);
}

/** The body's bytes, or null once it passes MAX_BODY_BYTES: reading stops there and the rest is never buffered. */
async function boundedBody(req: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(req.headers.get("content-length")) > MAX_BODY_BYTES) return null;
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.byteLength;
    if (bytes > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks, bytes);
}

/**
 * The body checked against `schema`: JSON, or with `forms` also an HTML form post (the sign-in page).
 * A body too large or unreadable is a 400 on the field "body".
 */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S, { forms = false } = {}): Promise<Parsed<S>> {
  const bytes = await boundedBody(req);
  if (!bytes) return failure("", `must be at most ${MAX_BODY_BYTES.toLocaleString("en-US")} bytes`);
  const type = req.headers.get("content-type") ?? "";
  if (forms && !type.includes("application/json")) {
    const form = await new Response(bytes, { headers: { "content-type": type } }).formData().catch(() => null);
    return form ? once(form, schema, {}) : failure("", "must be a form post or JSON");
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return failure("", "must be a JSON document in UTF-8");
  }
  return schema.safeParse(json);
}
