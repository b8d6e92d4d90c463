import { expect, test } from "vitest";
import { numberOf, timestampOf, toRows } from "@/lib/insights/parse-results";

test("values as Logs Insights returns them: Java doubles, scientific notation, missing fields", () => {
  // A real GetQueryResults row (AWS-FACTS §1): a 128 MB function that used 67 MB.
  const [row] = toRows([[
    { field: "@duration", value: "14.97" }, { field: "@billedDuration", value: "15.0" },
    { field: "@maxMemoryUsed", value: "6.7E7" }, { field: "@memorySize", value: "1.28E8" }, { field: "@ptr", value: "CmAKJgoi…" },
  ]]);
  expect(numberOf(row["@duration"])).toBe(14.97);
  expect(numberOf(row["@billedDuration"])).toBe(15);
  expect(numberOf(row["@maxMemoryUsed"])! / numberOf(row["@memorySize"])!).toBeCloseTo(67 / 128, 12);
  expect(numberOf(row["@initDuration"]), "absent is undefined, not 0").toBeUndefined();
  expect(numberOf("")).toBeUndefined();
  expect(numberOf("card_declined")).toBeUndefined();
});

test("Logs Insights timestamps are UTC", () => {
  expect(timestampOf("2026-11-20 12:00:00.000")).toBe(Date.UTC(2026, 10, 20, 12));
  expect(timestampOf("not a time")).toBeUndefined();
});
