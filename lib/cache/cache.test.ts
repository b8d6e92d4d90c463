import { describe, expect, test } from "vitest";
import { TtlCache } from "@/lib/cache/cache";

const deferred = <T,>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe("TtlCache", () => {
  test("50 concurrent identical requests make one upstream call and share its answer", async () => {
    const cache = new TtlCache();
    const upstream = deferred<number>();
    let calls = 0;
    const load = () => ((calls += 1), upstream.promise);
    const pending = Array.from({ length: 50 }, () => cache.get("k", 60_000, load));
    upstream.resolve(42);
    expect(await Promise.all(pending)).toEqual(Array(50).fill(42));
    expect(calls).toBe(1);
  });

  test("different keys are fetched separately", async () => {
    const cache = new TtlCache();
    let calls = 0;
    await Promise.all(["a", "b", "a"].map((k) => cache.get(k, 60_000, async () => ((calls += 1), k))));
    expect(calls).toBe(2);
  });

  test("an expired entry is fetched again", async () => {
    const cache = new TtlCache();
    let calls = 0;
    await cache.get("k", 0, async () => (calls += 1));
    await cache.get("k", 0, async () => (calls += 1));
    expect(calls).toBe(2);
  });

  test("a failure is shared by the waiting callers but not cached", async () => {
    const cache = new TtlCache();
    const upstream = deferred<number>();
    const a = cache.get("k", 60_000, () => upstream.promise);
    const b = cache.get("k", 60_000, () => upstream.promise);
    upstream.reject(Object.assign(new Error("slow down"), { name: "ThrottlingException" }));
    await expect(a).rejects.toThrow("slow down");
    await expect(b).rejects.toThrow("slow down");
    expect(await cache.get("k", 60_000, async () => 7)).toBe(7);
  });

  test("stays within its size bound", async () => {
    const cache = new TtlCache(100);
    for (let i = 0; i < 1_000; i++) await cache.get(`k${i}`, 60_000, async () => i);
    expect((cache as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(100);
  });
});
