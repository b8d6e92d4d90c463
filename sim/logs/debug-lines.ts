// DEBUG lines: what a function's own code writes below INFO, and that CloudWatch Logs receives only
// when the function's log level lets them through. The demo's chatty function, identity-session-prod
// (sim/README.md, "Hidden costs: a chatty function"), runs with LoggingConfig { LogFormat: JSON,
// ApplicationLogLevel: DEBUG }: someone turned debug logging on in production and never turned it
// back. Its Go code sets log/slog's level from AWS_LAMBDA_LOG_LEVEL (which Lambda sets from
// ApplicationLogLevel), and at DEBUG it dumps every request, the DynamoDB call's input and output,
// and the response: ≈ 2.5 KB an invocation against ≈ 0.6 KB of INFO and platform lines.
//
// Lambda filters application logs of OS-only runtimes (provided.al2023) only with the JSON log
// format, reading each JSON line's "level" key: "For all other runtimes and logging methods, your
// function code must output log events to stdout or stderr as JSON formatted objects that contain a
// key value pair with the key "level"" (Lambda Developer Guide, "Log-level filtering"); slog's
// JSONHandler writes "level":"DEBUG". At ApplicationLogLevel INFO (Lambda's default) these lines
// would not reach CloudWatch Logs at all.
//
// The lines are slog JSONHandler lines like the other Go lines (sim/logs/app-lines.ts): time, level,
// msg, requestId, then one attribute that slog.Any marshals with encoding/json (struct fields in
// declaration order, map keys sorted, nil maps and pointers as null): the API Gateway HTTP API (v2)
// event of aws-lambda-go's events.APIGatewayV2HTTPRequest, the SDK v2's dynamodb.GetItemInput /
// GetItemOutput (attribute values print as {"Value":…}; the output's ConsumedCapacity is shortened
// to its set fields), and events.APIGatewayV2HTTPResponse.
//
// Bytes are counted without building the line: every per-invocation part has a fixed length
// (RFC3339Nano times, request ids, hex ids, 3-digit IP octets, 13-digit epoch ms, …) except the
// few picked from lists (caller, tenant, scope), so a line's length depends only on (line, picks)
// and is measured once per combination. sim/test/logs-lines.test.ts checks every line against
// Buffer.byteLength; IncomingBytes, bytesScanned and the bill all count them through scan.ts.
import { discoverFields } from "../insights/discover";
import { hash4 } from "../model/rng";
import type { FunctionSpec } from "../model/types";
import { CPU_BEFORE_CALLS, type Inv } from "./invocation";
import * as text from "./text";

// Local copies: imported bindings are getter calls under tsx/vitest and these run per line.
const { hex32, isoMs, rfc3339Nano, utf8Len } = text;

type Fields = Record<string, string | number>;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const SALT_DEBUG = 0xdeb6;
const SALT_SESSION = 0x5e55;
/** Share of the CPU time before the first call at which the request is logged (it is parsed first). */
const REQUEST_LOGGED_AT = 0.5;
/** Sub-ms digits of a debug line's time are drawn from inv.nanos(NANOS_BASE + k); deps use 0–2, the error line 7. */
const NANOS_BASE = 3;

/** Per-invocation picks and ids a debug line is made of. */
export interface DebugDraw {
  caller: number;
  tenant: number;
  scope: number;
  sessionId: string;
  userId: string;
  sourceIp: string;
  apigwRequestId: string;
  traceId: string;
  /** API Gateway received the request this long before Lambda started it. */
  gatewayLeadMs: number;
  sessionCreatedMs: number;
}

export interface DebugTemplate {
  msg: string;
  /** before: logged before the first downstream call; after: once the calls succeeded (success only). */
  phase: "before" | "after";
  render(inv: Inv, d: DebugDraw, time: string): string;
}

export interface DebugProfile {
  /** The lines logged before the downstream calls, then those after them: k indexes this list. */
  lines: DebugTemplate[];
  before: number;
  draw(inv: Inv): DebugDraw;
  /** The picks of draw() whose length varies, as one number (cheap: what counting bytes needs). */
  picks(inv: Inv): number;
  /** A typical invocation's debug bytes, for the storedBytes estimate. */
  typicalBytes: number;
  /** Length of (line k, picks), measured once. */
  lengths: Map<number, number>;
  /** One fields class per line, made on first use from the line's discovered keys. */
  fieldClasses: (DebugFieldsClass | undefined)[];
}

// ---- identity-session-prod: session lookups behind an API Gateway HTTP API ----------------------

const CALLERS = [
  "Go-http-client/1.1",
  "okhttp/4.12.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
];
// Weights of the callers by eighths: the web BFF's Go client most, then Android, Safari, Chrome.
const CALLER_OF_EIGHTH = [0, 0, 0, 0, 1, 1, 2, 3];
const TENANTS = ["tnt_acme", "tnt_globex", "tnt_initech", "tnt_umbrella", "tnt_hooli", "tnt_stark"];
const SCOPES = ["profile:read", "profile:read orders:read", "profile:read orders:read orders:write", "admin"];
const SESSIONS = 4096;
const SESSION_TTL_S = 14 * 86_400;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const HOST = "sessions.internal.example.com";
const ROUTE = "GET /v1/sessions/{sessionId}";

/** API Gateway's requestContext.time: "20/Nov/2026:11:59:58 +0000". */
function gatewayTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(8, 10)}/${MONTHS[Number(iso.slice(5, 7)) - 1]}/${iso.slice(0, 4)}:${iso.slice(11, 19)} +0000`;
}

/** 16 characters like an HTTP API request id ("Kc5d3hx0IAMEV4w="). */
function gatewayRequestId(words: number[]): string {
  let out = "";
  for (let i = 0; i < 15; i++) out += ALNUM[(words[i % words.length] >>> ((i * 5) % 27)) % ALNUM.length];
  return `${out}=`;
}

const octet = (h: number, shift: number) => 100 + (((h >>> shift) & 255) % 155);

const invocationHash = (inv: Inv, j: number) => hash4(inv.ctx.fm.fleet.seed ^ SALT_DEBUG, inv.ctx.fm.nameHash, inv.minuteMs / MINUTE_MS, inv.index * 8 + j);
// Sessions are a pool that renews every day: the same id is looked up many times a day.
const sessionDay = (inv: Inv) => Math.floor(inv.startMs / DAY_MS);
const sessionHash = (inv: Inv, session: number, j: number) => hash4(inv.ctx.fm.fleet.seed ^ SALT_SESSION, inv.ctx.fm.nameHash, sessionDay(inv), session * 8 + j);

function sessionPicks(inv: Inv): number {
  const s0 = sessionHash(inv, invocationHash(inv, 0) % SESSIONS, 0);
  return pickKey(CALLER_OF_EIGHTH[invocationHash(inv, 1) & 7], s0 % TENANTS.length, (s0 >>> 8) % SCOPES.length);
}

const pickKey = (caller: number, tenant: number, scope: number) => (caller * 16 + tenant) * 16 + scope;

function sessionDraw(inv: Inv): DebugDraw {
  const h = (j: number) => invocationHash(inv, j);
  const h0 = h(0);
  const h1 = h(1);
  const day = sessionDay(inv);
  const session = h0 % SESSIONS;
  const s = (j: number) => sessionHash(inv, session, j);
  const s0 = s(0);
  return {
    caller: CALLER_OF_EIGHTH[h1 & 7],
    tenant: s0 % TENANTS.length,
    scope: (s0 >>> 8) % SCOPES.length,
    sessionId: hex32([s(1), s(2), s(3)], 24),
    userId: `usr_${hex32([s(4), s(5)], 12)}`,
    sourceIp: `${octet(h1, 3)}.${octet(h1, 11)}.${octet(h1, 19)}.${octet(h0, 13)}`,
    apigwRequestId: gatewayRequestId([h(2), h(3), h(4)]),
    traceId: `1-${Math.floor(inv.startMs / 1000).toString(16).padStart(8, "0")}-${hex32([h(5), h(6), h0], 24)}`,
    gatewayLeadMs: 2 + ((h1 >>> 27) % 6),
    sessionCreatedMs: day * DAY_MS - ((s0 >>> 12) % (12 * 86_400)) * 1000,
  };
}

const sessionLines: DebugTemplate[] = [
  {
    msg: "request received",
    phase: "before",
    render(inv, d, time) {
      const path = `/v1/sessions/${d.sessionId}`;
      const ua = CALLERS[d.caller];
      const gatewayMs = inv.startMs - d.gatewayLeadMs;
      const apiId = hex32([inv.ctx.fm.nameHash], 8).slice(0, 8) + "q2";
      return `{"time":"${time}","level":"DEBUG","msg":"request received","requestId":"${inv.requestId}","event":{"version":"2.0","routeKey":"${ROUTE}","rawPath":"${path}","rawQueryString":"",` +
        `"headers":{"accept":"application/json","accept-encoding":"gzip","content-length":"0","host":"${HOST}","user-agent":"${ua}","x-amzn-trace-id":"Root=${d.traceId}","x-forwarded-for":"${d.sourceIp}","x-forwarded-port":"443","x-forwarded-proto":"https"},` +
        `"pathParameters":{"sessionId":"${d.sessionId}"},` +
        `"requestContext":{"routeKey":"${ROUTE}","accountId":"${inv.ctx.accountId}","stage":"$default","requestId":"${d.apigwRequestId}","apiId":"${apiId}","domainName":"${HOST}","domainPrefix":"sessions","time":"${gatewayTime(gatewayMs)}","timeEpoch":${gatewayMs},` +
        `"http":{"method":"GET","path":"${path}","protocol":"HTTP/1.1","sourceIp":"${d.sourceIp}","userAgent":"${ua}"}},"isBase64Encoded":false}}\n`;
    },
  },
  {
    msg: "dynamodb request",
    phase: "before",
    render(inv, d, time) {
      return `{"time":"${time}","level":"DEBUG","msg":"dynamodb request","requestId":"${inv.requestId}","operation":"GetItem",` +
        `"input":{"Key":{"pk":{"Value":"SESSION#${d.sessionId}"}},"TableName":"sessions","AttributesToGet":null,"ConsistentRead":true,"ExpressionAttributeNames":null,"ProjectionExpression":null,"ReturnConsumedCapacity":"TOTAL"}}\n`;
    },
  },
  {
    msg: "dynamodb response",
    phase: "after",
    render(inv, d, time) {
      const expiresS = Math.floor(d.sessionCreatedMs / 1000) + SESSION_TTL_S;
      return `{"time":"${time}","level":"DEBUG","msg":"dynamodb response","requestId":"${inv.requestId}","operation":"GetItem",` +
        `"output":{"ConsumedCapacity":{"CapacityUnits":1,"TableName":"sessions"},` +
        `"Item":{"createdAt":{"Value":"${isoMs(d.sessionCreatedMs)}"},"expiresAt":{"Value":"${expiresS}"},"pk":{"Value":"SESSION#${d.sessionId}"},"scope":{"Value":"${SCOPES[d.scope]}"},"tenantId":{"Value":"${TENANTS[d.tenant]}"},"userId":{"Value":"${d.userId}"}},"ResultMetadata":{}}}\n`;
    },
  },
  {
    msg: "response",
    phase: "after",
    render(inv, d, time) {
      const expiresMs = d.sessionCreatedMs + SESSION_TTL_S * 1000;
      const body = `{\\"sessionId\\":\\"${d.sessionId}\\",\\"userId\\":\\"${d.userId}\\",\\"tenantId\\":\\"${TENANTS[d.tenant]}\\",\\"scope\\":\\"${SCOPES[d.scope]}\\",\\"expiresAt\\":\\"${isoMs(expiresMs)}\\"}`;
      return `{"time":"${time}","level":"DEBUG","msg":"response","requestId":"${inv.requestId}",` +
        `"response":{"statusCode":200,"headers":{"cache-control":"no-store","content-type":"application/json"},"multiValueHeaders":null,"body":"${body}","cookies":null}}\n`;
    },
  },
];

/** Functions whose code logs at DEBUG, by name without -prod / -staging. */
const DEBUG_CODE: Record<string, { lines: DebugTemplate[]; draw: (inv: Inv) => DebugDraw; picks: (inv: Inv) => number; typicalBytes: number }> = {
  "identity-session": { lines: sessionLines, draw: sessionDraw, picks: sessionPicks, typicalBytes: 2_500 },
};

const VERBOSE_LEVELS = new Set(["TRACE", "DEBUG"]);

/**
 * The debug lines a function writes to CloudWatch Logs: only with the JSON log format and an
 * ApplicationLogLevel of DEBUG or TRACE (otherwise Lambda drops them), and only for code that has
 * debug logging (DEBUG_CODE). Undefined for every other function.
 */
export function debugProfile(spec: FunctionSpec): DebugProfile | undefined {
  if (spec.logFormat !== "JSON" || !VERBOSE_LEVELS.has(spec.applicationLogLevel ?? "INFO")) return undefined;
  const code = DEBUG_CODE[spec.name.replace(/-(prod|staging)$/, "")];
  if (!code) return undefined;
  const before = code.lines.filter((l) => l.phase === "before");
  const after = code.lines.filter((l) => l.phase === "after");
  return { lines: [...before, ...after], before: before.length, draw: code.draw, picks: code.picks, typicalBytes: code.typicalBytes, lengths: new Map(), fieldClasses: [] };
}

// ---- per invocation -------------------------------------------------------------------------------

const profileOf = (inv: Inv) => inv.ctx.debug!;

/** How many debug lines the invocation writes: the "before" ones always, the "after" ones on success. */
export function debugLineCount(inv: Inv): number {
  const p = inv.ctx.debug;
  if (!p) return 0;
  return inv.status === "success" ? p.lines.length : p.before;
}

/** When debug line k is written: the request as it is parsed, the call's input as the call starts, the rest as the calls and the handler return. */
export function debugLineMs(inv: Inv, k: number): number {
  const p = profileOf(inv);
  const cpuBefore = Math.min(inv.ctx.cpuMsFor(inv.memoryMb), inv.durationCenti / 100) * CPU_BEFORE_CALLS;
  if (k < p.before) return inv.at(cpuBefore * (k === 0 && p.before > 1 ? REQUEST_LOGGED_AT : 1));
  if (k === p.before && inv.loggedDeps > 0) return inv.depMs(inv.loggedDeps - 1);
  return inv.endMs;
}

/**
 * The sub-millisecond digits of debug line k's time (Go's RFC3339Nano), chosen so that lines sharing
 * a millisecond keep the order the code wrote them in: after the line before, and "before" lines
 * ahead of the first call's line. The last digit is never 0, so the time always has 9 fraction digits.
 */
function debugNanos(inv: Inv, k: number): number {
  const p = profileOf(inv);
  const deps = inv.loggedDeps;
  const firstDepMs = deps > 0 ? inv.depMs(0) : -1;
  let prevMs = -1;
  let prevNanos = 0;
  for (let j = 0; j <= k; j++) {
    if (j === p.before && deps > 0) {
      prevMs = inv.depMs(deps - 1);
      prevNanos = inv.nanos(deps - 1);
    }
    const ms = debugLineMs(inv, j);
    const min = ms === prevMs ? prevNanos + 1 : 1;
    const max = j < p.before && ms === firstDepMs ? inv.nanos(0) - 1 : 999_999;
    const own = inv.nanos(NANOS_BASE + j);
    let n = min <= max ? min + (own % (max - min + 1)) : own;
    if (n % 10 === 0) n = n < max ? n + 1 : n - 1;
    prevMs = ms;
    prevNanos = n;
  }
  return prevNanos;
}

export function debugLine(inv: Inv, k: number): string {
  const d = (inv.debugDraw ??= profileOf(inv).draw(inv)) as DebugDraw;
  return profileOf(inv).lines[k].render(inv, d, rfc3339Nano(debugLineMs(inv, k), debugNanos(inv, k)));
}

/** UTF-8 bytes of debug line k: measured once per (line, caller, tenant, scope), the only parts whose length varies. */
export function debugLineBytes(inv: Inv, k: number, picks: number = profileOf(inv).picks(inv)): number {
  const p = profileOf(inv);
  const key = k * 4096 + picks;
  let n = p.lengths.get(key);
  if (n === undefined) p.lengths.set(key, (n = utf8Len(debugLine(inv, k))));
  return n;
}

/** Bytes of all the debug lines the invocation writes (ingestion, the bill, REPORT-only scans). */
export function debugLinesBytes(inv: Inv): number {
  const count = debugLineCount(inv);
  if (count === 0) return 0;
  const picks = profileOf(inv).picks(inv);
  let n = 0;
  for (let k = 0; k < count; k++) n += debugLineBytes(inv, k, picks);
  return n;
}

// ---- discovered fields -------------------------------------------------------------------------

type DebugFieldsClass = new (inv: Inv, k: number) => DebugFields;

/**
 * The fields Logs Insights discovers in a debug line: level and msg at once (what filters read),
 * every other key (event.headers.user-agent, output.Item.userId.Value, …) from the line itself,
 * built and parsed only when a query reads one of them. #private members stay invisible to queries.
 */
class DebugFields {
  readonly level = "DEBUG";
  readonly msg: string;
  readonly #inv: Inv;
  readonly #k: number;
  #all: Fields | undefined;

  constructor(inv: Inv, k: number) {
    this.#inv = inv;
    this.#k = k;
    this.msg = profileOf(inv).lines[k].msg;
  }

  /** Static, so that no method shows among the fields (plainFields walks the prototypes). */
  static all(f: DebugFields): Fields {
    return (f.#all ??= discoverFields(debugLine(f.#inv, f.#k), f.#inv.ctx.logGroup));
  }
}

export function debugLineFields(inv: Inv, k: number): Fields {
  const p = profileOf(inv);
  let Cls = p.fieldClasses[k];
  if (!Cls) {
    // The keys of a line are the same for every invocation (no optional or variable-length parts).
    const keys = Object.keys(discoverFields(debugLine(inv, k), inv.ctx.logGroup)).filter((key) => key !== "level" && key !== "msg");
    Cls = class extends DebugFields {};
    for (const key of keys) {
      Object.defineProperty(Cls.prototype, key, { get(this: DebugFields) { return DebugFields.all(this)[key]; }, enumerable: false, configurable: false });
    }
    p.fieldClasses[k] = Cls;
  }
  return new Cls(inv, k) as unknown as Fields;
}
