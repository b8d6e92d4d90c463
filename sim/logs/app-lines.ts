// The lines the functions' own code writes, per runtime, each as (message, byte length, fields):
//   Go (provided.al2023), log/slog JSONHandler: {"time":"…RFC3339Nano…","level":"INFO","msg":"…",attrs…}\n
//     (time, level, msg, then attributes in call order: Go source log/slog/handler.go).
//   Node.js, console.log in Text format: "<ISO time>\t<request id>\tINFO\t<message>\n", and a
//     handler's exception: "<time>\t<id>\tERROR\tInvoke Error \t{"errorType":…,"errorMessage":…,"stack":[…]}"
//     (a real line: sim/insights/fixtures/json-lines.json node-runtime-json-fragment; aws-lambda-nodejs-runtime-interface-client).
//   Python, logging in Text format: "[INFO]\t<time>.<ms>Z\t<request id>\t<message>\n" (awslambdaric
//     bootstrap.py), and an unhandled exception "[ERROR] KeyError: 'x'\rTraceback (most recent call
//     last):\r  File …" with "\r" between lines and U+00A0 indentation (awslambdaric
//     ERROR_LOG_LINE_TERMINATE, ERROR_LOG_IDENT).
// Every invocation logs one line per downstream call with its duration; a handler error adds
// exactly one error line (Go level ERROR, Node "Invoke Error", Python "[ERROR] <Type>: …").
import type { Dependency } from "./app-catalog";
import type { Inv } from "./invocation";
import * as text from "./text";

// Local copies: imported bindings are getter calls under tsx/vitest and these run per line.
const { ISO_MS_LEN, RFC3339_NANO_LEN, isoMs, jsonInner, pythonTime, pythonTimeLen, rfc3339Nano, shortTenths, shortTenthsLen, utf8Len } = text;

type Fields = Record<string, string | number>;
export const NO_FIELDS: Fields = Object.freeze({}) as Fields;

const ID = "x".repeat(36);
const NBSP2 = "\u00a0\u00a0";

const depText = (dep: Dependency, tenths: number) => `downstream call dependency=${dep.kind} target=${dep.target} op=${dep.op} durationMs=${shortTenths(tenths)}`;
const DEP_TEXT_FIXED = utf8Len("downstream call dependency= target= op= durationMs=");
const depTextVar = (dep: Dependency) => utf8Len(dep.kind) + utf8Len(dep.target) + utf8Len(dep.op);
const NODE_LINE_FIXED = utf8Len(`${"x".repeat(ISO_MS_LEN)}\t${ID}\tINFO\t\n`);
const NODE_ERROR_FIXED = utf8Len(`${"x".repeat(ISO_MS_LEN)}\t${ID}\tERROR\tInvoke Error \t\n`);
const PYTHON_LINE_FIXED = utf8Len(`[INFO]\t\t${ID}\t\n`);

// ---- Go (log/slog JSON) ----------------------------------------------------------------------

// The escaped attribute part of each dependency's slog line, built once per catalogue entry.
const goDepAttrs = new WeakMap<Dependency, string>();
function goDepAttr(dep: Dependency): string {
  let attrs = goDepAttrs.get(dep);
  if (attrs === undefined) goDepAttrs.set(dep, (attrs = `"dependency":"${jsonInner(dep.kind)}","target":"${jsonInner(dep.target)}","op":"${jsonInner(dep.op)}"`));
  return attrs;
}
const goDep = (time: string, id: string, dep: Dependency, tenths: number) =>
  `{"time":"${time}","level":"INFO","msg":"downstream call","requestId":"${id}",${goDepAttr(dep)},"durationMs":${shortTenths(tenths)}}\n`;
const GO_DEP_FIXED = utf8Len(goDep("x".repeat(RFC3339_NANO_LEN), ID, { kind: "", target: "", op: "", weight: 0 }, 0)) - 1;

const goError = (time: string, id: string, msg: string, detail: string) =>
  `{"time":"${time}","level":"ERROR","msg":"${jsonInner(msg)}","requestId":"${id}","error":"${jsonInner(detail)}"}\n`;
const GO_ERROR_FIXED = utf8Len(goError("x".repeat(RFC3339_NANO_LEN), ID, "", ""));

// Discovered fields of an slog line; time and requestId are built only when a query reads them.
// #private members stay invisible to queries (no field "inv") and to Object.keys.
class GoFields {
  readonly #inv: Inv;
  readonly #k: number;
  readonly #ms: number;
  constructor(inv: Inv, k: number, ms: number) {
    this.#inv = inv;
    this.#k = k;
    this.#ms = ms;
  }
  get time(): string {
    return rfc3339Nano(this.#ms, this.#inv.nanos(this.#k));
  }
  get requestId(): string {
    return this.#inv.requestId;
  }
}

export class GoDepFields extends GoFields {
  readonly level = "INFO";
  readonly msg = "downstream call";
  readonly dependency: string;
  readonly target: string;
  readonly op: string;
  readonly durationMs: number;
  constructor(inv: Inv, k: number, ms: number) {
    super(inv, k, ms);
    const dep = inv.ctx.profile.deps[k];
    this.dependency = dep.kind;
    this.target = dep.target;
    this.op = dep.op;
    this.durationMs = inv.depTenths()[k] / 10;
  }
}

export class GoErrorFields extends GoFields {
  readonly level = "ERROR";
  readonly msg: string;
  readonly error: string;
  constructor(inv: Inv, ms: number) {
    super(inv, 7, ms);
    const e = inv.appError();
    this.msg = e.msg;
    this.error = e.detail;
  }
}

// ---- Node.js ------------------------------------------------------------------------------------

function nodeStack(inv: Inv, type: string, message: string): string[] {
  const line = 20 + (inv.ctx.fm.nameHash % 180);
  return [`${type}: ${message}`, `    at Runtime.handler (/var/task/index.js:${line}:${11 + (inv.ctx.fm.nameHash % 20)})`, "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)"];
}

function nodeErrorJson(inv: Inv): { type: string; message: string; json: string } {
  const type = inv.errorType ?? "Error";
  const message = inv.appError().msg;
  return { type, message, json: JSON.stringify({ errorType: type, errorMessage: message, stack: nodeStack(inv, type, message) }) };
}

// ---- Python ------------------------------------------------------------------------------------

function pythonError(inv: Inv): string {
  const type = inv.errorType ?? "Exception";
  const line = 20 + (inv.ctx.fm.nameHash % 180);
  return `[ERROR] ${type}: ${inv.appError().detail}\rTraceback (most recent call last):\r${NBSP2}File "/var/task/app.py", line ${line}, in handler\r${NBSP2}${NBSP2}return process(event)\r${NBSP2}File "/var/task/app.py", line ${line + 37}, in process\r${NBSP2}${NBSP2}raise ${type}(reason)\n`;
}

// ---- per line kind ---------------------------------------------------------------------------

// The fixed byte length of each dependency's line per runtime, measured once (catalogue entries
// are shared by every invocation of a function).
const depFixed = new WeakMap<Dependency, { go: number; text: number }>();
function depFixedBytes(dep: Dependency): { go: number; text: number } {
  let f = depFixed.get(dep);
  if (!f) {
    f = { go: GO_DEP_FIXED + utf8Len(jsonInner(dep.kind)) + utf8Len(jsonInner(dep.target)) + utf8Len(jsonInner(dep.op)), text: DEP_TEXT_FIXED + depTextVar(dep) };
    depFixed.set(dep, f);
  }
  return f;
}

export function depLine(inv: Inv, k: number): string {
  const ms = inv.depMs(k);
  const dep = inv.ctx.profile.deps[k];
  const tenths = inv.depTenths()[k];
  switch (inv.ctx.runtime) {
    case "go":
      return goDep(rfc3339Nano(ms, inv.nanos(k)), inv.requestId, dep, tenths);
    case "node":
      return `${isoMs(ms)}\t${inv.requestId}\tINFO\t${depText(dep, tenths)}\n`;
    default:
      return `[INFO]\t${pythonTime(ms)}\t${inv.requestId}\t${depText(dep, tenths)}\n`;
  }
}

export function depLineBytes(inv: Inv, k: number): number {
  const dep = inv.ctx.profile.deps[k];
  const tenthsLen = shortTenthsLen(inv.depTenths()[k]);
  switch (inv.ctx.runtime) {
    case "go":
      return depFixedBytes(dep).go + tenthsLen;
    case "node":
      return NODE_LINE_FIXED + depFixedBytes(dep).text + tenthsLen;
    default:
      return PYTHON_LINE_FIXED + pythonTimeLen(inv.depMs(k)) + depFixedBytes(dep).text + tenthsLen;
  }
}

const DEP_SCRATCH = new Float64Array(16);

/** Go or Node: each call line's bytes apart from its duration, kept on the function's context. */
function fixedLineBytes(inv: Inv): number[] {
  const ctx = inv.ctx;
  if (!ctx.depLineFixedBytes) {
    const go = ctx.runtime === "go";
    ctx.depLineFixedBytes = ctx.profile.deps.map((dep) => (go ? depFixedBytes(dep).go : NODE_LINE_FIXED + depFixedBytes(dep).text));
  }
  return ctx.depLineFixedBytes;
}

/** Bytes of the first `count` call lines, without building or keeping anything (reportOnly scans). */
export function depLinesBytes(inv: Inv, count: number): number {
  if (count === 0) return 0;
  let n = 0;
  if (inv.ctx.runtime === "python") {
    for (let k = 0; k < count; k++) n += depLineBytes(inv, k);
    return n;
  }
  const fixed = fixedLineBytes(inv);
  const tenths = inv.depTenthsInto(DEP_SCRATCH);
  for (let k = 0; k < count; k++) {
    const t = tenths[k];
    // shortTenthsLen inlined: digits of the whole ms, plus ".d" unless the tenth is 0.
    const whole = Math.floor(t / 10);
    n += fixed[k] + (whole < 10 ? 1 : whole < 100 ? 2 : whole < 1_000 ? 3 : whole < 10_000 ? 4 : shortTenthsLen(t) - (t % 10 === 0 ? 0 : 2)) + (t % 10 === 0 ? 0 : 2);
  }
  return n;
}

export function depLineFields(inv: Inv, k: number): Fields {
  return inv.ctx.runtime === "go" ? (new GoDepFields(inv, k, inv.depMs(k)) as unknown as Fields) : NO_FIELDS;
}

export function errorLine(inv: Inv): string {
  switch (inv.ctx.runtime) {
    case "go": {
      const e = inv.appError();
      return goError(rfc3339Nano(inv.endMs, inv.nanos(7)), inv.requestId, e.msg, e.detail);
    }
    case "node":
      return `${isoMs(inv.endMs)}\t${inv.requestId}\tERROR\tInvoke Error \t${nodeErrorJson(inv).json}\n`;
    default:
      return pythonError(inv);
  }
}

export function errorLineBytes(inv: Inv): number {
  switch (inv.ctx.runtime) {
    case "go": {
      const e = inv.appError();
      return GO_ERROR_FIXED + utf8Len(jsonInner(e.msg)) + utf8Len(jsonInner(e.detail));
    }
    case "node":
      return NODE_ERROR_FIXED + utf8Len(nodeErrorJson(inv).json);
    default:
      return utf8Len(pythonError(inv));
  }
}

export function errorLineFields(inv: Inv): Fields {
  switch (inv.ctx.runtime) {
    case "go":
      return new GoErrorFields(inv, inv.endMs) as unknown as Fields;
    case "node": {
      const { type, message } = nodeErrorJson(inv);
      const stack = nodeStack(inv, type, message);
      return { errorType: type, errorMessage: message, "stack.0": stack[0], "stack.1": stack[1], "stack.2": stack[2] };
    }
    default:
      return NO_FIELDS;
  }
}
