// Value formats that differ between AWS services and protocols.

/**
 * Lambda's FunctionConfiguration.LastModified is a string, not a timestamp member, in the form
 * `2026-11-20T10:11:12.000+0000` (ISO 8601 with milliseconds and a `+0000` offset, no colon).
 * Source: Lambda API reference, FunctionConfiguration ("LastModified … ISO-8601 format
 * (YYYY-MM-DDThh:mm:ss.sTZD)"), and any real GetFunction response.
 */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

/**
 * Timestamp members (type `timestamp` in the model) in restJson1 and JSON 1.0/1.1 default to
 * epoch seconds; the SDK parses numbers with a fraction too.
 */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** Opaque pagination tokens: base64url JSON. Tokens carry their own scope so a token is only honoured for the request it came from. */
export function encodeToken(state: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
}

export function decodeToken(token: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A query-string or JSON member that must be an integer; undefined when absent, NaN when not a number. */
export function intMember(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isInteger(n) ? n : Number.NaN;
}
