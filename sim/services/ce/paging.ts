// NextPageToken for Cost Explorer: opaque, bound to the request it came from. A token that does not
// decode is InvalidNextTokenException; one sent with different parameters is RequestChangedException.
import { createHash } from "node:crypto";
import { decodeToken, encodeToken } from "../../wire/format";
import type { ActionInput } from "../../wire/service";
import { invalidNextToken, requestChanged } from "./errors";

/** A digest of the request without its token: what a token must be used with. */
function requestDigest(action: string, input: ActionInput): string {
  const { NextPageToken: _token, ...rest } = input;
  return createHash("sha256").update(action).update(stableJson(rest)).digest("base64url").slice(0, 22);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Where this page starts (0 without a token). */
export function pageOffset(action: string, input: ActionInput): number {
  const token = input.NextPageToken;
  if (token === undefined || token === null || token === "") return 0;
  const state = typeof token === "string" ? decodeToken(token) : null;
  if (!state || typeof state.offset !== "number" || !Number.isInteger(state.offset) || state.offset < 0 || typeof state.request !== "string") throw invalidNextToken();
  if (state.request !== requestDigest(action, input)) throw requestChanged();
  return state.offset;
}

export const nextPageToken = (action: string, input: ActionInput, offset: number) => encodeToken({ offset, request: requestDigest(action, input) });
