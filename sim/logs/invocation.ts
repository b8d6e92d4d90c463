// One invocation as its log lines need it: a copy of the generator's record (which is reused for
// the whole minute), its timeline, request and trace ids (built only when read, as most queries
// never need them), and the downstream calls its code logs.
import type { InvocationRecord } from "../model/invocations";
import * as rng from "../model/rng";
import { BAD_DEPLOY_ERROR, PERMANENT_BOUNCE_ERROR, type AppError, pickError } from "./app-catalog";
import type { FnLogContext } from "./fn-context";
import * as ids from "./request-id";
import * as text from "./text";

// Local copies: imported bindings are getter calls under tsx/vitest and these run per line.
const { hash4, uniform4 } = rng;
const { requestId: requestIdOf } = ids;
const { hex32 } = text;

const MINUTE_MS = 60_000;
const SALT_DEPS = 0xde95;
const SALT_XRAY = 0x7a7e;
const SALT_NANOS = 0x0a05;
const SALT_ERROR = 0xe7e7;
const SCRATCH = new Float64Array(16);
// Share of an invocation's CPU time spent before its first downstream call (parsing the event).
export const CPU_BEFORE_CALLS = 0.3;

export class Inv {
  readonly minuteMs: number;
  readonly index: number;
  readonly startMs: number;
  readonly version: string;
  readonly durationCenti: number;
  /** The CPU-bound part of the wall-clock time that ran, ms (InvocationRecord.cpuWallMs). */
  readonly cpuWallMs: number;
  /** 0 on warm starts. */
  readonly initCenti: number;
  readonly billedMs: number;
  readonly memoryMb: number;
  readonly maxMemoryMb: number;
  readonly status: "success" | "error" | "timeout";
  readonly errorType: string | undefined;
  readonly cold: boolean;
  /** n-th cold start of its minute (its environment), −1 when warm. */
  readonly coldOrdinal: number;
  /**
   * When END / REPORT are stamped: the invocation's end, kept inside the minute it started in, so
   * that a minute-aligned window holds exactly the REPORT lines of the invocations the metrics count
   * (metrics are stamped at the invocation's start; AWS-FACTS §1). Lines of longer invocations are
   * squeezed into what is left of their start minute.
   */
  readonly endMs: number;
  private readonly scale: number;
  private rid: string | undefined;
  private tenths: number[] | undefined;
  private stream: string | undefined;
  /** What debug-lines.ts draws for this invocation's DEBUG lines, kept while its lines are built. */
  debugDraw: unknown;

  constructor(readonly ctx: FnLogContext, r: InvocationRecord, coldOrdinal: number) {
    this.minuteMs = r.minuteMs;
    this.index = r.index;
    this.startMs = r.minuteMs + r.offsetMs;
    this.version = r.executedVersion;
    this.durationCenti = Math.round(r.durationMs * 100);
    this.cpuWallMs = r.cpuWallMs;
    this.initCenti = r.initDurationMs === undefined ? 0 : Math.round(r.initDurationMs * 100);
    this.billedMs = r.billedDurationMs;
    this.memoryMb = r.memorySizeMb;
    this.maxMemoryMb = r.maxMemoryUsedMb;
    this.status = r.status;
    this.errorType = r.errorType;
    this.cold = r.coldStart;
    this.coldOrdinal = coldOrdinal;
    const lastMs = this.minuteMs + MINUTE_MS - 1;
    const durationMs = this.durationCenti / 100;
    this.scale = this.startMs + durationMs > lastMs ? (lastMs - this.startMs) / durationMs : 1;
    this.endMs = Math.min(lastMs, Math.max(this.startMs + 1, this.startMs + Math.ceil(durationMs * this.scale)));
  }

  get requestId(): string {
    return (this.rid ??= requestIdOf(this.ctx.fm.fleet.seed, this.ctx.fm.nameHash, this.minuteMs, this.index));
  }

  get oom(): boolean {
    return this.errorType === "Runtime.OutOfMemory";
  }

  /** A failure the function's own code reports (not a timeout, not an out-of-memory kill). */
  get handlerError(): boolean {
    return this.status === "error" && !this.oom;
  }

  get logStream(): string {
    if (this.stream === undefined) {
      const envs = this.ctx.envs;
      const env = this.coldOrdinal >= 0 ? envs.born(this.minuteMs, this.coldOrdinal) : envs.warm(this.minuteMs, this.index);
      this.stream = envs.streamName(env, this.version);
    }
    return this.stream;
  }

  /** INIT_START: before the first request, by the init duration (kept inside the minute). */
  get initMs(): number {
    return Math.max(this.minuteMs, this.startMs - Math.ceil(this.initCenti / 100));
  }

  /** The time `offsetMs` into the invocation, squeezed like its other lines (kept inside its start minute). */
  at(offsetMs: number): number {
    return Math.min(this.endMs, this.startMs + Math.floor(offsetMs * this.scale));
  }

  private hash(salt: number, k: number): number {
    return hash4(this.ctx.fm.fleet.seed ^ salt, this.ctx.fm.nameHash, this.minuteMs / MINUTE_MS, this.index * 8 + k);
  }

  /** A 32-bit hash of (seed, function, minute, index, salt, k) for per-invocation details no model stream draws. */
  detailHash(salt: number, k: number): number {
    return this.hash(salt, k);
  }

  /**
   * Durations of the downstream calls in tenths of a ms, adding up to the waiting part of the
   * duration (duration − the CPU part at this memory size): the non-primary calls take their usual
   * share of the function's median wait; the primary call takes the rest, so when the model makes a
   * call wait longer (slow-downstream) only the primary dependency's durationMs rises.
   */
  depTenths(): number[] {
    if (!this.tenths) {
      const tenths: number[] = [];
      this.depTenthsInto(SCRATCH);
      for (let j = 0; j < this.ctx.profile.deps.length; j++) tenths.push(SCRATCH[j]);
      this.tenths = tenths;
    }
    return this.tenths;
  }

  /** depTenths() into a caller's buffer, without keeping them (counting bytes of unbuilt lines). */
  depTenthsInto(out: Float64Array): Float64Array {
    const { deps, primary } = this.ctx.profile;
    const durationMs = this.durationCenti / 100;
    const waitTotal = Math.max(0, durationMs - this.ctx.cpuMsFor(this.memoryMb));
    const waitMs = this.ctx.fm.behaviour.waitMs;
    // One hash per invocation; each call's jitter (×0.7–1.3) takes 8 bits of it.
    const h = deps.length > 1 ? this.hash(SALT_DEPS, 0) : 0;
    let others = 0;
    for (let j = 0; j < deps.length; j++) {
      if (j === primary) continue;
      out[j] = waitMs * deps[j].weight * (0.7 + 0.6 * (((h >>> ((8 * j) & 31)) & 255) / 256));
      others += out[j];
    }
    const cap = 0.8 * waitTotal;
    const squeeze = others > cap ? cap / others : 1;
    for (let j = 0; j < deps.length; j++) {
      out[j] = j === primary ? waitTotal - others * squeeze : out[j] * squeeze;
      out[j] = Math.max(1, Math.round(out[j] * 10));
    }
    return out;
  }

  /** Calls the code logs: all of them, or on failure those before the primary (which hung or failed). */
  get loggedDeps(): number {
    return this.status === "success" ? this.ctx.profile.deps.length : this.ctx.profile.primary;
  }

  /** When the k-th call's line is written: as the call returns. */
  depMs(k: number): number {
    const tenths = this.depTenths();
    let offset = Math.min(this.ctx.cpuMsFor(this.memoryMb), this.durationCenti / 100) * CPU_BEFORE_CALLS;
    for (let j = 0; j <= k; j++) offset += tenths[j] / 10;
    return this.at(offset);
  }

  /** Sub-millisecond nanoseconds for Go's RFC3339Nano times; the last digit is never 0 (9 digits). */
  nanos(k: number): number {
    const n = this.hash(SALT_NANOS, k) % 1_000_000;
    return n % 10 === 0 ? n + 7 : n;
  }

  /** The error the code reports, for handler errors. */
  appError(): AppError {
    const ctx = this.ctx;
    const u = uniform4(ctx.fm.fleet.seed ^ SALT_ERROR, ctx.fm.nameHash, this.minuteMs / MINUTE_MS, this.index);
    if (ctx.badVersion !== undefined && this.version === ctx.badVersion) return BAD_DEPLOY_ERROR;
    if (ctx.permanentBouncesFromMs !== undefined && this.startMs >= ctx.permanentBouncesFromMs && u < 0.9) return PERMANENT_BOUNCE_ERROR;
    const choices = ctx.profile.errors[this.errorType ?? ""] ?? ctx.profile.errors["*errors.errorString"];
    return pickError(choices, (u * 7.31) % 1);
  }

  /** X-Ray trace id "1-<8 hex epoch seconds>-<24 hex>" and 16-hex segment id. */
  get traceId(): string {
    const secs = Math.floor(this.startMs / 1000).toString(16).padStart(8, "0");
    return `1-${secs}-${hex32([this.hash(SALT_XRAY, 0), this.hash(SALT_XRAY, 1), this.hash(SALT_XRAY, 2)], 24)}`;
  }

  get segmentId(): string {
    return hex32([this.hash(SALT_XRAY, 3), this.hash(SALT_XRAY, 4)], 16);
  }
}
