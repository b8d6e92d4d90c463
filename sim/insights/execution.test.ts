import { describe, expect, it } from "vitest";
import { decodePtr, discoverFields, type LogEvent, MAX_RESULT_ROWS, needsMessage, parseQuery, startExecution } from "./index";
import { ACCOUNT, column, event, GROUP, report, run, T0 } from "./test-support";

describe("statistics", () => {
  it("scanned = events in the time range (inclusive ends), bytes = their UTF-8 message bytes, matched = passed the filters", () => {
    const events = [
      event(-1, "before the range"),
      event(0, "é at the start"), // é is 2 bytes: 15 bytes
      event(1000, "ERROR boom"), // 10 bytes
      event(2000, "at the end"), // 10 bytes
      event(2001, "after the range"),
    ];
    const r = run("filter @message like /ERROR|end/", events, { startMs: T0, endMs: T0 + 2000 });
    expect(r.stats).toEqual({ recordsScanned: 3, bytesScanned: 35, recordsMatched: 2 });
  });

  it("grow as chunks are pushed, and results can be read in between (GetQueryResults while Running)", () => {
    const execution = startExecution(parseQuery("stats count(*) as n"), { startMs: T0, endMs: T0 + 60_000 });
    execution.push([event(0, "a"), event(1, "b")]);
    expect(execution.statistics().recordsScanned).toBe(2);
    expect(execution.results()).toEqual([[{ field: "n", value: "2" }]]);
    execution.push([event(2, "c")]);
    expect(execution.statistics()).toEqual({ recordsScanned: 3, recordsMatched: 3, bytesScanned: 3 });
    expect(execution.results()).toEqual([[{ field: "n", value: "3" }]]);
  });
});

describe("chunks in any order give the same answer", () => {
  const events = Array.from({ length: 500 }, (_, i) => event(i * 7_919 % 3_600_000, report(`r${i}`, (i * 37) % 1000, 1 + ((i * 37) % 1000), 40 + (i % 80))));
  const shuffled = [...events].sort((a, b) => ((a.timestampMs * 31) % 97) - ((b.timestampMs * 31) % 97));

  it.each([
    'filter @type = "REPORT" | stats count(*), pct(@duration, 95), avg(@maxMemoryUsed) by bin(10m)',
    "fields @requestId, @duration | sort @duration desc | limit 25",
    "fields @requestId | sort @timestamp desc | limit 10",
  ])("%s", (query) => {
    const inOrder = startExecution(parseQuery(query), { startMs: T0, endMs: T0 + 3_600_000 });
    inOrder.push(events);
    const chunked = startExecution(parseQuery(query), { startMs: T0, endMs: T0 + 3_600_000 });
    for (let i = 0; i < shuffled.length; i += 37) chunked.push(shuffled.slice(i, i + 37));
    const strip = (rows: { field: string; value: string }[][]) => rows.map((row) => row.filter((c) => c.field !== "@ptr"));
    expect(strip(chunked.results())).toEqual(strip(inOrder.results()));
  });

  it("the top-N buffer keeps exactly the rows a full sort would", () => {
    const many = Array.from({ length: 30_000 }, (_, i) => event(i, JSON.stringify({ n: (i * 7_919) % 30_011 })));
    const top = column(run("fields n | sort n desc | limit 5", many), "n");
    const all = many.map((e) => JSON.parse(e.message as string).n as number).sort((a, b) => b - a).slice(0, 5).map(String);
    expect(top).toEqual(all);
  });
});

describe("result size", () => {
  it(`at most ${MAX_RESULT_ROWS} rows, even with a larger limit`, () => {
    const many = Array.from({ length: 10_050 }, (_, i) => event(i, "x"));
    expect(run("fields @timestamp", many).rows).toHaveLength(MAX_RESULT_ROWS);
    expect(run("fields @timestamp | limit 20000", many).rows).toHaveLength(MAX_RESULT_ROWS);
    expect(run("fields @timestamp", many, { limit: 50 }).rows).toHaveLength(50);
  });
});

describe("lazy messages", () => {
  it("needsMessage is false for field-only queries and true when @message is read or shown", () => {
    expect(needsMessage(parseQuery('filter @type = "REPORT" | stats count(*), pct(@duration, 99) by bin(1h)'))).toBe(false);
    expect(needsMessage(parseQuery("fields @requestId, @duration | sort @duration desc"))).toBe(false);
    expect(needsMessage(parseQuery('filter @type = "REPORT"'))).toBe(true); // default columns show @message
    expect(needsMessage(parseQuery("filter @message like /x/ | stats count(*)"))).toBe(true);
    expect(needsMessage(parseQuery('parse "a=*" as a | stats count(*) by a'))).toBe(true); // parse reads @message by default
  });

  it("with pre-discovered fields and messageBytes, a query that does not need @message never builds it", () => {
    let built = 0;
    const line = report("r1", 12.5, 13, 64);
    const lazy: LogEvent = {
      ...event(0, ""),
      message: () => (built++, line),
      fields: discoverFields(line, GROUP),
      messageBytes: Buffer.byteLength(line),
    };
    const r = run('filter @type = "REPORT" | stats count(*) as n, max(@duration) as hi', [lazy]);
    expect(r.rows).toEqual([{ n: "1", hi: "12.5" }]);
    expect(r.stats.bytesScanned).toBe(Buffer.byteLength(line));
    expect(built).toBe(0);
    expect(run("filter @message like /REPORT/ | stats count(*) as n", [lazy]).rows).toEqual([{ n: "1" }]);
    expect(built).toBe(1);
  });

  it("without pre-discovered fields the message is built once and discovered", () => {
    let built = 0;
    const lazy: LogEvent = { ...event(0, ""), message: () => (built++, report("r1", 5, 5, 64)) };
    expect(run("fields @duration, @message", [lazy]).rows[0]["@duration"]).toBe("5.0");
    expect(built).toBe(1);
  });
});

describe("@ptr", () => {
  it("is opaque text that decodes back to the event's coordinates", () => {
    const r = run("fields @timestamp", [event(5, "x", { eventId: "fn/12/0007" })]);
    const ptr = r.raw[0].find((c) => c.field === "@ptr")!.value;
    expect(decodePtr(ptr)).toEqual({
      accountId: ACCOUNT, logGroup: GROUP, logStream: "2026/11/20/[$LATEST]0123456789abcdef",
      timestampMs: T0 + 5, ingestionTimeMs: T0 + 255, eventId: "fn/12/0007",
    });
  });
});
