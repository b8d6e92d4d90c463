import "server-only";
import { RedisCache, RedisSemaphore, countInWindowRedis, redis } from "@/lib/cache/redis";
import { Semaphore, type Slots } from "@/lib/insights/semaphore";
import type { ObservationCost } from "@/lib/types";

type Entry = { freshUntilMs: number; staleUntilMs: number; value: Promise<unknown>; refreshing?: boolean };

/**
 * TTL cache with single-flight: concurrent identical calls share one promise, so N users opening
 * the same view make one upstream call. Failures are not cached. Keys hold everything that changes
 * the answer (account, region, action, inputs, time window).
 *
 * With `staleMs`, an answer older than `ttlMs` is still served for that long while one load runs in
 * the background (stale-while-revalidate): what takes seconds to list at 5,000 functions is not
 * waited on every time it expires. A failed background load leaves the old answer; the next asks again.
 */
export class TtlCache {
  private entries = new Map<string, Entry>();
  constructor(private readonly maxEntries = 5_000) {}

  get<T>(key: string, ttlMs: number, load: () => Promise<T>, staleMs = 0): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.freshUntilMs > now) return hit.value as Promise<T>;
    if (hit && hit.staleUntilMs > now) {
      if (!hit.refreshing) this.revalidate(key, hit, ttlMs, staleMs, load);
      return hit.value as Promise<T>;
    }
    const value = load();
    this.entries.set(key, { freshUntilMs: now + ttlMs, staleUntilMs: now + ttlMs + staleMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    this.evict(now);
    return value;
  }

  private revalidate<T>(key: string, stale: Entry, ttlMs: number, staleMs: number, load: () => Promise<T>) {
    stale.refreshing = true;
    load().then(
      (v) => {
        const now = Date.now();
        if (this.entries.get(key) === stale) this.entries.set(key, { freshUntilMs: now + ttlMs, staleUntilMs: now + ttlMs + staleMs, value: Promise.resolve(v) });
      },
      () => void (stale.refreshing = false),
    );
  }

  clear() {
    this.entries.clear();
  }

  private evict(now: number) {
    if (this.entries.size <= this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (entry.staleUntilMs <= now || this.entries.size > this.maxEntries) this.entries.delete(key);
      if (this.entries.size <= this.maxEntries * 0.9) break;
    }
  }
}

/** AWS answers, shared by every replica when REDIS_URL is set (lib/cache/redis.ts), else this process's. */
export const awsCache: Pick<TtlCache, "get" | "clear"> = process.env.REDIS_URL ? new RedisCache(redis()) : new TtlCache();

/** Logs Insights slots: account-wide across replicas with Redis, else this process's share. */
export function sharedSlots(capacity: number): Slots {
  return process.env.REDIS_URL ? new RedisSemaphore(redis(), capacity) : new Semaphore(capacity);
}

const windows = new Map<string, { n: number; endMs: number }>();

/** Requests so far in the current fixed window of `windowMs` under `key` (rate limits), this one included. */
export async function countInWindow(key: string, windowMs: number, nowMs = Date.now()): Promise<number> {
  const windowKey = `${key}|${Math.floor(nowMs / windowMs)}`;
  if (process.env.REDIS_URL) return countInWindowRedis(redis(), windowKey, windowMs);
  for (const [k, w] of windows) if (w.endMs <= nowMs) windows.delete(k);
  const w = windows.get(windowKey) ?? { n: 0, endMs: (Math.floor(nowMs / windowMs) + 1) * windowMs };
  w.n += 1;
  windows.set(windowKey, w);
  return w.n;
}

/** A cached answer, what fetching it cost, and when it was fetched (absent in entries stored before it was kept). */
export type Costed<T> = { value: T; cost: ObservationCost; fetchedAtMs?: number };
