import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { DiskCache } from "@/lib/cache/disk-cache";

const H6 = 6 * 3_600_000;

test("a stored answer is reused within its TTL, across instances (a restart), and reloaded after", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "disk-cache-"));
  let loads = 0;
  const load = async () => ({ n: ++loads });
  const t0 = Date.UTC(2026, 10, 23, 9);
  expect((await new DiskCache(dir).get("ce|q1", H6, load, t0)).value).toEqual({ n: 1 });
  const again = await new DiskCache(dir).get("ce|q1", H6, load, t0 + H6 - 1); // a new process
  expect(again).toEqual({ value: { n: 1 }, storedAtMs: t0, fromCache: true });
  expect((await new DiskCache(dir).get("ce|q1", H6, load, t0 + H6)).value).toEqual({ n: 2 });
  expect((await new DiskCache(dir).get("ce|q2", H6, load, t0)).value).toEqual({ n: 3 }); // another query
});

test("concurrent identical requests share one load; a failed load is not stored", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "disk-cache-"));
  const cache = new DiskCache(dir);
  let loads = 0;
  const slow = () => new Promise<number>((r) => setTimeout(() => r(++loads), 20));
  const [a, b] = await Promise.all([cache.get("k", H6, slow), cache.get("k", H6, slow)]);
  expect([a.value, b.value, loads]).toEqual([1, 1, 1]);
  await expect(cache.get("bad", H6, () => Promise.reject(new Error("AccessDenied")))).rejects.toThrow("AccessDenied");
  expect((await cache.get("bad", H6, async () => 7)).value).toBe(7);
});
