import { afterEach, describe, expect, test, vi } from "vitest";
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

  describe("stale-while-revalidate", () => {
    afterEach(() => void vi.useRealTimers());
    const MIN = 60_000;

    test("past its TTL an answer is served at once while one reload runs; the reload's answer is served next", async () => {
      vi.useFakeTimers({ now: 0, toFake: ["Date"] });
      const cache = new TtlCache();
      let calls = 0;
      const reload = deferred<string>();
      const load = () => (++calls === 1 ? Promise.resolve("v1") : reload.promise);
      expect(await cache.get("k", 5 * MIN, load, 55 * MIN)).toBe("v1");
      vi.setSystemTime(6 * MIN);
      // 20 requests past the TTL: all answered with v1 without waiting, and one reload between them.
      expect(await Promise.all(Array.from({ length: 20 }, () => cache.get("k", 5 * MIN, load, 55 * MIN)))).toEqual(Array(20).fill("v1"));
      expect(calls).toBe(2);
      reload.resolve("v2");
      await reload.promise;
      await Promise.resolve();
      expect(await cache.get("k", 5 * MIN, load, 55 * MIN)).toBe("v2");
      expect(calls, "v2 is fresh for another 5 minutes").toBe(2);
    });

    test("a failed reload keeps the stale answer, and the next request tries again", async () => {
      vi.useFakeTimers({ now: 0, toFake: ["Date"] });
      const cache = new TtlCache();
      let calls = 0;
      const load = async () => {
        calls += 1;
        if (calls === 2) throw Object.assign(new Error("slow down"), { name: "ThrottlingException" });
        return `v${calls}`;
      };
      await cache.get("k", 5 * MIN, load, 55 * MIN);
      vi.setSystemTime(6 * MIN);
      expect(await cache.get("k", 5 * MIN, load, 55 * MIN)).toBe("v1");
      await new Promise((r) => setTimeout(r, 0)); // the reload fails
      expect(await cache.get("k", 5 * MIN, load, 55 * MIN), "still v1 while the second reload runs").toBe("v1");
      await new Promise((r) => setTimeout(r, 0));
      expect(await cache.get("k", 5 * MIN, load, 55 * MIN)).toBe("v3");
      expect(calls).toBe(3);
    });

    test("past TTL + stale window the answer is waited for, as without one", async () => {
      vi.useFakeTimers({ now: 0, toFake: ["Date"] });
      const cache = new TtlCache();
      let calls = 0;
      const load = async () => `v${++calls}`;
      await cache.get("k", 5 * MIN, load, 55 * MIN);
      vi.setSystemTime(61 * MIN);
      expect(await cache.get("k", 5 * MIN, load, 55 * MIN), "an hour-old answer is not served: this request waits for v2").toBe("v2");
      expect(calls).toBe(2);
    });
  });
});
