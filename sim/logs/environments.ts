// Log streams: Lambda writes one log stream per execution environment, named
// "<yyyy>/<mm>/<dd>/[<version>]<32 hex>" after the day the environment started (Lambda Developer
// Guide, "Sending Lambda function logs to CloudWatch Logs": "…/[$LATEST]…" per instance).
//
// The model knows how many environments started in each minute (MinutePlan.coldStarts) and how many
// were busy at its peak (MinutePlan.concurrency), but not which environment served which request.
// The approximation chosen here, a pure function of (function, minute, invocation) so any window
// gives the same streams:
//   - every cold start begins a new environment (its INIT_START and first request open the stream);
//   - a warm request runs in one of the `concurrency` environments born most recently within the
//     last 3 hours (the model recycles environments after ~3 h), picked by a hash of the request;
//   - when fewer were born than the minute needs (provisioned concurrency, long-lived pools), the
//     rest are "pre-existing" environments, one set per 3-hour epoch, with no INIT_START of their own;
//   - a stream's version is the invocation's executed version, so a canary's requests to v5 land in
//     v5 streams even when they share a pool slot with v4.
import type { FunctionModel } from "../model/function-model";
import { hash4, hashString } from "../model/rng";
import { executedPrimary, planHour, type MinutePlan } from "../model/traffic";
import { hex32 } from "./text";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** The model's ENVIRONMENT_LIFETIME_MIN (sim/model/traffic.ts): environments are recycled after ~3 h. */
const LIFETIME_MIN = 180;
const EPOCH_MS = LIFETIME_MIN * MINUTE_MS;
const SALT_ENV = 0x5e7e;
const SALT_PICK = 0x91c3;
const MAX_CACHED = 4_096;

export interface Environment {
  bornMs: number;
  key: number;
  /** Born at a cold start the logs show (INIT_START), not a pre-existing one. */
  cold: boolean;
}

interface HourSummary {
  coldStarts: Int32Array;
  concurrency: Int32Array;
}

export class Environments {
  private readonly hours = new Map<number, HourSummary>();
  private readonly pools = new Map<number, Environment[]>();

  constructor(private readonly fm: FunctionModel) {}

  /** Record an hour's plans the scan has already made (saves planning it again). */
  remember(hourMs: number, plans: MinutePlan[]): void {
    if (!this.hours.has(hourMs)) this.setHour(hourMs, summarise(plans));
  }

  /** The environment a cold start creates: the `ordinal`-th cold start of the minute. */
  born(minuteMs: number, ordinal: number): Environment {
    return { bornMs: minuteMs, key: hash4(this.fm.fleet.seed, this.fm.nameHash, minuteMs / MINUTE_MS, ordinal + SALT_ENV), cold: true };
  }

  /** The environment a warm request at (minute, index) runs in. */
  warm(minuteMs: number, index: number): Environment {
    const pool = this.pool(minuteMs);
    return pool[hash4(this.fm.fleet.seed, this.fm.nameHash, minuteMs / MINUTE_MS, index + SALT_PICK) % pool.length];
  }

  streamName(env: Environment, version: string): string {
    const day = new Date(env.bornMs).toISOString().slice(0, 10).replaceAll("-", "/");
    const v = hashString(version);
    const id = hex32([hash4(env.key, v, 1, 0), hash4(env.key, v, 2, 0), hash4(env.key, v, 3, 0), hash4(env.key, v, 4, 0)], 32);
    return `${day}/[${version}]${id}`;
  }

  /** Streams of environments alive in [fromMs, toMs), with approximate first and last event times. */
  streamsBetween(fromMs: number, toMs: number, nowMs: number): { name: string; firstMs: number; lastMs: number }[] {
    const out = new Map<string, { name: string; firstMs: number; lastMs: number }>();
    const add = (env: Environment, firstMs: number) => {
      const name = this.streamName(env, executedPrimary(this.fm, firstMs));
      const lastMs = Math.min(nowMs - 1, env.bornMs + EPOCH_MS - 1, toMs - 1);
      if (!out.has(name)) out.set(name, { name, firstMs, lastMs });
    };
    for (let hourMs = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hourMs < toMs; hourMs += HOUR_MS) {
      const h = this.hour(hourMs);
      for (let i = 0; i < 60; i++) for (let k = 0; k < h.coldStarts[i]; k++) add(this.born(hourMs + i * MINUTE_MS, k), hourMs + i * MINUTE_MS);
    }
    for (let epochMs = Math.floor(fromMs / EPOCH_MS) * EPOCH_MS; epochMs < toMs; epochMs += EPOCH_MS) {
      for (const env of this.pool(Math.max(epochMs, fromMs - (fromMs % MINUTE_MS)))) if (!env.cold) add(env, env.bornMs);
    }
    return [...out.values()];
  }

  private pool(minuteMs: number): Environment[] {
    let pool = this.pools.get(minuteMs);
    if (pool) return pool;
    const wanted = Math.max(1, this.concurrencyAt(minuteMs));
    pool = [];
    for (let back = 1; back <= LIFETIME_MIN && pool.length < wanted; back++) {
      const m = minuteMs - back * MINUTE_MS;
      const colds = this.coldStartsAt(m);
      for (let k = colds - 1; k >= 0 && pool.length < wanted; k--) pool.push(this.born(m, k));
    }
    const epochMs = Math.floor(minuteMs / EPOCH_MS) * EPOCH_MS;
    for (let slot = 0; pool.length < wanted; slot++) {
      pool.push({ bornMs: epochMs, key: hash4(this.fm.fleet.seed, this.fm.nameHash, epochMs / EPOCH_MS, 1_000_000 + slot), cold: false });
    }
    if (this.pools.size >= MAX_CACHED) this.pools.clear();
    this.pools.set(minuteMs, pool);
    return pool;
  }

  private concurrencyAt(minuteMs: number): number {
    const hourMs = Math.floor(minuteMs / HOUR_MS) * HOUR_MS;
    return this.hour(hourMs).concurrency[(minuteMs - hourMs) / MINUTE_MS];
  }

  private coldStartsAt(minuteMs: number): number {
    const hourMs = Math.floor(minuteMs / HOUR_MS) * HOUR_MS;
    return this.hour(hourMs).coldStarts[(minuteMs - hourMs) / MINUTE_MS];
  }

  private hour(hourMs: number): HourSummary {
    let h = this.hours.get(hourMs);
    if (!h) this.setHour(hourMs, (h = summarise(planHour(this.fm, hourMs))));
    return h;
  }

  private setHour(hourMs: number, h: HourSummary): void {
    if (this.hours.size >= MAX_CACHED) this.hours.clear();
    this.hours.set(hourMs, h);
  }
}

function summarise(plans: MinutePlan[]): HourSummary {
  const coldStarts = new Int32Array(60);
  const concurrency = new Int32Array(60);
  plans.forEach((p, i) => {
    coldStarts[i] = p.coldStarts;
    concurrency[i] = p.concurrency;
  });
  return { coldStarts, concurrency };
}
