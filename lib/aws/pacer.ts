import "server-only";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Paces calls under a per-second AWS quota, in the order they ask: `burst` calls may go at once,
 * then one every 1000 / perSecond ms (a GCRA token bucket). No second ever holds more than
 * burst + perSecond calls, so GetMetricData's 50 TPS (per account and Region) is kept with 25 + 25.
 */
export class Pacer {
  private theoreticalMs = 0;
  constructor(
    readonly perSecond: number,
    readonly burst = 1,
    private readonly nowMs = () => Date.now(),
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  /** Resolves when this call may be sent. */
  async turn(): Promise<void> {
    const now = this.nowMs();
    const intervalMs = 1000 / this.perSecond;
    const due = Math.max(this.theoreticalMs, now);
    const sendAt = Math.max(now, due - (this.burst - 1) * intervalMs);
    this.theoreticalMs = due + intervalMs;
    if (sendAt > now) await this.wait(sendAt - now);
  }
}

/** Counts a call in the current fixed window under a key, this one included (lib/cache/cache.ts countInWindow). */
export type WindowCounter = (key: string, windowMs: number, nowMs: number) => Promise<number>;

/**
 * A per-second cap shared by every replica: each call is counted in the current clock second (in
 * Redis), and one over the cap waits for the next second. Each replica's Pacer keeps its own calls
 * spread; this keeps two replicas refreshing different views from sending 100 in the same second.
 */
export class SharedCap {
  constructor(
    readonly perSecond: number,
    private readonly count: WindowCounter,
    private readonly nowMs = () => Date.now(),
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  async turn(key: string): Promise<void> {
    for (;;) {
      const now = this.nowMs();
      if ((await this.count(key, 1000, now)) <= this.perSecond) return;
      await this.wait(1000 - (now % 1000));
    }
  }
}
