import { expect, test } from "vitest";
import { columnsOf, toCsv } from "@/lib/csv";

test("CSV quotes what needs quoting and leaves the rest alone", () => {
  const csv = toCsv(["msg", "count", "at"], [
    { msg: 'conditional check failed, item "42"', count: "7", at: "2026-11-20 12:00:00.000" },
    { msg: "line1\nline2", count: 3, at: null },
  ]);
  expect(csv).toBe('msg,count,at\r\n"conditional check failed, item ""42""",7,2026-11-20 12:00:00.000\r\n"line1\nline2",3,\r\n');
});

test("formula-looking text is defused, negative numbers are not", () => {
  expect(toCsv(["a"], [{ a: "=HYPERLINK(\"x\")" }, { a: "-12.5" }, { a: "@sum" }])).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n-12.5\r\n\'@sum\r\n');
});

test("columns in order of first appearance, @ptr skipped", () => {
  expect(columnsOf([{ "@timestamp": "t", "@ptr": "p" }, { msg: "m", "@timestamp": "t" }])).toEqual(["@timestamp", "msg"]);
});
