import { describe, expect, test } from "vitest";
import { createModel, invocationsOfMinute, type FunctionSpec } from "./index";
import { ANCHOR_MS, HOUR_MS, MINUTE_MS } from "./test-support";

const model = createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Copy {
  requestId: string;
  offsetMs: number;
  durationMs: number;
  initDurationMs?: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  status: string;
  errorType?: string;
  coldStart: boolean;
  executedVersion: string;
}

function minute(fn: string | FunctionSpec, minuteMs: number): Copy[] {
  const out: Copy[] = [];
  invocationsOfMinute(model, fn, minuteMs, (r) => out.push({ requestId: r.requestId, offsetMs: r.offsetMs, durationMs: r.durationMs, initDurationMs: r.initDurationMs, billedDurationMs: r.billedDurationMs, memorySizeMb: r.memorySizeMb, maxMemoryUsedMb: r.maxMemoryUsedMb, status: r.status, errorType: r.errorType, coldStart: r.coldStart, executedVersion: r.executedVersion }));
  return out;
}

function hour(fn: string | FunctionSpec, fromMs: number): Copy[] {
  const out: Copy[] = [];
  for (let m = fromMs; m < fromMs + HOUR_MS; m += MINUTE_MS) out.push(...minute(fn, m));
  return out;
}

describe("invocationsOfMinute", () => {
  test("each field as a REPORT line carries it", () => {
    const all = hour("checkout-api-prod", ANCHOR_MS - 2 * HOUR_MS);
    expect(all.length).toBeGreaterThan(10_000);
    // Plain checks (one expect per invocation would take seconds for 10k+ invocations).
    const bad = all.filter((r) =>
      !UUID.test(r.requestId) ||
      !Number.isInteger(r.offsetMs) || r.offsetMs < 0 || r.offsetMs >= MINUTE_MS ||
      Math.abs(Math.round(r.durationMs * 100) - r.durationMs * 100) > 1e-6 ||
      !Number.isInteger(r.maxMemoryUsedMb) || r.maxMemoryUsedMb > r.memorySizeMb ||
      r.memorySizeMb !== 1024 || r.executedVersion !== "5");
    expect(bad).toEqual([]);
    expect(new Set(all.map((r) => r.requestId)).size).toBe(all.length);
    const offsets = minute("checkout-api-prod", ANCHOR_MS - 5 * MINUTE_MS).map((r) => r.offsetMs);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  test("Init Duration exactly on cold starts; billed = ceil(duration + init)", () => {
    const all = [...hour("identity-token-rotator-prod", ANCHOR_MS - 3 * HOUR_MS), ...hour("search-query-prod", ANCHOR_MS - HOUR_MS)];
    const cold = all.filter((r) => r.coldStart);
    expect(cold.length).toBeGreaterThan(0);
    const bad = all.filter((r) => {
      const centi = Math.round(r.durationMs * 100) + Math.round((r.initDurationMs ?? 0) * 100);
      return (r.initDurationMs !== undefined) !== r.coldStart || r.billedDurationMs !== Math.ceil(centi / 100);
    });
    expect(bad).toEqual([]);
  });

  test("init durations by runtime: Go 60–200 ms, Node 150–400 ms", () => {
    const goCold = hour("checkout-api-prod", ANCHOR_MS - HOUR_MS).concat(hour("checkout-api-prod", ANCHOR_MS - 2 * HOUR_MS)).filter((r) => r.coldStart);
    const nodeCold = hour("identity-token-rotator-prod", ANCHOR_MS - 2 * HOUR_MS).filter((r) => r.coldStart);
    expect(goCold.length).toBeGreaterThan(0);
    expect(goCold.every((r) => r.initDurationMs! >= 60 && r.initDurationMs! <= 200)).toBe(true);
    expect(nodeCold.every((r) => r.initDurationMs! >= 150 && r.initDurationMs! <= 400)).toBe(true);
  });

  test("out-of-memory and timeouts look as Lambda reports them", () => {
    const all: Copy[] = [];
    for (let h = 1; h <= 24; h++) all.push(...hour("reporting-export-prod", ANCHOR_MS - h * HOUR_MS));
    const oom = all.filter((r) => r.errorType === "Runtime.OutOfMemory");
    expect(oom.length).toBeGreaterThan(0);
    for (const r of oom) expect(r).toMatchObject({ status: "error", maxMemoryUsedMb: 1024, memorySizeMb: 1024 });
    const spec = model.fleet.byName.get("search-query-prod")!;
    const tight: FunctionSpec = { ...spec, timeoutS: 0.1 }; // 100 ms: the slow tail times out
    const timeouts = hour(tight, ANCHOR_MS - HOUR_MS).filter((r) => r.status === "timeout");
    expect(timeouts.length).toBeGreaterThan(0);
    for (const r of timeouts) expect(r).toMatchObject({ durationMs: 100, errorType: "Sandbox.Timedout" });
  });

  test("deterministic: the same minute twice gives the same invocations", () => {
    const m = ANCHOR_MS - 37 * MINUTE_MS;
    expect(minute("payments-webhook-prod", m)).toEqual(minute("payments-webhook-prod", m));
    const other = createModel({ seed: 43, anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
    const a: number[] = [];
    invocationsOfMinute(other, "payments-webhook-prod", m, (r) => a.push(r.durationMs));
    expect(a).not.toEqual(minute("payments-webhook-prod", m).map((r) => r.durationMs));
  });

  test("duration falls as memory rises, down to a floor (CPU share = memory / 1,769 MB)", () => {
    const spec = model.fleet.byName.get("catalog-indexer-prod")!; // CPU-heavy, uses 2 vCPUs
    const meanAt = (memoryMb: number) => {
      const copy: FunctionSpec = { ...spec, memoryMb, versions: spec.versions.map((v) => ({ ...v, memoryMb })) };
      const all = hour(copy, ANCHOR_MS - 2 * HOUR_MS);
      return all.reduce((s, r) => s + r.durationMs, 0) / all.length;
    };
    const means = [256, 512, 1024, 1769, 3538, 5000, 10_240].map(meanAt);
    for (let k = 1; k < means.length; k++) expect(means[k]).toBeLessThanOrEqual(means[k - 1]);
    expect(means[0] / means[3]).toBeGreaterThan(4); // 256 → 1,769 MB: about 6.9× the CPU
    expect(means[6] / means[4]).toBeGreaterThan(0.95); // beyond 2 vCPUs nothing is gained
  });

  test("the over-provisioned thumbnailer gains almost nothing from its 10,240 MB", () => {
    const spec = model.fleet.byName.get("catalog-thumbnailer-prod")!;
    const at = (memoryMb: number) => {
      const all = hour({ ...spec, memoryMb, versions: spec.versions.map((v) => ({ ...v, memoryMb })) }, ANCHOR_MS - HOUR_MS);
      return { meanMs: all.reduce((s, r) => s + r.durationMs, 0) / all.length, maxUsedMb: Math.max(...all.map((r) => r.maxMemoryUsedMb)) };
    };
    const big = at(10_240);
    const small = at(512);
    expect(big.maxUsedMb).toBeLessThan(100);
    expect(small.meanMs / big.meanMs).toBeLessThan(1.25);
  });
});
