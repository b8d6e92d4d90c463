// Input checks and paging shared by the Logs actions. Logs reports bad input as
// InvalidParameterException (it has no separate ValidationException in the SDK's model).
import { decodeToken, encodeToken, intMember } from "../../wire/format";
import type { ActionInput } from "../../wire/service";
import { invalidParameter } from "./errors";

export function optionalString(input: ActionInput, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw invalidParameter(`${name} must be a string`);
  return v;
}

export function requiredString(input: ActionInput, name: string): string {
  const v = optionalString(input, name);
  if (v === undefined || v === "") throw invalidParameter(`Missing required parameter: ${name}`);
  return v;
}

export function optionalStrings(input: ActionInput, name: string): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw invalidParameter(`${name} must be a list of strings`);
  return v as string[];
}

/** An integer member within [min, max], or `fallback` when absent. */
export function boundedInt(input: ActionInput, name: string, min: number, max: number, fallback: number): number {
  const n = intMember(input[name]);
  if (n === undefined) return fallback;
  if (!(n >= min && n <= max)) {
    throw invalidParameter(`1 validation error detected: Value '${String(input[name])}' at '${name}' failed to satisfy constraint: Member must have value ${n < min ? "greater than or equal to " + min : "less than or equal to " + max}`);
  }
  return n;
}

/**
 * One page of `items` from an opaque nextToken; the token is bound to `scope` (the request's
 * filters) so a token is only honoured for the listing it came from.
 */
export function page<T>(items: T[], input: ActionInput, scope: string, pageSize: number): { items: T[]; nextToken?: string } {
  let start = 0;
  const token = optionalString(input, "nextToken");
  if (token !== undefined) {
    const t = decodeToken(token);
    if (!t || t.scope !== scope || typeof t.offset !== "number") throw invalidParameter("The specified nextToken is not valid.");
    start = t.offset;
  }
  const slice = items.slice(start, start + pageSize);
  const next = start + slice.length;
  return { items: slice, nextToken: next < items.length ? encodeToken({ scope, offset: next }) : undefined };
}
