// Everything the log generator needs about one function, derived once per model: its log group and
// format, runtime, the app profile (downstream calls, errors), the runtime version its INIT_START
// lines name, and its execution environments (log streams).
import { cpuPartMs } from "../model/behaviour";
import { type FunctionModel, INCIDENT_TIMING, functionModelOf } from "../model/function-model";
import { hash4, hashString } from "../model/rng";
import type { FunctionSpec, SimModel } from "../model/types";
import { type AppProfile, appProfile } from "./app-catalog";
import { type DebugProfile, debugProfile } from "./debug-lines";
import { Environments } from "./environments";
import { hex32 } from "./text";

export type AppRuntime = "go" | "node" | "python";

export interface FnLogContext {
  spec: FunctionSpec;
  fm: FunctionModel;
  accountId: string;
  logGroup: string;
  /** LoggingConfig.LogFormat JSON: platform lines are Telemetry-API records (AWS-FACTS §3). */
  json: boolean;
  runtime: AppRuntime;
  /** TracingConfig Active: REPORT lines carry the X-Ray trace (AWS-FACTS §3). */
  traced: boolean;
  profile: AppProfile;
  /** DEBUG lines the code writes and the log level lets through (identity-session-prod); else undefined. */
  debug?: DebugProfile;
  runtimeVersion: string;
  runtimeVersionArn: string;
  /** "Task timed out after 30.00 seconds" */
  timeoutText: string;
  envs: Environments;
  /** Version whose errors carry the bad-deploy message (checkout-api-prod v5). */
  badVersion?: string;
  /** notifications-email-prod: from here on its failures are permanent bounces. */
  permanentBouncesFromMs?: number;
  cpuMsFor(memoryMb: number): number;
  /** Byte length of each call line apart from its duration (filled on first use by app-lines.ts). */
  depLineFixedBytes?: number[];
}

// Plausible managed-runtime versions as INIT_START prints them ("python:3.12.mainlinev2.v43",
// "nodejs:18.v18" in AWS-FACTS §3); the ARN's 64 hex digits identify the version, so functions on
// the same runtime version share it, as on AWS.
const RUNTIME_VERSIONS: Record<string, string> = {
  "provided.al2023": "provided:al2023.v101",
  "nodejs20.x": "nodejs:20.v64",
  "nodejs22.x": "nodejs:22.v52",
  "python3.12": "python:3.12.v71",
  "python3.13": "python:3.13.v40",
};

const contexts = new WeakMap<SimModel, Map<string, FnLogContext>>();

/** The (cached) log context of a fleet function; undefined for names the fleet does not have. */
export function fnLogContext(model: SimModel, name: string): FnLogContext | undefined {
  let byName = contexts.get(model);
  if (!byName) contexts.set(model, (byName = new Map()));
  const cached = byName.get(name);
  if (cached) return cached;
  const spec = model.fleet.byName.get(name);
  if (!spec) return undefined;
  const ctx = buildContext(model, spec);
  byName.set(name, ctx);
  return ctx;
}

function buildContext(model: SimModel, spec: FunctionSpec): FnLogContext {
  const fm = functionModelOf(model.fleet, spec);
  const runtimeVersion = RUNTIME_VERSIONS[spec.runtime] ?? `${spec.runtime}.v1`;
  const h = hashString(runtimeVersion);
  // Versions keep the memory they were published with, so a function has one or two sizes.
  let lastMemoryMb = -1;
  let lastCpuMs = 0;
  return {
    spec,
    fm,
    accountId: model.fleet.accountId,
    logGroup: spec.logGroup,
    json: spec.logFormat === "JSON",
    runtime: spec.runtime.startsWith("provided") ? "go" : spec.runtime.startsWith("nodejs") ? "node" : "python",
    traced: spec.tracing === "Active",
    profile: appProfile(spec),
    debug: debugProfile(spec),
    runtimeVersion,
    runtimeVersionArn: `arn:aws:lambda:${model.fleet.region}::runtime:${hex32([1, 2, 3, 4, 5, 6, 7, 8].map((i) => hash4(h, i, 0x7a11, 0)), 64)}`,
    timeoutText: spec.timeoutS.toFixed(2),
    envs: new Environments(fm),
    badVersion: fm.badVersion,
    permanentBouncesFromMs: spec.incident === "growing-dlq" ? model.fleet.anchorMs - INCIDENT_TIMING.dlqRiseBeforeAnchorMs : undefined,
    cpuMsFor(memoryMb) {
      if (memoryMb !== lastMemoryMb) {
        lastCpuMs = cpuPartMs(fm.behaviour, memoryMb);
        lastMemoryMb = memoryMb;
      }
      return lastCpuMs;
    },
  };
}
