// Plain HTTP plumbing shared by every protocol: read a request, write a response.
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";

/** What the wire layer needs from an incoming request, read once. */
export interface SimRequest {
  method: string;
  /** Path without the query string, still percent-encoded (Lambda path labels are decoded per segment). */
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: string;
  /** The Host the client used, e.g. "127.0.0.1:4566": SQS queue URLs are built from it. */
  host: string;
  requestId: string;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

// Far above anything the dashboard sends (a 500-query GetMetricData is ~150 kB); guards the process.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readRequest(req: IncomingMessage, fallbackHost: string): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const url = new URL(req.url ?? "/", "http://sim.invalid");
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return {
    method: (req.method ?? "GET").toUpperCase(),
    rawPath: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks).toString("utf8"),
    host: headers.host ?? fallbackHost,
    requestId: randomUUID(),
  };
}

export function writeResponse(res: ServerResponse, out: SimResponse, requestId: string): void {
  const body = Buffer.from(out.body, "utf8");
  res.writeHead(out.status, {
    // Every AWS service returns a request id; the SDK puts it in $metadata.requestId.
    "x-amzn-requestid": requestId,
    "content-length": String(body.length),
    ...out.headers,
  });
  res.end(body);
}

export function jsonResponse(status: number, value: unknown, contentType = "application/json"): SimResponse {
  return { status, headers: { "content-type": contentType }, body: JSON.stringify(value) };
}
