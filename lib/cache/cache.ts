import "server-only";
import type { ObservationCost } from "@/lib/types";

type Entry = { expiresAtMs: number; value: Promise<unknown> };

/**
 * TTL cache with single-flight: concurrent identical calls share one promise, so N users opening
 * the same view make one upstream call. Failures are not cached. Keys hold everything that changes
 * the answer (account, region, action, inputs, time window).
 */
export class TtlCache {
  private entries = new Map<string, Entry>();
  constructor(private readonly maxEntries = 5_000) {}

  get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAtMs > now) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(key, { expiresAtMs: now + ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    this.evict(now);
    return value;
  }

  clear() {
    this.entries.clear();
  }

  private evict(now: number) {
    if (this.entries.size <= this.maxEntries) return;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAtMs <= now || this.entries.size > this.maxEntries) this.entries.delete(key);
      if (this.entries.size <= this.maxEntries * 0.9) break;
    }
  }
}

export const awsCache = new TtlCache();

/** The result of an AWS fetch with what it cost, kept together in the cache. */
export type Costed<T> = { value: T; cost: ObservationCost };
