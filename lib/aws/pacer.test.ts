import { expect, test } from "vitest";
import { Pacer, SharedCap } from "@/lib/aws/pacer";

/** Send times of `n` calls asked for at once at t = 0: those that waited, and the rest at 0. */
async function sendTimes(perSecond: number, n: number): Promise<number[]> {
  const waits: number[] = [];
  const pacer = new Pacer(perSecond, () => 0, async (ms) => void waits.push(ms));
  await Promise.all(Array.from({ length: n }, () => pacer.turn()));
  return [...Array(n - waits.length).fill(0), ...waits].sort((a, b) => a - b);
}

test("50 chunks of a 5,000-function fleet go at once under 50 TPS; the 51st waits until the first is a second old", async () => {
  const times = await sendTimes(50, 101);
  expect(times.filter((t) => t === 0).length).toBe(50);
  expect(times.slice(50, 100).every((t) => t === 1_000)).toBe(true);
  expect(times[100]).toBe(2_000);
});

test("no rolling second ever holds more than the quota, whatever the arrival times", async () => {
  let clockMs = 0;
  const sent: number[] = [];
  const pacer = new Pacer(5, () => clockMs, async (ms) => {
    clockMs += ms;
  });
  // Arrivals every 70 ms, with a quiet spell in the middle: the pacer must hold some back.
  for (let i = 0; i < 40; i++) {
    clockMs = Math.max(clockMs, i < 20 ? i * 70 : 4_000 + i * 70);
    await pacer.turn();
    sent.push(clockMs);
  }
  for (const t of sent) expect(sent.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(5);
  // Not slower than it must be: the 6th call of a run goes exactly a second after the 1st.
  expect(sent[5] - sent[0]).toBe(1_000);
});

test("a caller that comes after a quiet spell does not wait", async () => {
  let clockMs = 0;
  const waits: number[] = [];
  const pacer = new Pacer(2, () => clockMs, async (ms) => void waits.push(ms));
  await pacer.turn();
  await pacer.turn();
  clockMs = 1_000;
  await pacer.turn();
  expect(waits).toEqual([]);
});

test("the shared cap sends at most 50 in any rolling second, and a call over it waits until the oldest is a second old", async () => {
  let clockMs = 10_250;
  // The sliding-window log rollingSlotRedis keeps in Redis, here in memory on a fake clock.
  const log: number[] = [];
  const takeSlot = async (_key: string, limit: number, windowMs: number) => {
    while (log.length > 0 && log[0] <= clockMs - windowMs) log.shift();
    if (log.length < limit) return void log.push(clockMs), 0;
    return log[0] + windowMs - clockMs;
  };
  const waits: number[] = [];
  const cap = new SharedCap(50, takeSlot, async (ms) => {
    waits.push(ms);
    clockMs += ms;
  });
  const sentAt: number[] = [];
  for (let i = 0; i < 120; i++) {
    if (i === 30) clockMs += 400; // a pause mid-burst: a fixed clock-second window would let 50 more through at 11,000
    await cap.turn("gmd");
    sentAt.push(clockMs);
  }
  for (let i = 50; i < sentAt.length; i++) expect(sentAt[i] - sentAt[i - 50], `call ${i}`).toBeGreaterThanOrEqual(1_000);
  expect(sentAt.slice(48, 52), "the 51st goes when the 1st is a second old").toEqual([10_650, 10_650, 11_250, 11_250]);
  expect(waits.length).toBeGreaterThan(0);
});
