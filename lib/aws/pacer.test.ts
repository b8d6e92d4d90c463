import { expect, test } from "vitest";
import { Pacer, SharedCap } from "@/lib/aws/pacer";

test("calls asked for at once are sent 1000/perSecond ms apart, in order", async () => {
  let clockMs = 1_000;
  const waits: number[] = [];
  const pacer = new Pacer(25, 1, () => clockMs, async (ms) => void waits.push(ms));
  await Promise.all(Array.from({ length: 5 }, () => pacer.turn()));
  expect(waits, "the first goes at once, then one every 40 ms").toEqual([40, 80, 120, 160]);
});

test("a caller that comes after a quiet spell does not wait", async () => {
  let clockMs = 0;
  const waits: number[] = [];
  const pacer = new Pacer(50, 1, () => clockMs, async (ms) => void waits.push(ms));
  await pacer.turn();
  clockMs = 500;
  await pacer.turn();
  expect(waits).toEqual([]);
});

test("50 chunks at 25 per second: 25 go in the first second, the last at 1.96 s", async () => {
  const sendAtMs: number[] = [];
  const pacer = new Pacer(25, 1, () => 0, async (ms) => void sendAtMs.push(ms));
  await Promise.all(Array.from({ length: 50 }, () => pacer.turn()));
  const all = [0, ...sendAtMs];
  expect(all.filter((t) => t < 1_000).length).toBe(25);
  expect(all.at(-1)).toBe(1_960);
});

test("a burst of 25 goes at once, the rest at 25 a second: at most 49 in the first second, under the 50 TPS quota", async () => {
  const waits: number[] = [];
  const pacer = new Pacer(25, 25, () => 0, async (ms) => void waits.push(ms));
  await Promise.all(Array.from({ length: 50 }, () => pacer.turn()));
  const sendAtMs = [...Array(50 - waits.length).fill(0), ...waits];
  expect(sendAtMs.filter((t) => t === 0).length, "the burst").toBe(25);
  expect(sendAtMs.filter((t) => t < 1_000).length).toBe(49);
  expect(Math.max(...sendAtMs), "50 chunks of a 5,000-function fleet in a second").toBe(1_000);
});

test("the shared cap lets 50 calls into a clock second and sends the rest into the next ones", async () => {
  let clockMs = 10_250;
  const counts = new Map<string, number>();
  const count = async (key: string, windowMs: number, nowMs: number) => {
    const k = `${key}|${Math.floor(nowMs / windowMs)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    return counts.get(k)!;
  };
  const waits: number[] = [];
  const cap = new SharedCap(50, count, () => clockMs, async (ms) => {
    waits.push(ms);
    clockMs += ms;
  });
  const sentAt: number[] = [];
  for (let i = 0; i < 120; i++) await cap.turn("gmd").then(() => sentAt.push(clockMs));
  const perSecond = [10, 11, 12].map((s) => sentAt.filter((t) => Math.floor(t / 1000) === s).length);
  expect(perSecond).toEqual([50, 50, 20]);
  expect(waits, "each wait ends at the next second").toEqual([750, 1000]);
});
