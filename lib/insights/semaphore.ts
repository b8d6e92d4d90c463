import "server-only";

/** What Logs Insights callers hold while a query runs: this process's Semaphore, or Redis's across replicas. */
export interface Slots {
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/**
 * Holds the number of Logs Insights queries this process runs at once below its share of the
 * account's limit (30 concurrent queries per account, dashboards included: StartQuery API reference).
 */
export class Semaphore implements Slots {
  private waiting: (() => void)[] = [];
  private held = 0;
  constructor(readonly capacity: number) {}

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.held >= this.capacity) {
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          this.waiting = this.waiting.filter((w) => w !== wake);
          reject(signal!.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        this.waiting.push(wake);
      });
    } else {
      this.held += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.held -= 1;
    };
  }

  get inUse() {
    return this.held;
  }
}
