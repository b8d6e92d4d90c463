import { expect, test } from "vitest";
import { mapLimit } from "@/lib/aws/map-limit";

test("keeps the order of the items, with at most `limit` calls in flight", async () => {
  let inFlight = 0;
  let peak = 0;
  const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (ms) => {
    peak = Math.max(peak, ++inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight -= 1;
    return ms * 10;
  });
  expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
  expect(peak).toBe(3);
});

test("no items: no calls", async () => {
  expect(await mapLimit([], 4, async () => 1)).toEqual([]);
});

test("a failing call fails the whole map", async () => {
  await expect(mapLimit([1, 2], 2, async (n) => (n === 2 ? Promise.reject(new Error("denied")) : n))).rejects.toThrow("denied");
});
