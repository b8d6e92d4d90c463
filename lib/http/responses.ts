import type { z } from "zod";
import type { AwsFailure } from "@/lib/aws/errors";
import { classifyAwsError } from "@/lib/aws/errors";

/** 400 naming the first bad field and why: `{ error: { field, reason } }`. */
export function badRequest(error: z.ZodError): Response {
  const issue = error.issues[0];
  // An issue without a path is about the whole body (a query string always parses to an object);
  // an unknown parameter may have an empty name (`?=1`), shown as "".
  const field = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.map((k) => k || '""').join(", ") : "body");
  const reason = issue.code === "unrecognized_keys" ? "unknown parameter" : issue.message;
  return Response.json({ error: { field, reason } }, { status: 400 });
}

/** A request the schema accepts but the account cannot answer (an unknown name, a limit): names the field. */
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(`${field}: ${reason}`);
  }
}

export const inputError = (err: InputError) => Response.json({ error: { field: err.field, reason: err.reason } }, { status: err.status });

export function notFound(field: string, reason: string): Response {
  return Response.json({ error: { field, reason } }, { status: 404 });
}

/** An AWS failure with its status (403 denied, 503 throttled, 504 timed out…) and the hint that fixes it. */
export function awsFailure(failure: AwsFailure): Response {
  return Response.json({ error: failure }, { status: failure.status });
}

export function awsError(action: string, err: unknown): Response {
  return awsFailure(classifyAwsError(action, err));
}
