// AWS JSON 1.0 / 1.1 (CloudWatch, SQS; later Logs and Cost Explorer): `POST /` with
// `X-Amz-Target: <ServicePrefix>.<Action>` and a JSON body. Timestamps travel as epoch seconds
// (numbers, fractions allowed): the SDK's JSON codec defaults to epoch-seconds (format 7).
import { AwsError } from "./errors";
import type { SimResponse } from "./http";
import type { ActionInput } from "./service";

// Framework errors of AWS's JSON services come from the Coral service framework's namespace.
const CORAL = "com.amazon.coral.service";

export function parseTarget(target: string): { prefix: string; action: string } | null {
  const dot = target.lastIndexOf(".");
  if (dot <= 0 || dot === target.length - 1) return null;
  return { prefix: target.slice(0, dot), action: target.slice(dot + 1) };
}

export function parseJsonBody(body: string): ActionInput {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    throw serializationError(`Malformed JSON request body: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw serializationError("The request body must be a JSON object");
  }
  return parsed as ActionInput;
}

export function serializationError(message: string): AwsError {
  return new AwsError({ code: "SerializationException", status: 400, message, namespace: CORAL });
}

export function unknownJsonOperation(target: string | undefined): AwsError {
  return new AwsError({
    code: "UnknownOperationException",
    status: 400,
    message: target ? `Unknown operation ${target}` : "Missing X-Amz-Target header",
    namespace: CORAL,
  });
}

export function jsonOk(version: "1.0" | "1.1", result: unknown): SimResponse {
  return {
    status: 200,
    headers: { "content-type": `application/x-amz-json-${version}` },
    body: JSON.stringify(result ?? {}),
  };
}

export function jsonError(version: "1.0" | "1.1", err: AwsError): SimResponse {
  const headers: Record<string, string> = { "content-type": `application/x-amz-json-${version}`, ...err.headers };
  // awsQueryCompatible services also name the legacy query error; the SDK prefers it over __type.
  if (err.queryCode) headers["x-amzn-query-error"] = `${err.queryCode};${err.fault}`;
  const body = { __type: err.namespace ? `${err.namespace}#${err.code}` : err.code, message: err.message, ...err.extra };
  return { status: err.status, headers, body: JSON.stringify(body) };
}
