import "server-only";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Paces calls under a per-second AWS quota, in the order they ask: at most `perSecond` calls are sent
 * in any rolling second (a sliding-window log of the last `perSecond` send times). A 5,000-function
 * fleet's 50 GetMetricData chunks all go at once, and the 51st waits until the first is a second old:
 * the quota (50 TPS per account and Region) is never exceeded and never waited on before it is reached.
 */
export class Pacer {
  private readonly sentMs: number[] = []; // the last `perSecond` send times, ascending
  constructor(
    readonly perSecond: number,
    private readonly nowMs = () => Date.now(),
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  /** Resolves when this call may be sent. */
  async turn(): Promise<void> {
    const now = this.nowMs();
    const sent = this.sentMs;
    // The call `perSecond` places back must be a second old before this one goes.
    const sendAt = sent.length < this.perSecond ? now : Math.max(now, sent[sent.length - this.perSecond] + 1000);
    sent.push(sendAt);
    if (sent.length > this.perSecond) sent.shift();
    if (sendAt > now) await this.wait(sendAt - now);
  }
}

/** Takes a slot if fewer than `limit` calls went in the last `windowMs` under a key: 0, else ms to wait (lib/cache/redis.ts rollingSlotRedis). */
export type SlotTaker = (key: string, limit: number, windowMs: number) => Promise<number>;

/**
 * A per-second cap shared by every replica: at most `perSecond` calls in any rolling second, all
 * replicas together (a sliding-window log in Redis). Each replica's Pacer keeps its own calls under
 * the quota; this keeps two replicas refreshing different views from sending 100 in the same second.
 */
export class SharedCap {
  constructor(
    readonly perSecond: number,
    private readonly takeSlot: SlotTaker,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  async turn(key: string): Promise<void> {
    for (;;) {
      const waitMs = await this.takeSlot(key, this.perSecond, 1000);
      if (waitMs <= 0) return;
      await this.wait(waitMs);
    }
  }
}
