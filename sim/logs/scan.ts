// Generated log events of one function, an hour at a time, from the model's invocation generator:
// nothing is stored, every (function, minute) is rebuilt from the seed when a query scans it.
//
// Each event carries its pre-discovered fields (so the Insights engine need not parse it) and a
// lazy message (built only when a query reads @message). In "reportOnly" mode, for queries that
// begin `filter @type = "REPORT"`, only REPORT lines become events: the others can never match, so
// they are only counted (records and bytes, with the same arithmetic lengths as the full scan), and
// the query's statistics come out exactly as if every line had been pushed.
import type { LogEvent } from "../insights";
import { generateInvocations } from "../model/invocations";
import { minuteHasData } from "../model";
import type { SimModel } from "../model/types";
import { type MinutePlan, planHour } from "../model/traffic";
import { depLine, depLineBytes, depLinesBytes, depLineFields, errorLine, errorLineBytes, errorLineFields, NO_FIELDS } from "./app-lines";
import { debugLine, debugLineBytes, debugLineCount, debugLineFields, debugLineMs, debugLinesBytes } from "./debug-lines";
import type { FnLogContext } from "./fn-context";
import { Inv } from "./invocation";
import * as Platform from "./platform-lines";

// Imported bindings are getter calls under tsx/vitest (as sim/model/invocations.ts notes) and this
// code runs for every generated line: take local copies once.
const P = { ...Platform };
const InvCtor = Inv;
const generate = generateInvocations;
const hasData = minuteHasData;
const app = { depLine, depLineBytes, depLinesBytes, depLineFields, errorLine, errorLineBytes, errorLineFields, NO_FIELDS };
const dbg = { debugLine, debugLineBytes, debugLineCount, debugLineFields, debugLineMs, debugLinesBytes };

const MINUTE_MS = 60_000;
// Line kinds. An invocation writes INIT, START, the "before" DEBUG lines, DEP, the "after" DEBUG
// lines, ERROR, TIMEOUT, OOM, END, REPORT (DEBUG only for functions logging at DEBUG: debug-lines.ts).
const INIT = 0, START = 1, DEP = 2, ERROR = 3, TIMEOUT = 4, OOM = 5, END = 6, REPORT = 7, DEBUG = 8;

/** A generated line: its message is built on demand, its stream looked up on demand. */
export class GenEvent implements LogEvent {
  readonly logGroup: string;
  readonly accountId: string;
  readonly ingestionTimeMs: number;
  readonly message: () => string;

  constructor(
    private readonly inv: Inv,
    readonly kind: number,
    private readonly k: number,
    readonly timestampMs: number,
    readonly messageBytes: number,
    readonly fields: Record<string, string | number>,
  ) {
    this.logGroup = inv.ctx.logGroup;
    this.accountId = inv.ctx.accountId;
    // CloudWatch Logs receives Lambda's lines a fraction of a second after they are written.
    this.ingestionTimeMs = timestampMs + 200 + ((inv.index * 7919 + kind * 131) % 800);
    this.message = () => render(inv, kind, k);
  }

  get logStream(): string {
    return this.inv.logStream;
  }
}

function render(inv: Inv, kind: number, k: number): string {
  const json = inv.ctx.json;
  switch (kind) {
    case INIT: return json ? P.initJson(inv) : P.initText(inv);
    case START: return json ? P.startJson(inv) : P.startText(inv);
    case DEP: return app.depLine(inv, k);
    case ERROR: return app.errorLine(inv);
    case TIMEOUT: return P.timeoutText(inv);
    case OOM: return P.oomText(inv);
    case END: return P.endText(inv);
    case DEBUG: return dbg.debugLine(inv, k);
    default: return json ? P.reportJson(inv) : P.reportText(inv);
  }
}

function bytesOf(inv: Inv, kind: number, k: number): number {
  const json = inv.ctx.json;
  switch (kind) {
    case INIT: return json ? P.initJsonBytes(inv) : P.initTextBytes(inv);
    case START: return json ? P.startJsonBytes(inv) : P.startTextBytes(inv);
    case DEP: return app.depLineBytes(inv, k);
    case ERROR: return app.errorLineBytes(inv);
    case TIMEOUT: return P.timeoutTextBytes(inv);
    case OOM: return P.OOM_TEXT_BYTES;
    case END: return P.END_TEXT_BYTES;
    case DEBUG: return dbg.debugLineBytes(inv, k);
    default: return json ? P.reportJsonBytes(inv) : P.reportTextBytes(inv);
  }
}

function fieldsOf(inv: Inv, kind: number, k: number): Record<string, string | number> {
  const json = inv.ctx.json;
  switch (kind) {
    case INIT: return json ? P.initJsonFields(inv) : app.NO_FIELDS;
    case START: return json ? P.startJsonFields(inv) : (new P.StartEndFields("START", inv) as unknown as Record<string, string>);
    case DEP: return app.depLineFields(inv, k);
    case ERROR: return app.errorLineFields(inv);
    case END: return new P.StartEndFields("END", inv) as unknown as Record<string, string>;
    case REPORT: return json ? P.reportJsonFields(inv) : (new P.ReportFields(inv) as unknown as Record<string, number>);
    case DEBUG: return dbg.debugLineFields(inv, k);
    default: return app.NO_FIELDS;
  }
}

function timeOf(inv: Inv, kind: number, k: number): number {
  if (kind === INIT) return inv.initMs;
  if (kind === START) return inv.startMs;
  if (kind === DEP) return inv.depMs(k);
  if (kind === DEBUG) return dbg.debugLineMs(inv, k);
  return inv.endMs;
}

export interface ScanWindow {
  startMs: number;
  /** Inclusive, like StartQuery's endTime. */
  endMs: number;
}

export class FunctionLogScan {
  /** Lines counted but not turned into events (reportOnly mode), within the window. */
  skippedRecords = 0;
  skippedBytes = 0;
  private out: LogEvent[] = [];
  private plansHourMs = -1;
  private plans: MinutePlan[] = [];

  constructor(
    private readonly model: SimModel,
    private readonly ctx: FnLogContext,
    private readonly window: ScanWindow,
    private readonly reportOnly: boolean,
  ) {}

  /**
   * Events of the minutes [fromMinute, toMinute) of the hour at `hourMs` that fall in the window,
   * handed to `emit` a minute at a time (short-lived batches keep the garbage collector cheap).
   */
  hour(hourMs: number, emit: (events: LogEvent[]) => void, fromMinute = 0, toMinute = 60): void {
    const { model, ctx, window } = this;
    if (hourMs + 3_600_000 <= window.startMs || hourMs > window.endMs) return;
    if (this.plansHourMs !== hourMs) {
      this.plans = planHour(ctx.fm, hourMs);
      this.plansHourMs = hourMs;
      ctx.envs.remember(hourMs, this.plans);
    }
    const plans = this.plans;
    for (let i = fromMinute; i < toMinute; i++) {
      const minuteMs = hourMs + i * MINUTE_MS;
      if (minuteMs + MINUTE_MS <= window.startMs || minuteMs > window.endMs || !hasData(model, minuteMs)) continue;
      let coldOrdinal = 0;
      this.out = [];
      generate(ctx.fm, plans[i], (r) => this.invocation(new InvCtor(ctx, r, r.coldStart ? coldOrdinal++ : -1)));
      if (this.out.length > 0) emit(this.out);
    }
  }

  private invocation(inv: Inv): void {
    const { startMs, endMs } = this.window;
    if (this.reportOnly && inv.initMs >= startMs && inv.endMs <= endMs) {
      this.countWhole(inv);
      return;
    }
    const text = !this.ctx.json;
    if (inv.cold) this.line(inv, INIT, 0);
    this.line(inv, START, 0);
    const debug = dbg.debugLineCount(inv);
    const before = debug > 0 ? Math.min(debug, this.ctx.debug!.before) : 0;
    for (let k = 0; k < before; k++) this.line(inv, DEBUG, k);
    const deps = inv.loggedDeps;
    for (let k = 0; k < deps; k++) this.line(inv, DEP, k);
    for (let k = before; k < debug; k++) this.line(inv, DEBUG, k);
    if (inv.handlerError) this.line(inv, ERROR, 0);
    if (text && inv.status === "timeout") this.line(inv, TIMEOUT, 0);
    if (text && inv.oom) this.line(inv, OOM, 0);
    if (text) this.line(inv, END, 0);
    this.line(inv, REPORT, 0);
  }

  /** reportOnly, every line inside the window: count the other lines in one go, push the REPORT. */
  private countWhole(inv: Inv): void {
    const json = this.ctx.json;
    let records = 1;
    let bytes = json ? P.startJsonBytes(inv) : P.startTextBytes(inv);
    if (inv.cold) {
      records++;
      bytes += json ? P.initJsonBytes(inv) : P.initTextBytes(inv);
    }
    const deps = inv.loggedDeps;
    bytes += app.depLinesBytes(inv, deps);
    records += deps;
    const debug = dbg.debugLineCount(inv);
    if (debug > 0) {
      records += debug;
      bytes += dbg.debugLinesBytes(inv);
    }
    if (inv.handlerError) {
      records++;
      bytes += app.errorLineBytes(inv);
    }
    if (json) {
      records++;
      bytes += P.reportJsonBytes(inv);
    } else {
      records++;
      bytes += P.END_TEXT_BYTES;
      if (inv.status === "timeout") {
        records++;
        bytes += P.timeoutTextBytes(inv);
      } else if (inv.oom) {
        records++;
        bytes += P.OOM_TEXT_BYTES;
      }
    }
    this.skippedRecords += records;
    this.skippedBytes += bytes;
    if (!json) this.out.push(new GenEvent(inv, REPORT, 0, inv.endMs, P.reportTextBytes(inv), new P.ReportFields(inv) as unknown as Record<string, number>));
  }

  private line(inv: Inv, kind: number, k: number): void {
    const t = timeOf(inv, kind, k);
    if (t < this.window.startMs || t > this.window.endMs) return;
    if (this.reportOnly && (kind !== REPORT || this.ctx.json)) {
      this.skippedRecords++;
      this.skippedBytes += bytesOf(inv, kind, k);
      return;
    }
    this.out.push(new GenEvent(inv, kind, k, t, bytesOf(inv, kind, k), fieldsOf(inv, kind, k)));
  }
}

/**
 * The UTF-8 size of every line an invocation writes, in the order `FunctionLogScan.invocation`
 * pushes them (the AWS/Logs IncomingBytes metric; sim/test/cloudwatch-logs-metrics.test.ts checks the two agree).
 * Every line is stamped inside the invocation's start minute (sim/logs/invocation.ts).
 */
export function eachLineBytes(inv: Inv, visit: (bytes: number) => void): void {
  const text = !inv.ctx.json;
  if (inv.cold) visit(bytesOf(inv, INIT, 0));
  visit(bytesOf(inv, START, 0));
  const debug = dbg.debugLineCount(inv);
  const before = debug > 0 ? Math.min(debug, inv.ctx.debug!.before) : 0;
  for (let k = 0; k < before; k++) visit(bytesOf(inv, DEBUG, k));
  const deps = inv.loggedDeps;
  for (let k = 0; k < deps; k++) visit(bytesOf(inv, DEP, k));
  for (let k = before; k < debug; k++) visit(bytesOf(inv, DEBUG, k));
  if (inv.handlerError) visit(bytesOf(inv, ERROR, 0));
  if (text && inv.status === "timeout") visit(bytesOf(inv, TIMEOUT, 0));
  if (text && inv.oom) visit(bytesOf(inv, OOM, 0));
  if (text) visit(bytesOf(inv, END, 0));
  visit(bytesOf(inv, REPORT, 0));
}

export const LINE_KINDS = { INIT, START, DEP, ERROR, TIMEOUT, OOM, END, REPORT, DEBUG } as const;

/**
 * UTF-8 bytes of every line one invocation writes, REPORT included: what CloudWatch Logs ingests for
 * it and what a scan of all its lines reports as bytesScanned (the same arithmetic as countWhole).
 * Lines stay inside the invocation's start minute, so a minute-aligned window holds all of them.
 */
export function invocationLogBytes(inv: Inv): number {
  const json = inv.ctx.json;
  let bytes = json ? P.startJsonBytes(inv) + P.reportJsonBytes(inv) : P.startTextBytes(inv) + P.END_TEXT_BYTES + P.reportTextBytes(inv);
  if (inv.cold) bytes += json ? P.initJsonBytes(inv) : P.initTextBytes(inv);
  bytes += app.depLinesBytes(inv, inv.loggedDeps);
  bytes += dbg.debugLinesBytes(inv);
  if (inv.handlerError) bytes += app.errorLineBytes(inv);
  if (!json) {
    if (inv.status === "timeout") bytes += P.timeoutTextBytes(inv);
    else if (inv.oom) bytes += P.OOM_TEXT_BYTES;
  }
  return bytes;
}
