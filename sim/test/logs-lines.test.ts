// The generated Lambda log lines (sim/logs): exact formats, pre-discovered fields equal to what the
// Insights engine discovers in the message, byte counts equal to the UTF-8 length, and the
// REPORT-only scan giving the same statistics as the full one.
import { describe, expect, test } from "vitest";
import { discoverFields, parseQuery, startExecution, type LogEvent } from "../insights";
import { createModel, invocationsOfMinute, requestIdOf } from "../model";
import type { InvocationRecord } from "../model/invocations";
import { fnLogContext } from "../logs/fn-context";
import { Inv } from "../logs/invocation";
import { requestId } from "../logs/request-id";
import { plainFields } from "../logs/platform-lines";
import { FunctionLogScan, type GenEvent, LINE_KINDS } from "../logs/scan";
import { HOUR_MS, NOW_MS } from "./helpers";

const model = createModel({ seed: 42, anchorMs: NOW_MS, fixedNowMs: NOW_MS });
const KIND_NAMES = Object.fromEntries(Object.entries(LINE_KINDS).map(([k, v]) => [v, k]));

function scanEvents(fn: string, fromMs: number, toMs: number, reportOnly = false): { events: GenEvent[]; scan: FunctionLogScan } {
  const ctx = fnLogContext(model, fn)!;
  const window = { startMs: fromMs, endMs: toMs };
  const scan = new FunctionLogScan(model, ctx, window, reportOnly);
  const events: GenEvent[] = [];
  for (let h = Math.floor(fromMs / HOUR_MS) * HOUR_MS; h <= toMs; h += HOUR_MS) scan.hour(h, (evs) => events.push(...(evs as GenEvent[])));
  return { events, scan };
}

/** A generator record with the given outcome, for kinds the fleet rarely produces (timeouts). */
function record(over: Partial<InvocationRecord>): InvocationRecord {
  return { index: 3, minuteMs: NOW_MS - HOUR_MS, offsetMs: 1_234, executedVersion: "2", durationMs: 30_000, initDurationMs: 312.5, billedDurationMs: 30_313, memorySizeMb: 256, maxMemoryUsedMb: 91, status: "timeout", errorType: "Sandbox.Timedout", coldStart: true, sentToDlq: false, ...over } as InvocationRecord;
}

function expectConsistent(ev: LogEvent) {
  const message = typeof ev.message === "string" ? ev.message : ev.message();
  expect(plainFields(ev.fields!), message).toEqual(discoverFields(message, ev.logGroup));
  expect(ev.messageBytes, message).toBe(Buffer.byteLength(message, "utf8"));
}

describe("every line kind", () => {
  test("pre-discovered fields equal discoverFields(message); bytes equal the UTF-8 length", () => {
    const seen = new Map<string, number>();
    // Go, Node and Python in Text format, the JSON-format functions (one logging at DEBUG), the custom log group, the OOMs.
    const fns = ["checkout-api-prod", "search-suggest-prod", "payments-fraud-score-prod", "identity-auth-prod", "identity-session-prod", "payments-ledger-prod", "identity-token-rotator-prod", "reporting-export-prod"];
    for (const fn of fns) {
      const ctx = fnLogContext(model, fn)!;
      const hours = fn === "reporting-export-prod" ? 48 : 3;
      for (const ev of scanEvents(fn, NOW_MS - hours * HOUR_MS, NOW_MS - 1).events) {
        const key = `${ctx.runtime}/${ctx.json ? "JSON" : "Text"}/${KIND_NAMES[ev.kind]}${ctx.logGroup.startsWith("/aws/lambda/") ? "" : "/custom-group"}`;
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        if (n < 40 || n % (ev.kind === LINE_KINDS.DEBUG ? 50 : 500) === 0) expectConsistent(ev);
      }
    }
    const expected = [
      "go/Text/INIT", "go/Text/START", "go/Text/DEP", "go/Text/ERROR", "go/Text/END", "go/Text/REPORT",
      "node/Text/INIT", "node/Text/START", "node/Text/DEP", "node/Text/ERROR", "node/Text/END", "node/Text/REPORT",
      "python/Text/START", "python/Text/DEP", "python/Text/ERROR", "python/Text/OOM", "python/Text/END", "python/Text/REPORT",
      "go/JSON/START", "go/JSON/DEP", "go/JSON/ERROR", "go/JSON/REPORT", "go/JSON/DEBUG", "go/Text/REPORT/custom-group", "go/Text/DEP/custom-group",
    ];
    for (const key of expected) expect(seen.get(key) ?? 0, key).toBeGreaterThan(0);
  });

  test("timeouts and JSON cold starts, built from records the fleet rarely makes", () => {
    for (const fn of ["identity-token-rotator-prod", "checkout-api-prod", "reporting-export-prod", "identity-auth-prod", "identity-session-prod"]) {
      const ctx = fnLogContext(model, fn)!;
      const inv = new Inv(ctx, record({ durationMs: ctx.spec.timeoutS * 1000 }), 0);
      const scan = new FunctionLogScan(model, ctx, { startMs: 0, endMs: NOW_MS }, false);
      const events: GenEvent[] = [];
      (scan as unknown as { out: LogEvent[] }).out = events;
      (scan as unknown as { invocation(i: Inv): void }).invocation(inv);
      const kinds = events.map((e) => KIND_NAMES[e.kind]);
      // The calls before the primary one are logged; the primary hangs until Lambda stops the function.
      const calls = Array(ctx.profile.primary).fill("DEP");
      // A function logging at DEBUG dumps the request and the call's input before it; nothing after.
      const debug = Array(ctx.debug?.before ?? 0).fill("DEBUG");
      expect(kinds, fn).toEqual(["INIT", "START", ...debug, ...calls, ...(ctx.json ? [] : ["TIMEOUT", "END"]), "REPORT"]);
      events.forEach(expectConsistent);
    }
  });
});

describe("request ids", () => {
  test("the fast builder gives the model's ids; REPORT lines carry the generator's ids in order", () => {
    for (let i = 0; i < 20_000; i++) {
      const args = [42 + (i % 5), (i * 2_654_435_761) >>> 0, (29_000_000 + i) * 60_000, i % 997] as const;
      if (requestId(...args) !== requestIdOf(...args)) expect(requestId(...args)).toBe(requestIdOf(...args));
    }
    const minuteMs = NOW_MS - 30 * 60_000;
    const expected: string[] = [];
    invocationsOfMinute(model, "checkout-api-prod", minuteMs, (r) => expected.push(r.requestId));
    const reports = scanEvents("checkout-api-prod", minuteMs, minuteMs + 59_999).events.filter((e) => e.kind === LINE_KINDS.REPORT);
    expect(reports.map((e) => e.fields!["@requestId"])).toEqual(expected);
  });
});

describe("formats", () => {
  const ctx = fnLogContext(model, "identity-token-rotator-prod")!;
  const inv = new Inv(ctx, record({ durationMs: 30_000 }), 0);
  const id = inv.requestId;
  const render = (kind: number) => {
    const scan = new FunctionLogScan(model, ctx, { startMs: 0, endMs: NOW_MS }, false);
    const events: GenEvent[] = [];
    (scan as unknown as { out: LogEvent[] }).out = events;
    (scan as unknown as { invocation(i: Inv): void }).invocation(inv);
    return (events.find((e) => e.kind === kind)!.message as () => string)();
  };

  test("Text platform lines as Lambda writes them (AWS-FACTS §3)", () => {
    expect(render(LINE_KINDS.START)).toBe(`START RequestId: ${id} Version: 2\n`);
    expect(render(LINE_KINDS.END)).toBe(`END RequestId: ${id}\n`);
    expect(render(LINE_KINDS.REPORT)).toBe(
      `REPORT RequestId: ${id}\tDuration: 30000.00 ms\tBilled Duration: 30313 ms\tMemory Size: 256 MB\tMax Memory Used: 91 MB\tInit Duration: 312.50 ms\tStatus: timeout\n`,
    );
    expect(render(LINE_KINDS.INIT)).toMatch(/^INIT_START Runtime Version: nodejs:20\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}\n$/);
    expect(render(LINE_KINDS.TIMEOUT)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${id} Task timed out after 30\\.00 seconds\\n$`));
  });

  test("tracing Active adds the XRAY line to REPORT; @xrayTraceId is discovered", () => {
    const { events } = scanEvents("checkout-api-prod", NOW_MS - 10 * 60_000, NOW_MS - 9 * 60_000);
    const report = events.find((e) => e.kind === LINE_KINDS.REPORT)!;
    expect(report.message()).toMatch(/\t\nXRAY TraceId: 1-[0-9a-f]{8}-[0-9a-f]{24}\tSegmentId: [0-9a-f]{16}\tSampled: true\n$/);
    expect(report.fields!["@xrayTraceId"]).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  test("log streams: one per execution environment, named <yyyy/mm/dd>/[<version>]<32 hex>", () => {
    const { events } = scanEvents("identity-token-rotator-prod", NOW_MS - 6 * HOUR_MS, NOW_MS - 1);
    const inits = events.filter((e) => e.kind === LINE_KINDS.INIT);
    expect(inits.length).toBeGreaterThan(0);
    for (const ev of events) expect(ev.logStream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[(\$LATEST|\d+)\][0-9a-f]{32}$/);
    // A cold start opens a stream no earlier line used; its START is in the same stream.
    const firstUse = new Map<string, number>();
    for (const ev of [...events].sort((a, b) => a.timestampMs - b.timestampMs)) if (!firstUse.has(ev.logStream)) firstUse.set(ev.logStream, ev.kind);
    for (const init of inits) expect(firstUse.get(init.logStream)).toBe(LINE_KINDS.INIT);
  });
});

describe("the REPORT-only scan", () => {
  test("gives the same statistics as pushing every line (Text, JSON, custom group, Python)", () => {
    const query = 'filter @type = "REPORT" | stats count(*) as n, sum(ispresent(@initDuration)) as colds, pct(@duration, 99) as p99';
    for (const fn of ["checkout-api-prod", "identity-auth-prod", "identity-session-prod", "payments-ledger-prod", "reporting-export-prod", "search-suggest-prod"]) {
      // A window that does not start or end on a minute: lines are cut by their own timestamps.
      const window = { startMs: NOW_MS - 5 * HOUR_MS + 17_321, endMs: NOW_MS - 3 * HOUR_MS - 4_567 };
      const run = (reportOnly: boolean) => {
        const ex = startExecution(parseQuery(query), window);
        const scan = new FunctionLogScan(model, fnLogContext(model, fn)!, window, reportOnly);
        for (let h = Math.floor(window.startMs / HOUR_MS) * HOUR_MS; h <= window.endMs; h += HOUR_MS) scan.hour(h, (evs) => ex.push(evs));
        const s = ex.statistics();
        return { results: ex.results(), matched: s.recordsMatched, scanned: s.recordsScanned + scan.skippedRecords, bytes: s.bytesScanned + scan.skippedBytes };
      };
      expect(run(true), fn).toEqual(run(false));
    }
  });
});

describe("slow-downstream: search-query-prod's product table", () => {
  test("products durationMs rises from 6 h before the anchor; the other calls stay as they were", () => {
    const avgByTarget = (fromMs: number) => {
      const sums = new Map<string, { n: number; total: number }>();
      for (const ev of scanEvents("search-query-prod", fromMs, fromMs + HOUR_MS - 1).events) {
        if (ev.kind !== LINE_KINDS.DEP) continue;
        const f = ev.fields as { target: string; durationMs: number };
        const s = sums.get(f.target) ?? { n: 0, total: 0 };
        s.n++;
        s.total += f.durationMs;
        sums.set(f.target, s);
      }
      return Object.fromEntries([...sums].map(([t, s]) => [t, s.total / s.n]));
    };
    const before = avgByTarget(NOW_MS - 8 * HOUR_MS);
    const after = avgByTarget(NOW_MS - 5 * HOUR_MS);
    expect(after.products / before.products).toBeGreaterThan(1.5);
    for (const target of ["search-cache", "ranking-api.internal"]) expect(Math.abs(after[target] / before[target] - 1), target).toBeLessThan(0.1);
  });
});
