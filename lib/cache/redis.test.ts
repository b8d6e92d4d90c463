import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RedisCache, RedisSemaphore, countInWindowRedis, rollingSlotRedis } from "@/lib/cache/redis";
import { Pacer, SharedCap } from "@/lib/aws/pacer";
import { startRedis, type RunningRedis } from "@/test/redis-server";

// Two connections stand for two replicas: they share nothing but the Redis server.
let server: RunningRedis;
let a: Redis;
let b: Redis;
beforeAll(async () => {
  server = await startRedis();
  a = new Redis(server.url);
  b = new Redis(server.url);
});
afterAll(async () => {
  a.disconnect();
  b.disconnect();
  server.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("RedisCache across replicas", () => {
  test("50 concurrent identical requests on two replicas make one upstream call and share its answer", async () => {
    const [one, two] = [new RedisCache(a), new RedisCache(b)];
    let calls = 0;
    const load = async () => ((calls += 1), await sleep(100), { value: [1, 2, 3], cost: { usd: 0.01 } });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).get("same-query", 60_000, load)));
    expect(calls).toBe(1);
    expect(answers.every((x) => JSON.stringify(x) === JSON.stringify({ value: [1, 2, 3], cost: { usd: 0.01 } }))).toBe(true);
    // and later requests are served from Redis
    await new RedisCache(b).get("same-query", 60_000, load);
    expect(calls).toBe(1);
  });

  test("a failure is shared briefly with the replicas waiting for it, as the AWS error it was, then retried", async () => {
    const [one, two] = [new RedisCache(a), new RedisCache(b)];
    let calls = 0;
    const throttled = async () => {
      calls += 1;
      await sleep(100);
      throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
    };
    const results = await Promise.allSettled([one.get("failing", 60_000, throttled), two.get("failing", 60_000, throttled), two.get("failing", 60_000, throttled)]);
    expect(calls).toBe(1);
    for (const r of results) expect(r).toMatchObject({ status: "rejected", reason: { name: "ThrottlingException", message: "Rate exceeded", $metadata: { httpStatusCode: 400 } } });
    await sleep(2_100); // the failure is kept 2 s, not the TTL
    await expect(one.get("failing", 60_000, async () => "recovered")).resolves.toBe("recovered");
  });

  test("Maps and Sets in cached values come back as Maps and Sets", async () => {
    const value = { tags: new Map([["arn:1", { team: "a" }]]), names: new Set(["f1", "f2"]), n: 1 };
    await new RedisCache(a).get("with-map", 60_000, async () => value);
    const back = await new RedisCache(b).get("with-map", 60_000, async () => ({ tags: new Map(), names: new Set(), n: 0 }));
    expect(back.tags.get("arn:1")).toEqual({ team: "a" });
    expect([...back.names]).toEqual(["f1", "f2"]);
    expect(back.n).toBe(1);
  });

  test("entries expire after their TTL; clear() forgets them", async () => {
    const cache = new RedisCache(a);
    let calls = 0;
    const load = async () => (calls += 1);
    await cache.get("short", 100, load);
    await sleep(150);
    await cache.get("short", 100, load);
    expect(calls).toBe(2);
    await cache.get("long", 60_000, load);
    await cache.clear();
    await cache.get("long", 60_000, load);
    expect(calls).toBe(4);
  });

  test("past its TTL an answer is served by every replica while one of them reloads it; a failed reload keeps it", async () => {
    const [one, two] = [new RedisCache(a), new RedisCache(b)];
    const key = `swr-${Date.now()}`;
    let calls = 0;
    let failNext = false;
    const load = async () => {
      calls += 1;
      await sleep(100);
      if (failNext) throw Object.assign(new Error("slow down"), { name: "ThrottlingException" });
      return `v${calls}`;
    };
    expect(await one.get(key, 200, load, 60_000)).toBe("v1");
    await sleep(250);
    // Past the TTL: 20 requests on two replicas get v1 at once, and one reload starts for all of them.
    const t = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).get(key, 200, load, 60_000)));
    expect(answers).toEqual(Array(20).fill("v1"));
    expect(Date.now() - t, "not waiting on the 100 ms reload").toBeLessThan(90);
    await sleep(200);
    expect(calls).toBe(2);
    expect(await two.get(key, 200, load, 60_000)).toBe("v2");
    // A reload that fails leaves v2 in place (no failure stored for the others to read).
    failNext = true;
    await sleep(250);
    expect(await one.get(key, 200, load, 60_000)).toBe("v2");
    await sleep(200);
    expect(calls).toBe(3);
    expect(await two.get(key, 200, load, 60_000)).toBe("v2");
  });
});

describe("RedisSemaphore across replicas", () => {
  test("never more than its capacity at once, whichever replica asks; every waiter gets a turn", async () => {
    const [one, two] = [new RedisSemaphore(a, 3, "test-slots"), new RedisSemaphore(b, 3, "test-slots")];
    let running = 0;
    let peak = 0;
    const job = async (s: RedisSemaphore) => {
      const release = await s.acquire();
      running += 1;
      peak = Math.max(peak, running);
      await sleep(60);
      running -= 1;
      release();
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => job(i % 2 ? one : two)));
    expect(peak).toBe(3);
    expect(await one.inUseNow()).toBe(0);
  });

  test("a waiter that gives up leaves no slot behind", async () => {
    const s = new RedisSemaphore(a, 1, "test-abort");
    const release = await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort(new Error("page left"));
    await expect(waiting).rejects.toThrow("page left");
    release();
    await sleep(20);
    expect(await s.inUseNow()).toBe(0);
  });
});

test("rate windows count every replica's requests", async () => {
  const key = `client-1|${Date.now()}`;
  expect(await countInWindowRedis(a, key, 60_000)).toBe(1);
  expect(await countInWindowRedis(b, key, 60_000)).toBe(2);
  // and the window's counter expires with it
  const [counter] = await a.keys("lambdascope:rate:*");
  expect(await a.pttl(counter)).toBeGreaterThan(59_000);
});

describe("GetMetricData's quota across replicas", () => {
  test("two replicas each pacing 50 a rolling second never send more than 50 in any rolling second together", async () => {
    // Each replica's own Pacer would let it send 50 at once: 100 together without the shared cap.
    const key = `gmd-quota-test|${Date.now()}`;
    const replica = (db: Redis) => {
      const pacer = new Pacer(50);
      const cap = new SharedCap(50, (k, limit, windowMs) => rollingSlotRedis(db, k, limit, windowMs));
      return async () => {
        await pacer.turn();
        await cap.turn(key);
        return Date.now();
      };
    };
    const [one, two] = [replica(a), replica(b)];
    const sentAt = (await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2 ? one : two)()))).sort((x, y) => x - y);
    // Any 51 consecutive sends span a second (a few ms of slack: each replica reads Redis's clock, then its own).
    for (let i = 50; i < sentAt.length; i++) expect(sentAt[i] - sentAt[i - 50], `send ${i}`).toBeGreaterThanOrEqual(990);
    expect(sentAt[119] - sentAt[0], "120 calls take two seconds at least").toBeGreaterThanOrEqual(1_980);
  });
});
