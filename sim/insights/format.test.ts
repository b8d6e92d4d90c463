import { describe, expect, it } from "vitest";
import { formatJavaDouble, formatTimestamp } from "./format";
import { formatValue } from "./format";

describe("formatJavaDouble (Java Double.toString, as GetQueryResults prints numbers)", () => {
  // Real values from a captured GetQueryResults answer (AWS-FACTS §1, Embr retrievedData.js).
  it.each([
    [15, "15.0"], // @billedDuration of "Billed Duration: 15 ms"
    [14.97, "14.97"], // @duration
    [6.7e7, "6.7E7"], // @maxMemoryUsed of "Max Memory Used: 67 MB" (×1,000,000)
    [1.28e8, "1.28E8"], // @memorySize of "Memory Size: 128 MB"
    [145.69, "145.69"], // @initDuration
    [6.8e7, "6.8E7"],
  ])("%d → %s (captured)", (x, text) => expect(formatJavaDouble(x)).toBe(text));

  it.each([
    [0, "0.0"],
    [-0, "-0.0"],
    [0.001, "0.001"], // 10^-3 is still plain
    [0.0001, "1.0E-4"],
    [9999999, "9999999.0"], // just below 10^7
    [1e7, "1.0E7"],
    [123456789, "1.23456789E8"],
    [-2.5e-5, "-2.5E-5"],
    [1024e6, "1.024E9"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
  ])("%d → %s (Java's rules at the edges)", (x, text) => expect(formatJavaDouble(x)).toBe(text));
});

describe("formatTimestamp", () => {
  it("prints UTC as yyyy-MM-dd HH:mm:ss.SSS (aws-cli get-query-results example: '2024-05-19 06:10:35.743')", () => {
    expect(formatTimestamp(Date.UTC(2024, 4, 19, 6, 10, 35, 743))).toBe("2024-05-19 06:10:35.743");
    expect(formatTimestamp(Date.UTC(2026, 10, 20, 12))).toBe("2026-11-20 12:00:00.000");
  });
});

describe("formatValue by static kind", () => {
  it("counts are integers, doubles Java-style, loose numbers integer when whole", () => {
    expect(formatValue(42, "long")).toBe("42");
    expect(formatValue(25, "double")).toBe("25.0");
    expect(formatValue(200, "any")).toBe("200");
    expect(formatValue(12.5, "num")).toBe("12.5");
    expect(formatValue(3e20, "any")).toBe("3.0E20");
    expect(formatValue("REPORT", "string")).toBe("REPORT");
    expect(formatValue(true, "bool")).toBe("true");
    expect(formatValue(Date.UTC(2026, 10, 20, 13), "timestamp")).toBe("2026-11-20 13:00:00.000");
  });
});
