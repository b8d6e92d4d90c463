import "server-only";
import { redis } from "@/lib/cache/redis";

/**
 * The dashboard's own AWS spend: every request it makes (lib/aws/clients.ts records each attempt),
 * by UTC day, page, IAM action and Region, with what AWS charges for it. Kept in this process for
 * SPEND_DAYS days, or in Redis (REDIS_URL) so every replica adds to one log that survives restarts.
 */
export type SpendCall = { page: string; action: string; region: string; calls: number; usd: number; metricsRequested: number; bytesScanned: number };
export type SpendRow = SpendCall & { day: string };

/** How many days the log keeps (the /about/cost page shows up to this many). */
export const SPEND_DAYS = 31;
const DAY_MS = 86_400_000;
const FIELDS = ["calls", "usd", "metricsRequested", "bytesScanned"] as const;

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface SpendStore {
  add(day: string, key: string, c: SpendCall): Promise<void>;
  read(days: string[]): Promise<SpendRow[]>;
  clear(): Promise<void>;
}

const keyOf = (c: Pick<SpendCall, "page" | "action" | "region">) => [c.page, c.action, c.region].join("\t");
const fromKey = (day: string, key: string): SpendRow => {
  const [page, action, region] = key.split("\t");
  return { day, page, action, region, calls: 0, usd: 0, metricsRequested: 0, bytesScanned: 0 };
};

class MemoryStore implements SpendStore {
  private days = new Map<string, Map<string, SpendRow>>();
  async add(day: string, key: string, c: SpendCall) {
    if (!this.days.has(day)) {
      this.days.set(day, new Map());
      const oldest = utcDay(Date.parse(day) - SPEND_DAYS * DAY_MS);
      for (const d of this.days.keys()) if (d < oldest) this.days.delete(d);
    }
    const rows = this.days.get(day)!;
    const row = rows.get(key) ?? fromKey(day, key);
    for (const f of FIELDS) row[f] += c[f];
    rows.set(key, row);
  }
  async read(days: string[]) {
    return days.flatMap((d) => [...(this.days.get(d)?.values() ?? [])].map((r) => ({ ...r })));
  }
  async clear() {
    this.days.clear();
  }
}

// One hash per day; a field per (page, action, region, figure), incremented atomically by every replica.
class RedisStore implements SpendStore {
  private readonly hashKey = (day: string) => `lambdascope:spend:${day}`;
  async add(day: string, key: string, c: SpendCall) {
    const m = redis().multi();
    for (const f of FIELDS) if (c[f]) m.hincrbyfloat(this.hashKey(day), `${key}\t${f}`, c[f]);
    await m.expire(this.hashKey(day), (SPEND_DAYS + 1) * 86_400).exec();
  }
  async read(days: string[]) {
    const rows: SpendRow[] = [];
    for (const day of days) {
      const byKey = new Map<string, SpendRow>();
      for (const [field, value] of Object.entries(await redis().hgetall(this.hashKey(day)))) {
        const cut = field.lastIndexOf("\t");
        const key = field.slice(0, cut);
        const row = byKey.get(key) ?? fromKey(day, key);
        row[field.slice(cut + 1) as (typeof FIELDS)[number]] = Number(value);
        byKey.set(key, row);
      }
      rows.push(...byKey.values());
    }
    return rows;
  }
  async clear() {
    const keys = await redis().keys("lambdascope:spend:*");
    if (keys.length) await redis().del(...keys);
  }
}

const store: SpendStore = process.env.REDIS_URL ? new RedisStore() : new MemoryStore();

/** Adds one AWS request (or a query's scanned bytes) to the log. A Redis failure never fails the call it records. */
export function recordSpend(c: SpendCall, atMs = Date.now()): void {
  void store.add(utcDay(atMs), keyOf(c), c).catch(() => undefined);
}

/** The last `days` UTC days (today included), oldest first, and the log's rows for them. */
export async function readSpend(days: number, nowMs = Date.now()): Promise<{ days: string[]; rows: SpendRow[] }> {
  const list = Array.from({ length: days }, (_, i) => utcDay(nowMs - (days - 1 - i) * DAY_MS));
  return { days: list, rows: await store.read(list) };
}

/** Without Redis the log starts with the process: the page says since when. */
export const SPEND_LOG_STARTED_MS = Date.now();
export const spendLogShared = () => Boolean(process.env.REDIS_URL);

export const clearSpend = () => store.clear();
