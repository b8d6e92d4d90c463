// Which service and action a request is for, decided the way AWS front ends decide it:
// JSON services by the X-Amz-Target prefix, query services by the form's Action, REST services
// by method + path. Anything unrecognised becomes that protocol's own "unknown operation" error.
import { credentialScope } from "./credential-scope";
import { AwsError } from "./errors";
import type { SimRequest, SimResponse } from "./http";
import { jsonError, jsonOk, parseJsonBody, parseTarget, unknownJsonOperation } from "./json-rpc";
import { invalidQueryAction, isFormRequest, parseForm, queryError, queryOk } from "./query";
import { compileRoutes, matchRoute, restJsonError, restJsonOk, unknownRestOperation } from "./rest-json";
import type { ActionInput, ServiceDef } from "./service";

export interface Renderer {
  ok(result: unknown): SimResponse;
  error(err: AwsError): SimResponse;
}

export type Dispatched =
  | { kind: "call"; service: ServiceDef; action: string; input: ActionInput; render: Renderer }
  | { kind: "reject"; error: AwsError; render: Renderer };

export function createDispatcher(services: ServiceDef[]): (req: SimRequest) => Dispatched {
  const jsonByPrefix = new Map<string, ServiceDef>();
  const queryServices: ServiceDef[] = [];
  const restServices: { service: ServiceDef; routes: ReturnType<typeof compileRoutes> }[] = [];
  for (const service of services) {
    const p = service.protocol;
    if (p.kind === "json") jsonByPrefix.set(p.targetPrefix, service);
    else if (p.kind === "query") queryServices.push(service);
    else restServices.push({ service, routes: compileRoutes(p.routes) });
  }

  return (req) => {
    const target = req.headers["x-amz-target"];
    if (target !== undefined) return dispatchJson(req, target);
    if (req.method === "POST" && isFormRequest(req.headers["content-type"]) && queryServices.length > 0) {
      return dispatchQuery(req);
    }
    for (const { service, routes } of restServices) {
      let match: ReturnType<typeof matchRoute>;
      try {
        match = matchRoute(routes, req);
      } catch (e) {
        if (e instanceof AwsError) return { kind: "reject", error: e, render: restRenderer };
        throw e;
      }
      if (match) return call(service, match.action, match.input, restRenderer);
    }
    return { kind: "reject", error: unknownRestOperation(req), render: restRenderer };
  };

  function dispatchJson(req: SimRequest, target: string): Dispatched {
    const parsed = parseTarget(target);
    const service = parsed ? jsonByPrefix.get(parsed.prefix) : undefined;
    const version = service?.protocol.kind === "json" ? service.protocol.version : "1.0";
    const render: Renderer = { ok: (r) => jsonOk(version, r), error: (e) => jsonError(version, e) };
    if (!service || !parsed || !service.actions[parsed.action]) {
      return { kind: "reject", error: unknownJsonOperation(target), render };
    }
    try {
      return call(service, parsed.action, parseJsonBody(req.body), render);
    } catch (e) {
      if (e instanceof AwsError) return { kind: "reject", error: e, render };
      throw e;
    }
  }

  function dispatchQuery(req: SimRequest): Dispatched {
    // Query services share `POST /`; the SigV4 credential scope (…/<region>/<service>/aws4_request) names the one meant.
    const scope = credentialScope(req.headers.authorization)?.service;
    const service = queryServices.find((s) => s.iamPrefix === scope) ?? queryServices[0];
    if (service.protocol.kind !== "query") throw new Error("unreachable: not a query service");
    const { version, xmlns } = service.protocol;
    const input = parseForm(req.body);
    const action = typeof input.Action === "string" ? input.Action : "";
    const render: Renderer = {
      ok: (r) => queryOk(action, xmlns, r, req.requestId),
      error: (e) => queryError(xmlns, e, req.requestId),
    };
    if (!service.actions[action]) return { kind: "reject", error: invalidQueryAction(action, version), render };
    return call(service, action, input, render);
  }
}

const restRenderer: Renderer = { ok: restJsonOk, error: restJsonError };

function call(service: ServiceDef, action: string, input: ActionInput, render: Renderer): Dispatched {
  if (!service.actions[action]) throw new Error(`route names ${service.iamPrefix}:${action} but the service has no handler`);
  return { kind: "call", service, action, input, render };
}
