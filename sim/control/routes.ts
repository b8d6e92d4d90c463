// The control path, /_sim/*: the demo account's only non-AWS surface. The dashboard never calls
// it; tests and the benchmark read the meter and inject faults here.
import type { SimRequest, SimResponse } from "../wire/http";
import { jsonResponse } from "../wire/http";
import { FaultValidationError, parseFaultSpec, type Faults } from "./faults";
import type { Meter } from "./meter";

export const CONTROL_PREFIX = "/_sim/";

export interface ControlDeps {
  meter: Meter;
  faults: Faults;
  /** The configured regions, first region first (SIM_REGIONS). */
  regions(): { region: string; functions: number; seed: number }[];
}

export function handleControl(req: SimRequest, deps: ControlDeps): SimResponse {
  const route = `${req.method} ${req.rawPath.replace(/\/+$/, "")}`;
  switch (route) {
    case "GET /_sim/health":
      return jsonResponse(200, { ok: true });
    case "GET /_sim/regions":
      return jsonResponse(200, { regions: deps.regions() });
    case "GET /_sim/meter":
      return jsonResponse(200, deps.meter.snapshot());
    case "DELETE /_sim/meter":
      deps.meter.reset();
      return jsonResponse(200, deps.meter.snapshot());
    case "GET /_sim/faults":
      return jsonResponse(200, { faults: deps.faults.list() });
    case "POST /_sim/faults":
      return addFault(req, deps.faults);
    case "DELETE /_sim/faults":
      deps.faults.clear();
      return jsonResponse(200, { faults: [] });
    default:
      return jsonResponse(404, {
        error: `no control route ${route}`,
        routes: ["GET /_sim/health", "GET /_sim/regions", "GET|DELETE /_sim/meter", "GET|POST|DELETE /_sim/faults"],
      });
  }
}

function addFault(req: SimRequest, faults: Faults): SimResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body || "null");
  } catch {
    return jsonResponse(400, { error: "body: not valid JSON" });
  }
  try {
    const fault = faults.add(parseFaultSpec(body));
    return jsonResponse(201, { fault, faults: faults.list() });
  } catch (e) {
    if (e instanceof FaultValidationError) return jsonResponse(400, { error: e.message });
    throw e;
  }
}
