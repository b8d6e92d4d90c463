import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Slots } from "@/lib/insights/semaphore";

// With REDIS_URL, replicas share what they fetched, their in-flight loads, their Logs Insights slots
// and their rate-limit counters through one Redis; without it each process keeps its own (cache.ts).
const PREFIX = "lambdascope:";
const POLL_MS = 25;
/** How long an answer-in-progress is owned before another replica may take over (a crashed loader). */
const LOCK_MS = 120_000;
/** A failed load is shared for this long, so waiting replicas report it instead of all retrying at once. */
const FAILURE_MS = 2_000;

let client: Redis | undefined;

/** The process's Redis connection (lazy: nothing connects until the first use). */
export function redis(url = process.env.REDIS_URL!): Redis {
  // maxRetriesPerRequest bounds how long a command waits while Redis is down; commands then fail,
  // and the pages say so, instead of hanging.
  client ??= new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return client;
}

// Keys can hold every function name of a fleet: stored by hash.
const hashed = (kind: string, key: string) => `${PREFIX}${kind}:${createHash("sha256").update(key).digest("base64url")}`;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

// Cached values hold Maps (tags by ARN, metrics by function): JSON keeps them as tagged pairs.
const encode = (value: unknown) => JSON.stringify(value, (_k, v) => (v instanceof Map ? { $map: [...v] } : v instanceof Set ? { $set: [...v] } : v));
const decode = (text: string) =>
  JSON.parse(text, (_k, v) => (v && typeof v === "object" && Array.isArray(v.$map) ? new Map(v.$map) : v && typeof v === "object" && Array.isArray(v.$set) ? new Set(v.$set) : v));

type Stored = { ok: true; value: unknown; atMs?: number } | { ok: false; error: { name: string; message: string; code?: string; $metadata?: unknown } };

/** An error as AWS raised it, rebuilt on the replica that waited for it (classifyAwsError reads name, code, status). */
function revive(error: Extract<Stored, { ok: false }>["error"]): Error {
  return Object.assign(new Error(error.message), error);
}

/**
 * The TTL cache with single-flight across replicas: the first replica to ask takes a lock (SET NX)
 * and fetches; the others poll for its answer. Within a process, concurrent calls share one promise
 * first, so 50 requests on two replicas make one upstream call. Values are JSON (with Maps and Sets).
 */
export class RedisCache {
  private inflight = new Map<string, Promise<unknown>>();
  constructor(private readonly db: Redis) {}

  /** As TtlCache.get, `staleMs` included: past `ttlMs` the stored answer is served while one replica reloads it. */
  get<T>(key: string, ttlMs: number, load: () => Promise<T>, staleMs = 0): Promise<T> {
    const running = this.inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const pending = this.getShared(key, ttlMs, load, staleMs).finally(() => this.inflight.delete(key));
    this.inflight.set(key, pending);
    return pending;
  }

  private async getShared<T>(key: string, ttlMs: number, load: () => Promise<T>, staleMs: number): Promise<T> {
    const valueKey = hashed("v", key);
    const lockKey = hashed("lock", key);
    const waitUntil = Date.now() + LOCK_MS;
    for (;;) {
      const stored = await this.db.get(valueKey);
      if (stored !== null) {
        const s = decode(stored) as Stored;
        if (!s.ok) throw revive(s.error);
        if (staleMs > 0 && s.atMs !== undefined && Date.now() - s.atMs >= ttlMs) void this.revalidate(valueKey, lockKey, ttlMs, staleMs, load);
        return s.value as T;
      }
      const owner = randomUUID();
      if ((await this.db.set(lockKey, owner, "PX", LOCK_MS, "NX")) === "OK") return this.loadAndStore(valueKey, lockKey, owner, ttlMs, staleMs, load);
      if (Date.now() > waitUntil) throw Object.assign(new Error("another replica's fetch of this data did not finish"), { name: "TimeoutError" });
      await sleep(POLL_MS);
    }
  }

  /** One replica (whoever takes the lock) reloads a stale answer; a failure keeps the stale one. */
  private async revalidate<T>(valueKey: string, lockKey: string, ttlMs: number, staleMs: number, load: () => Promise<T>) {
    const owner = randomUUID();
    try {
      if ((await this.db.set(lockKey, owner, "PX", LOCK_MS, "NX")) !== "OK") return;
      await this.loadAndStore(valueKey, lockKey, owner, ttlMs, staleMs, load, true);
    } catch {
      // the stale answer stays; the next request past the TTL tries again
    }
  }

  private async loadAndStore<T>(valueKey: string, lockKey: string, owner: string, ttlMs: number, staleMs: number, load: () => Promise<T>, keepOnFailure = false): Promise<T> {
    let stored: Stored;
    let result: { value: T } | { error: unknown };
    try {
      const value = await load();
      stored = { ok: true, value, atMs: Date.now() };
      result = { value };
    } catch (err) {
      const e = err as { name?: string; message?: string; code?: string; $metadata?: unknown };
      stored = { ok: false, error: { name: e?.name ?? "Error", message: e?.message ?? String(err), code: e?.code, $metadata: e?.$metadata } };
      result = { error: err };
    }
    const keepMs = stored.ok ? ttlMs + staleMs : keepOnFailure ? 0 : FAILURE_MS;
    if (keepMs > 0) await this.db.set(valueKey, encode(stored), "PX", keepMs);
    // Release only our own lock (it may have expired and been taken by another replica meanwhile).
    await this.db.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, lockKey, owner);
    if ("error" in result) throw result.error;
    return result.value;
  }

  /** Forgets everything this dashboard cached (tests, and after changing credentials). */
  async clear() {
    this.inflight.clear();
    let cursor = "0";
    do {
      const [next, keys] = await this.db.scan(cursor, "MATCH", `${PREFIX}v:*`, "COUNT", 1000);
      if (keys.length) await this.db.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  }
}

// Leases in a sorted set scored by expiry: a replica that dies frees its slots when its leases lapse.
const ACQUIRE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], nowMs + tonumber(ARGV[2]), ARGV[3])
  return 1
end
return 0`;
const RENEW = `
local now = redis.call('TIME')
return redis.call('ZADD', KEYS[1], 'XX', tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + tonumber(ARGV[1]), ARGV[2])`;
const LEASE_MS = 30_000;
const WAIT_POLL_MS = 100;

/** The Logs Insights slots shared by every replica: at most `capacity` queries at once, account-wide. */
export class RedisSemaphore implements Slots {
  private readonly key: string;
  constructor(
    private readonly db: Redis,
    readonly capacity: number,
    name = "insights",
  ) {
    this.key = `${PREFIX}slots:${name}`;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    const id = randomUUID();
    while ((await this.db.eval(ACQUIRE, 1, this.key, this.capacity, LEASE_MS, id)) !== 1) await sleep(WAIT_POLL_MS, signal);
    // Renew the lease while the query runs (queries may run for minutes).
    const renew = setInterval(() => void this.db.eval(RENEW, 1, this.key, LEASE_MS, id).catch(() => undefined), LEASE_MS / 3);
    renew.unref();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      void this.db.zrem(this.key, id).catch(() => undefined);
    };
  }

  /** Slots held right now by every replica. */
  async inUseNow(): Promise<number> {
    return this.db.zcount(this.key, Date.now(), "+inf");
  }
}

// A sliding-window log in a sorted set scored by send time (Redis's clock, the same for every replica).
const ROLLING_SLOT = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local windowMs = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowMs - windowMs)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], nowMs, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], windowMs)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + windowMs - nowMs`;

/**
 * Takes a send slot under `key` if fewer than `limit` were taken in the last `windowMs` by any
 * replica: 0 if taken, else how long until the oldest leaves the window (then ask again).
 */
export async function rollingSlotRedis(db: Redis, key: string, limit: number, windowMs: number): Promise<number> {
  return Number(await db.eval(ROLLING_SLOT, 1, hashed("slots", key), limit, windowMs, randomUUID()));
}

/** Requests counted in fixed windows (rate limits), shared by every replica. */
export async function countInWindowRedis(db: Redis, key: string, windowMs: number): Promise<number> {
  const k = hashed("rate", key);
  const [[, n]] = (await db.multi().incr(k).pexpire(k, windowMs, "NX").exec()) as [[unknown, number]];
  return n;
}
