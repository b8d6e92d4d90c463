import { expect, test } from "vitest";
import { caseVariants, tagRows } from "@/lib/cost/by-tag";
import { monthSpan, tagValueOfKey, toCells } from "@/lib/cost/cost-explorer";

// A GetCostAndUsage answer shaped as AWS's (aws-cli examples/ce/get-cost-and-usage.rst): grouped by
// TAG then SERVICE, keys "service$checkout", untagged "service$", amounts as strings, Total {}.
const page = {
  ResultsByTime: [
    {
      TimePeriod: { Start: "2026-10-01", End: "2026-11-01" },
      Total: {},
      Groups: [
        { Keys: ["service$checkout", "AWS Lambda"], Metrics: { UnblendedCost: { Amount: "100.5", Unit: "USD" } } },
        { Keys: ["service$checkout", "AmazonCloudWatch"], Metrics: { UnblendedCost: { Amount: "20", Unit: "USD" } } },
        { Keys: ["service$", "AWS Lambda"], Metrics: { UnblendedCost: { Amount: "9.5", Unit: "USD" } } },
      ],
      Estimated: false,
    },
    {
      TimePeriod: { Start: "2026-11-01", End: "2026-12-01" },
      Total: {},
      Groups: [
        { Keys: ["service$checkout", "AWS Lambda"], Metrics: { UnblendedCost: { Amount: "150.75", Unit: "USD" } } },
        { Keys: ["service$Checkout", "AWS Lambda"], Metrics: { UnblendedCost: { Amount: "10", Unit: "USD" } } },
        { Keys: ["service$", "AWS Lambda"], Metrics: { UnblendedCost: { Amount: "9.5", Unit: "USD" } } },
      ],
      Estimated: true,
    },
  ],
};

test("tag group keys: value after the $, untagged is empty", () => {
  expect(tagValueOfKey("service$checkout")).toBe("checkout");
  expect(tagValueOfKey("service$")).toBe("");
  expect(tagValueOfKey("cost$center$a")).toBe("center$a");
});

test("months as Cost Explorer's span: end exclusive", () => {
  expect(monthSpan("2025-12", "2026-02")).toEqual({ Start: "2025-12-01", End: "2026-03-01", months: ["2025-12", "2026-01", "2026-02"] });
});

test("rows per tag value: months, total, share, month-over-month, services; the open month is estimated", () => {
  // Marked closed here, so the two months compare; the open-month case is below.
  const closed = { ResultsByTime: page.ResultsByTime.map((r) => ({ ...r, Estimated: false })) };
  expect(tagRows(toCells([closed]), ["2026-10", "2026-11"]).compared).toEqual(["2026-11", "2026-10"]);
  const { rows, totalUsd, estimatedMonths, compared } = tagRows(toCells([page]), ["2026-10", "2026-11"]);
  expect(compared).toBeNull(); // November is open: there is no complete month before October to compare with
  const closedRows = tagRows(toCells([closed]), ["2026-10", "2026-11"]).rows;
  expect(totalUsd).toBeCloseTo(300.25, 9);
  expect(rows.map((r) => r.tagValue)).toEqual(["checkout", "", "Checkout"]);
  const checkout = rows[0];
  expect(checkout.byMonth).toEqual([120.5, 150.75]);
  expect(closedRows[0].momPct).toBeCloseTo((100 * (150.75 - 120.5)) / 120.5, 9);
  expect(checkout.momPct).toBeNull();
  expect(checkout.byService).toEqual({ "AWS Lambda": 251.25, AmazonCloudWatch: 20 });
  expect(checkout.sharePct).toBeCloseTo((100 * 271.25) / 300.25, 9);
  expect(closedRows[2].momPct).toBeNull(); // nothing the month before
  expect(estimatedMonths).toEqual(["2026-11"]);
});

test("one team spelled two ways is found", () => {
  expect(caseVariants(["checkout", "", "Checkout", "payments"])).toEqual([["checkout", "Checkout"]]);
});
