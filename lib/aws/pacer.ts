import "server-only";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spaces calls at least 1000 / perSecond ms apart, in the order they ask: a process-wide pace under
 * one AWS quota (GetMetricData allows 50 TPS per account and Region), so a burst of chunked calls is
 * spread out instead of throttled.
 */
export class Pacer {
  private nextMs = 0;
  constructor(
    readonly perSecond: number,
    private readonly nowMs = () => Date.now(),
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  /** Resolves when this call may be sent. */
  async turn(): Promise<void> {
    const now = this.nowMs();
    const at = Math.max(now, this.nextMs);
    this.nextMs = at + 1000 / this.perSecond;
    if (at > now) await this.wait(at - now);
  }
}
