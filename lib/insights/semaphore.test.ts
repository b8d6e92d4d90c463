import { expect, test } from "vitest";
import { Semaphore } from "@/lib/insights/semaphore";

test("never more holders than capacity; waiters get the slot in order", async () => {
  const s = new Semaphore(2);
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    [0, 1, 2, 3, 4].map(async (i) => {
      const release = await s.acquire();
      active += 1;
      peak = Math.max(peak, active);
      order.push(i);
      await new Promise((r) => setTimeout(r, 5));
      active -= 1;
      release();
    }),
  );
  expect(peak).toBe(2);
  expect(order).toEqual([0, 1, 2, 3, 4]);
  expect(s.inUse).toBe(0);
});

test("an aborted waiter leaves the queue and does not take a slot", async () => {
  const s = new Semaphore(1);
  const release = await s.acquire();
  const abort = new AbortController();
  const waiting = s.acquire(abort.signal);
  abort.abort(new Error("gone"));
  await expect(waiting).rejects.toThrow("gone");
  release();
  expect(s.inUse).toBe(0);
  const again = await s.acquire();
  expect(s.inUse).toBe(1);
  again();
  again(); // releasing twice is harmless
  expect(s.inUse).toBe(0);
});
