import { describe, expect, it } from "vitest";
import { column, event, report, run } from "./test-support";

const app = (at: string, level: string, msg: string, extra: Record<string, unknown> = {}) =>
  event(at, JSON.stringify({ time: `2026-11-20T${at}Z`, level, msg, ...extra }));

const LOGS = [
  app("12:00:01", "INFO", "order placed", { orderId: "o-1", amountUsd: 25, region: "eu" }),
  app("12:00:02", "WARN", "slow dynamodb", { orderId: "o-2", amountUsd: 7.5, region: "us" }),
  app("12:00:03", "ERROR", "charge failed", { orderId: "o-3", amountUsd: 120, region: "eu" }),
  app("12:00:04", "INFO", "order placed", { orderId: "o-4", amountUsd: 9, region: "us" }),
  event("12:00:05", "plain text line: user=ann, method:GET, latency := 12"),
];

describe("fields and display", () => {
  it("without fields/display a row is @timestamp, @message (and @ptr), newest first", () => {
    const r = run('filter level = "ERROR"', LOGS);
    expect(r.raw[0].map((c) => c.field)).toEqual(["@timestamp", "@message", "@ptr"]);
    expect(r.rows[0]["@timestamp"]).toBe("2026-11-20 12:00:03.000");
    expect(column(run("filter ispresent(level)", LOGS), "@timestamp")).toEqual([
      "2026-11-20 12:00:04.000", "2026-11-20 12:00:03.000", "2026-11-20 12:00:02.000", "2026-11-20 12:00:01.000",
    ]);
  });

  it("fields selects, computes with aliases (later items see earlier ones), leaves missing fields out", () => {
    const r = run("fields orderId, amountUsd * 2 as doubled, doubled + 1 as plusOne | limit 2", LOGS);
    expect(r.rows).toEqual([{}, { orderId: "o-4", doubled: "18", plusOne: "19" }]);
  });

  it("several fields commands add up; the last display wins", () => {
    expect(run('fields orderId | fields level | filter level = "WARN"', LOGS).rows).toEqual([{ orderId: "o-2", level: "WARN" }]);
    expect(run('fields orderId, level | display level | display orderId | filter level = "WARN"', LOGS).rows).toEqual([{ orderId: "o-2" }]);
  });

  it("display can compute: loggingType = \"ERROR\" as isError", () => {
    expect(run('filter ispresent(level) | display level, level = "ERROR" as isError | limit 2', LOGS).rows).toEqual([
      { level: "INFO", isError: "false" },
      { level: "ERROR", isError: "true" },
    ]);
  });
});

describe("filter", () => {
  const ids = (q: string) => column(run(`${q} | fields orderId | sort orderId asc`, LOGS), "orderId");

  it("comparisons on numbers and strings", () => {
    expect(ids("filter amountUsd > 9")).toEqual(["o-1", "o-3"]);
    expect(ids("filter amountUsd >= 9")).toEqual(["o-1", "o-3", "o-4"]);
    expect(ids("filter amountUsd < 9")).toEqual(["o-2"]);
    expect(ids("filter amountUsd <= 7.5")).toEqual(["o-2"]);
    expect(ids("filter amountUsd = 25")).toEqual(["o-1"]);
    expect(ids('filter amountUsd = "25"')).toEqual(["o-1"]);
    expect(ids('filter region != "eu"')).toEqual(["o-2", "o-4"]);
  });

  it("and, or, not, parentheses; a missing field never compares true", () => {
    expect(ids('filter (region = "eu" and amountUsd > 50) or level = "WARN"')).toEqual(["o-2", "o-3"]);
    expect(ids('filter ispresent(region) and not region = "eu"')).toEqual(["o-2", "o-4"]);
    expect(run('filter not region = "eu"', LOGS).rows).toHaveLength(3); // not (false) holds for the line without region
    expect(run("filter amountUsd != 25", LOGS).rows).toHaveLength(3); // the plain line has no amountUsd
  });

  it("like / =~ with substrings and regexes, case-sensitive unless (?i); not like", () => {
    expect(ids('filter msg like "placed"')).toEqual(["o-1", "o-4"]);
    expect(ids("filter msg =~ /^slow/")).toEqual(["o-2"]);
    expect(ids("filter msg like /CHARGE/")).toEqual([]);
    expect(ids("filter msg like /(?i)CHARGE/")).toEqual(["o-3"]);
    expect(ids('filter ispresent(msg) and msg not like "order"')).toEqual(["o-2", "o-3"]);
  });

  it("in and not in lists", () => {
    expect(ids('filter level in ["WARN", "ERROR"]')).toEqual(["o-2", "o-3"]);
    expect(ids('filter ispresent(level) and level not in ["INFO"]')).toEqual(["o-2", "o-3"]);
    expect(ids("filter amountUsd in [9, 25]")).toEqual(["o-1", "o-4"]);
  });
});

describe("sort, limit, dedup", () => {
  it("sort by several keys", () => {
    const r = run("filter ispresent(region) | fields region, amountUsd | sort region desc, amountUsd asc", LOGS);
    expect(r.rows).toEqual([
      { region: "us", amountUsd: "7.5" },
      { region: "us", amountUsd: "9" },
      { region: "eu", amountUsd: "25" },
      { region: "eu", amountUsd: "120" },
    ]);
  });

  it("sorts in AWS's natural order (the CWL_QuerySyntax-Sort example, ascending)", () => {
    const values = ["3", "a12345hfh", "0#", "@_", "111A", "A9876fghj", "2", "!:", "*%04", "5A", "01", "#", "2345_", "@", "A", "1", "0"];
    const events = values.map((v, i) => event(i * 1000, JSON.stringify({ v })));
    expect(column(run("fields v | sort v asc", events), "v")).toEqual([
      "!:", "#", "*%04", "0#", "5A", "111A", "2345_", "@", "@_", "A", "A9876fghj", "a12345hfh", "0", "01", "1", "2", "3",
    ]);
  });

  it("limit n keeps the first n in sort order; the API limit applies without a limit command", () => {
    expect(column(run("fields orderId | sort amountUsd desc | limit 2", LOGS), "orderId")).toEqual(["o-3", "o-1"]);
    expect(run("fields orderId", LOGS, { limit: 3 }).rows).toHaveLength(3);
    expect(run("fields orderId | limit 4", LOGS, { limit: 1 }).rows).toHaveLength(4);
  });

  it("dedup keeps the first row per value in sort order; rows without the field are kept", () => {
    const r = run("fields region, orderId | sort @timestamp desc | dedup region", LOGS);
    expect(r.rows).toEqual([{}, { region: "us", orderId: "o-4" }, { region: "eu", orderId: "o-3" }]);
  });
});

describe("parse", () => {
  it("glob: each * a field, the trailing * takes the rest; non-matching events stay, without the fields", () => {
    const r = run('parse @message "user=*, method:*, latency := *" as @user, @method, @latency | display @user, @method, @latency, level', LOGS);
    expect(r.rows[0]).toEqual({ "@user": "ann", "@method": "GET", "@latency": "12" });
    expect(r.rows[1]).toEqual({ level: "INFO" });
  });

  it("regex with named groups; parsed text works in arithmetic and stats", () => {
    const r = run("parse @message /latency := (?<ms>\\d+)/ | filter ispresent(ms) | fields ms * 2 as twice", LOGS);
    expect(r.rows).toEqual([{ twice: "24" }]);
  });

  it("parses REPORT lines by regex, as people do for Restore Duration", () => {
    const events = [event(0, report("r1", 100, 100, 64, "Restore Duration: 511.25 ms\tBilled Restore Duration: 303 ms\t"))];
    const r = run('filter @type = "REPORT" | parse @message /Restore Duration: (?<restoreMs>.*?) ms/ | fields @duration + restoreMs as coldMs', events);
    expect(r.rows).toEqual([{ coldMs: "611.25" }]);
  });

  it("chained parse on an extracted field", () => {
    const events = [event(0, "GET url=/api/v2/users/42 200")];
    const r = run('parse @message "url=* " as url | parse url "/api/*/users/*" as apiVersion, userId | display apiVersion, userId', events);
    expect(r.rows).toEqual([{ apiVersion: "v2", userId: "42" }]);
  });
});
