import { describe, expect, it } from "vitest";
import { ceilToPeriod, floorToPeriod, parsePeriod } from "./period";
import { event, run } from "./test-support";

const ONE = [event("12:34:56.789", JSON.stringify({ s: "  padded  ", t: "xyZfooxyZ", n: -2.5, big: 7, empty: "", blank: "   " }))];
const value = (expr: string) => run(`fields ${expr} as v`, ONE).rows[0].v;

describe("numeric functions and arithmetic (AWS examples: 2 ^ 3 = 8, 10 % 3 = 1)", () => {
  it.each([
    ["2 ^ 3", "8.0"],
    ["10 % 3", "1"],
    ["7 / 2", "3.5"],
    ["big * 3 - 1", "20"],
    ["-n", "2.5"],
    ["abs(n)", "2.5"],
    ["ceil(3.14)", "4"],
    ["floor(n)", "-3"],
    ["greatest(1, big, 3)", "7"],
    ["least(n, 1, big)", "-2.5"],
    ["sqrt(16)", "4.0"],
    ["log(1)", "0.0"],
  ])("%s → %s", (expr, expected) => expect(value(expr)).toBe(expected));

  it("arithmetic with a missing field or a division by zero gives no value", () => {
    expect(value("missing + 1")).toBeUndefined();
    expect(value("big / 0")).toBeUndefined();
  });
});

describe("general and string functions (AWS examples in the comments)", () => {
  it.each([
    ["ispresent(t)", "true"],
    ["ispresent(missing)", "false"],
    ["coalesce(missing, t)", "xyZfooxyZ"],
    ["isempty(empty)", "true"],
    ["isempty(blank)", "false"],
    ["isblank(blank)", "true"],
    ["isblank(missing)", "true"],
    ['concat(t, "-", big)', "xyZfooxyZ-7"],
    ["ltrim(s)", "padded  "],
    ["rtrim(s)", "  padded"],
    ["trim(s)", "padded"],
    ['ltrim("xyZfooxyZ", "xyZ")', "fooxyZ"], // AWS: ltrim("xyZfooxyZ","xyZ") returns "fooxyZ"
    ['rtrim("xyZfooxyZ", "xyZ")', "xyZfoo"],
    ['trim("xyZfooxyZ", "xyZ")', "foo"],
    ['strlen("héllo🙂")', "6"], // Unicode code points
    ["toupper(t)", "XYZFOOXYZ"],
    ["tolower(t)", "xyzfooxyz"],
    ['substr("xyZfooxyZ", 3, 3)', "foo"], // AWS: returns "foo"
    ["substr(t, 6)", "xyZ"],
    ['replace("foo", "o", "0")', "f00"], // AWS: returns "f00"
    ['strcontains(t, "foo")', "1"],
    ['strcontains(t, "bar")', "0"],
  ])("%s → %s", (expr, expected) => expect(value(expr)).toBe(expected));
});

describe("datetime functions", () => {
  it.each([
    ["bin(1h)", "2026-11-20 12:00:00.000"],
    ["bin(5m)", "2026-11-20 12:30:00.000"],
    ["bin(30s)", "2026-11-20 12:34:30.000"],
    ["bin(100ms)", "2026-11-20 12:34:56.700"],
    ["bin(1d)", "2026-11-20 00:00:00.000"],
    ["bin(1w)", "2026-11-16 00:00:00.000"], // weeks start Monday (our choice; AWS does not say)
    ["bin(1mo)", "2026-11-01 00:00:00.000"],
    ["bin(1q)", "2026-10-01 00:00:00.000"],
    ["bin(1y)", "2026-01-01 00:00:00.000"],
    ["bin(2hrs)", "2026-11-20 12:00:00.000"],
    ["datefloor(@timestamp, 1h)", "2026-11-20 12:00:00.000"],
    ["dateceil(@timestamp, 1h)", "2026-11-20 13:00:00.000"],
    ["dateceil(@timestamp, 1mo)", "2026-12-01 00:00:00.000"],
    ["toMillis(@timestamp)", String(Date.UTC(2026, 10, 20, 12, 34, 56, 789))],
    [`fromMillis(${Date.UTC(2026, 0, 2, 3, 4, 5, 6)})`, "2026-01-02 03:04:05.006"],
    ["@ingestionTime", "2026-11-20 12:34:57.039"],
  ])("%s → %s", (expr, expected) => expect(value(expr)).toBe(expected));

  it("periods: units, plurals, aligned boundaries", () => {
    expect(parsePeriod("15mins")).toEqual({ count: 15, unit: "m", text: "15mins" });
    expect(parsePeriod("3hrs")?.unit).toBe("h");
    expect(parsePeriod("2x")).toBeUndefined();
    const aligned = Date.UTC(2026, 10, 20, 12);
    expect(ceilToPeriod(aligned, parsePeriod("1h")!)).toBe(aligned);
    expect(floorToPeriod(Date.UTC(2026, 11, 31, 23), parsePeriod("1q")!)).toBe(Date.UTC(2026, 9, 1));
  });
});

describe("system fields", () => {
  it("@log is account-id:log-group-name, @logStream the stream", () => {
    const r = run("fields @log, @logStream", ONE);
    expect(r.rows[0]).toEqual({ "@log": "123456789012:/aws/lambda/checkout", "@logStream": "2026/11/20/[$LATEST]0123456789abcdef" });
  });
});
