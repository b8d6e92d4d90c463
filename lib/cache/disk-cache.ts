import "server-only";
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A TTL cache on disk for answers that are dear and slow to change (Cost Explorer bills $0.01 a
 * request and refreshes about daily): it survives a restart. One JSON file per key, written
 * atomically (temp file + rename). In-flight loads are shared, like the memory cache.
 */
export class DiskCache {
  private inflight = new Map<string, Promise<unknown>>();
  constructor(private readonly dir: string) {}

  private file(key: string) {
    return path.join(this.dir, `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`);
  }

  /** The stored value if it is younger than `ttlMs`; never loads. */
  async peek<T>(key: string, ttlMs: number, nowMs = Date.now()): Promise<{ value: T; storedAtMs: number } | undefined> {
    try {
      const entry = JSON.parse(await readFile(this.file(key), "utf8")) as { key: string; storedAtMs: number; value: T };
      if (entry.key === key && nowMs - entry.storedAtMs < ttlMs) return { value: entry.value, storedAtMs: entry.storedAtMs };
    } catch {
      // missing or unreadable
    }
    return undefined;
  }

  /** Stores a value computed elsewhere (a finished scan), replacing any older one. */
  async put<T>(key: string, value: T, nowMs = Date.now()): Promise<void> {
    await this.loadAndStore(key, async () => value, nowMs);
  }

  async get<T>(key: string, ttlMs: number, load: () => Promise<T>, nowMs = Date.now()): Promise<{ value: T; storedAtMs: number; fromCache: boolean }> {
    const stored = await this.peek<T>(key, ttlMs, nowMs);
    if (stored) return { ...stored, fromCache: true };
    const running = this.inflight.get(key) as Promise<T> | undefined;
    const pending = running ?? this.loadAndStore(key, load, nowMs);
    if (!running) this.inflight.set(key, pending);
    try {
      return { value: await pending, storedAtMs: nowMs, fromCache: false };
    } finally {
      this.inflight.delete(key);
    }
  }

  private async loadAndStore<T>(key: string, load: () => Promise<T>, nowMs: number): Promise<T> {
    const value = await load();
    await mkdir(this.dir, { recursive: true });
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(tmp, JSON.stringify({ key, storedAtMs: nowMs, value }));
    await rename(tmp, file);
    return value;
  }
}
