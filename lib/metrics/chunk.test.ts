import { describe, expect, test } from "vitest";
import { chunk, MAX_QUERIES_PER_GET_METRIC_DATA } from "@/lib/metrics/chunk";

const sizes = (n: number) => chunk(Array.from({ length: n }, (_, i) => i), MAX_QUERIES_PER_GET_METRIC_DATA).map((c) => c.length);

describe("chunk at the GetMetricData limit", () => {
  test("0 queries make no call", () => expect(sizes(0)).toEqual([]));
  test("500 queries fit one call", () => expect(sizes(500)).toEqual([500]));
  test("501 queries need two", () => expect(sizes(501)).toEqual([500, 1]));
  test("1,001 queries need three", () => expect(sizes(1_001)).toEqual([500, 500, 1]));
  test("keeps order and leaves the input alone", () => {
    const input = [1, 2, 3, 4, 5];
    expect(chunk(input, 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(input).toEqual([1, 2, 3, 4, 5]);
  });
  test("rejects a size that would loop forever", () => expect(() => chunk([1], 0)).toThrow(RangeError));
});
