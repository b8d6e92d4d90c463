// AWS restJson1 as Lambda speaks it: the operation is the (method, path) pair, labels are
// percent-encoded path segments, members go in the query string, errors carry their name in the
// `x-amzn-errortype` header and `{"Type","Message"}` in the body.
import { AwsError } from "./errors";
import type { SimRequest, SimResponse } from "./http";
import { jsonResponse } from "./http";
import { parseJsonBody } from "./json-rpc";
import type { ActionInput, RestRoute } from "./service";

interface CompiledRoute {
  route: RestRoute;
  regex: RegExp;
  labels: string[];
}

export interface RestMatch {
  action: string;
  input: ActionInput;
}

export function compileRoutes(routes: RestRoute[]): CompiledRoute[] {
  // Routes with a constant query member (`?List=ALL`) come first so they win over their bare twin.
  const ordered = [...routes].sort((a, b) => Number(!!b.query) - Number(!!a.query));
  return ordered.map((route) => {
    const labels: string[] = [];
    const pattern = route.path
      .split("/")
      .map((segment) => {
        const label = /^\{(\w+)\}$/.exec(segment);
        if (!label) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        labels.push(label[1]);
        return "([^/]+)";
      })
      .join("/");
    return { route, regex: new RegExp(`^${pattern}/?$`), labels };
  });
}

/**
 * Input = decoded path labels + every query member (strings, as the SDK serialized them), plus the
 * JSON body's members for routes that take a body. A malformed body throws SerializationException.
 */
export function matchRoute(routes: CompiledRoute[], req: SimRequest): RestMatch | null {
  for (const { route, regex, labels } of routes) {
    if (route.method !== req.method) continue;
    const m = regex.exec(req.rawPath);
    if (!m) continue;
    if (route.query && !Object.entries(route.query).every(([k, v]) => req.query.get(k) === v)) continue;
    const input: ActionInput = route.body ? { ...parseJsonBody(req.body) } : {};
    for (const [key, value] of req.query) input[key] = value;
    labels.forEach((label, i) => {
      input[label] = decodeLabel(m[i + 1]);
    });
    return { action: route.action, input };
  }
  return null;
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function restJsonOk(result: unknown): SimResponse {
  return jsonResponse(200, result ?? {});
}

export function restJsonError(err: AwsError): SimResponse {
  // Lambda sends Type "User" for 4xx and "Service" for 5xx next to the message.
  const body = { Type: err.status >= 500 ? "Service" : "User", Message: err.message, ...err.extra };
  const out = jsonResponse(err.status, body);
  out.headers["x-amzn-errortype"] = err.code;
  Object.assign(out.headers, err.headers);
  return out;
}

/** What a REST service answers for a method/path it has no operation for. */
export function unknownRestOperation(req: SimRequest): AwsError {
  return new AwsError({ code: "UnknownOperationException", status: 404, message: `Unknown operation ${req.method} ${req.rawPath}` });
}
