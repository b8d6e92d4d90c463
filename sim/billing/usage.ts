// Usage per (function, UTC day) for the whole billing history: exact from the generator for minutes
// the model has data for (its 14 days), the traffic model's expectation for the minutes before, and
// nothing before the function was created or after "now". Exact hours are computed once (a warm-up
// that yields to other requests between slices) and kept; the expectation is calibrated on whole
// days of exact data before any incident started.
import { minuteHasData } from "../model";
import { RETENTION_MS } from "../model/context";
import { type FunctionModel, INCIDENT_TIMING, functionModelOf } from "../model/function-model";
import type { FunctionSpec, SimModel } from "../model/types";
import { type FnLogContext, fnLogContext } from "../logs/fn-context";
import { DAY_MS, HOUR_MS, MINUTE_MS, dayOf, dayStartMs } from "./calendar";
import { type HourUsage, exactHourUsage } from "./exact-usage";
import { type Calibration, calibrate, expectedHourUsage, expectedInvocationsInHour, expectedTraces, samplingAt } from "./expected-usage";

export interface FunctionDay {
  spec: FunctionSpec;
  invocations: number;
  invocationsByHour: Float64Array;
  onDemandMbMsByHour: Float64Array;
  provisionedMbMsByHour: Float64Array;
  /** GB-seconds of provisioned concurrency configured in each hour (metered while it is allocated). */
  pcConfiguredGbsByHour: Float64Array;
  logBytes: number;
  dlqSent: number;
  errors: number;
  traces: number;
}

/** Work per turn of the event loop before yielding to other requests (as Logs Insights queries do). */
const SLICE_MS = 20;
/** Calibration stops this long before the anchor: the growing-dlq incident starts 3 days before it. */
const CALIBRATION_END_BEFORE_ANCHOR_MS = INCIDENT_TIMING.dlqRiseBeforeAnchorMs + DAY_MS;

export class UsageStore {
  readonly dataStartMs: number;
  private readonly exact = new Map<number, HourUsage>();
  private readonly contexts: FnLogContext[];
  private readonly models: FunctionModel[];
  private calibrations: Calibration[] | null = null;
  private warming: Promise<void> | null = null;

  constructor(private readonly model: SimModel) {
    const fleet = model.fleet;
    this.dataStartMs = Math.ceil((fleet.anchorMs - RETENTION_MS) / MINUTE_MS) * MINUTE_MS;
    this.contexts = fleet.functions.map((fn) => fnLogContext(model, fn.name)!);
    this.models = fleet.functions.map((fn) => functionModelOf(fleet, fn));
  }

  /** Exact hours and calibrations ready: the first call starts the work, later calls share it. */
  ready(): Promise<void> {
    if (this.calibrations) return Promise.resolve();
    this.warming ??= this.warm();
    return this.warming;
  }

  get isReady(): boolean {
    return this.calibrations !== null;
  }

  private async warm(): Promise<void> {
    const units = this.pendingExactHours();
    let next = 0;
    while (next < units.length) {
      const sliceEnd = performance.now() + SLICE_MS;
      while (next < units.length && performance.now() < sliceEnd) {
        const [fnIndex, hourMs] = units[next++];
        this.exactHour(fnIndex, hourMs);
      }
      if (next < units.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.calibrations = this.models.map((_, i) => this.calibration(i));
  }

  /** (function, hour) pairs of complete hours with data that are not computed yet. */
  private pendingExactHours(): [number, number][] {
    const units: [number, number][] = [];
    const lastMs = this.completeHoursEndMs();
    for (let i = 0; i < this.models.length; i++) {
      for (let hourMs = Math.floor(this.dataStartMs / HOUR_MS) * HOUR_MS; hourMs < lastMs; hourMs += HOUR_MS) {
        if (!this.exact.has(key(i, hourMs))) units.push([i, hourMs]);
      }
    }
    return units;
  }

  /** Hours ending at or before this instant are final: no minute of them can gain data later. */
  private completeHoursEndMs(): number {
    return Math.floor(this.model.nowMs() / HOUR_MS) * HOUR_MS;
  }

  private exactHour(fnIndex: number, hourMs: number): HourUsage {
    const k = key(fnIndex, hourMs);
    const cached = this.exact.get(k);
    if (cached) return cached;
    const usage = exactHourUsage(this.model, this.contexts[fnIndex], hourMs);
    if (hourMs + HOUR_MS <= this.completeHoursEndMs()) this.exact.set(k, usage);
    return usage;
  }

  /** Whole UTC days of exact data, ending before the first incident that changes a function's cost per call. */
  calibrationDays(): { fromDay: number; toDay: number } {
    const fromDay = dayOf(this.dataStartMs + DAY_MS - 1);
    const toDay = Math.max(fromDay + 1, dayOf(this.model.fleet.anchorMs - CALIBRATION_END_BEFORE_ANCHOR_MS));
    return { fromDay, toDay };
  }

  /** What the expectation of a function's older hours is scaled by (after ready()). */
  calibrationOf(fnIndex: number): Calibration {
    if (!this.calibrations) throw new Error("usage is not ready: await ready() first");
    return this.calibrations[fnIndex];
  }

  private calibration(fnIndex: number): Calibration {
    const { fromDay, toDay } = this.calibrationDays();
    const fm = this.models[fnIndex];
    const hours: HourUsage[] = [];
    let expected = 0;
    for (let hourMs = dayStartMs(fromDay); hourMs < dayStartMs(toDay); hourMs += HOUR_MS) {
      if (!minuteHasData(this.model, hourMs)) continue;
      hours.push(this.exactHour(fnIndex, hourMs));
      expected += expectedInvocationsInHour(fm, hourMs);
    }
    return calibrate(hours, expected);
  }

  /** A function's usage on one UTC day. Call after ready(). */
  functionDay(fnIndex: number, day: number): FunctionDay {
    if (!this.calibrations) throw new Error("usage is not ready: await ready() first");
    const fm = this.models[fnIndex];
    const spec = fm.spec;
    const out: FunctionDay = {
      spec,
      invocations: 0,
      invocationsByHour: new Float64Array(24),
      onDemandMbMsByHour: new Float64Array(24),
      provisionedMbMsByHour: new Float64Array(24),
      pcConfiguredGbsByHour: new Float64Array(24),
      logBytes: 0,
      dlqSent: 0,
      errors: 0,
      traces: 0,
    };
    const nowMinuteMs = Math.floor(this.model.nowMs() / MINUTE_MS) * MINUTE_MS;
    const pc = spec.provisionedConcurrency;
    for (let h = 0; h < 24; h++) {
      const hourMs = dayStartMs(day) + h * HOUR_MS;
      if (hourMs >= nowMinuteMs) break;
      const endMs = Math.min(hourMs + HOUR_MS, nowMinuteMs);
      const add = (u: HourUsage) => {
        out.invocationsByHour[h] += u.invocations;
        out.onDemandMbMsByHour[h] += u.onDemandMbMs;
        out.provisionedMbMsByHour[h] += u.provisionedMbMs;
        out.logBytes += u.logBytes;
        out.dlqSent += u.dlqSent;
        out.errors += u.errors;
        out.traces += u.traces;
      };
      if (endMs > this.dataStartMs) add(this.exactHour(fnIndex, hourMs));
      const missingMinutes = Math.max(0, Math.min(endMs, this.dataStartMs) - Math.max(hourMs, spec.createdAtMs)) / MINUTE_MS;
      if (missingMinutes > 0) {
        const provisioned = pc !== undefined && pc.allocatedAtMs <= hourMs;
        const expected = expectedHourUsage(fm, this.calibrations[fnIndex], hourMs, missingMinutes, provisioned);
        const sampling = samplingAt(fm, hourMs);
        if (sampling) expected.traces = expectedTraces(expected.invocations, missingMinutes * 60, sampling);
        add(expected);
      }
      if (pc) {
        const seconds = Math.max(0, endMs - Math.max(hourMs, pc.allocatedAtMs)) / 1000;
        out.pcConfiguredGbsByHour[h] = (pc.requested * spec.memoryMb * seconds) / 1024;
      }
      out.invocations += out.invocationsByHour[h];
    }
    return out;
  }
}

const key = (fnIndex: number, hourMs: number) => fnIndex * 10_000_000 + hourMs / HOUR_MS;
