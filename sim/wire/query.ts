// AWS query protocol (STS): form-encoded `Action=<Name>&Version=<date>&…` posted to `/`, answered
// in XML as `<NameResponse><NameResult>…</NameResult><ResponseMetadata>…` and errors as
// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>`.
import { AwsError } from "./errors";
import type { SimResponse } from "./http";
import type { ActionInput } from "./service";

export function parseForm(body: string): ActionInput {
  const input: ActionInput = {};
  for (const [key, value] of new URLSearchParams(body)) input[key] = value;
  return input;
}

export function isFormRequest(contentType: string | undefined): boolean {
  return (contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

export function invalidQueryAction(action: unknown, version: string): AwsError {
  return new AwsError({
    code: "InvalidAction",
    status: 400,
    message: typeof action === "string" && action ? `Could not find operation ${action} for version ${version}` : "Missing Action",
  });
}

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** Objects become nested elements, arrays `<member>` lists (the query protocol's default list form). */
function toXml(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join("");
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join("");
  }
  return escapeXml(String(value));
}

export function queryOk(action: string, xmlns: string, result: unknown, requestId: string): SimResponse {
  const body =
    `<${action}Response xmlns="${xmlns}">` +
    `<${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>`;
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

export function queryError(xmlns: string, err: AwsError, requestId: string): SimResponse {
  const body =
    `<ErrorResponse xmlns="${xmlns}">` +
    `<Error><Type>${err.fault}</Type><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId>` +
    `</ErrorResponse>`;
  return { status: err.status, headers: { "content-type": "text/xml", ...err.headers }, body };
}
