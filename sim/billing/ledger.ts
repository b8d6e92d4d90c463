// The account's bill, day by day, from the first day of the month twelve months before the anchor's
// month up to "now": what Cost Explorer reads. Days are computed in order within a month (the free
// tier is used up from the 1st) and kept once they are over; the open day is recomputed when the
// clock has moved. One ledger per account: its regions' models, billed together (Cost Explorer is
// global, and the free tier and the Savings Plan are the account's); a one-region ledger is shared
// by every server of the same model.
import type { FunctionSpec, QueueSpec, SimModel } from "../model/types";
import { DAY_MS, HOUR_MS, MINUTE_MS, addMonths, dayOf, dayStartMs, monthStartDay } from "./calendar";
import { type ActiveHours, type FreeTierLeft, type LineItem, type QueueDay, accountDayLineItems, fullFreeTier } from "./line-items";
import { SAVINGS_PLAN } from "./prices";
import { type FunctionDay, UsageStore } from "./usage";

/** Months of history before the anchor's month (which is open and partial). */
export const HISTORY_MONTHS = 12;
/** Lambda polls an SQS event source with 5 long-polling pollers, 20 s each: 15 ReceiveMessage calls a minute when idle. */
const IDLE_POLLS_PER_MINUTE = 15;
const SAVINGS_PLAN_TERM_DAYS = 365;

interface DayBill {
  items: LineItem[];
  freeTierAfter: FreeTierLeft;
}

interface QueueSource {
  queue: QueueSpec;
  fnIndex: number;
  kind: "work" | "dead-letter";
  /** Messages per batch the event source mapping delivers (as the AWS/SQS metrics assume). */
  batch: number;
}

interface RegionBill {
  model: SimModel;
  usage: UsageStore;
  queues: QueueSource[];
}

export class BillingLedger {
  /** The first region's usage (the only region's, in a one-region account). */
  readonly usage: UsageStore;
  private readonly regions: RegionBill[];
  private readonly model: SimModel;
  /** First day with a bill: the first of the month HISTORY_MONTHS before the anchor's month. */
  readonly firstDay: number;
  readonly savingsPlanStartMs: number;
  readonly savingsPlanEndMs: number;
  private readonly finalDays = new Map<number, DayBill>();
  private open: { day: number; nowMinuteMs: number; bill: DayBill } | null = null;
  private warming: Promise<void> | null = null;

  /** `models`: the account's regions, first region first; they share one anchor and clock. */
  constructor(models: SimModel | SimModel[]) {
    const all = Array.isArray(models) ? models : [models];
    if (all.length === 0) throw new Error("a bill needs at least one region");
    const model = (this.model = all[0]);
    this.regions = all.map((m) => ({ model: m, usage: new UsageStore(m), queues: queueSources(m) }));
    this.usage = this.regions[0].usage;
    const anchorDay = dayOf(model.fleet.anchorMs);
    this.firstDay = addMonths(anchorDay, -HISTORY_MONTHS);
    this.savingsPlanStartMs = dayStartMs(addMonths(anchorDay, -SAVINGS_PLAN.startMonthsBeforeAnchor));
    this.savingsPlanEndMs = this.savingsPlanStartMs + SAVINGS_PLAN_TERM_DAYS * DAY_MS;
  }

  /** Exact usage computed, then every day so far billed: the first call starts it, later calls share it. */
  ready(): Promise<void> {
    this.warming ??= this.warm();
    return this.warming;
  }

  private async warm(): Promise<void> {
    for (const r of this.regions) await r.usage.ready();
    for (let day = this.firstDay; day <= this.lastDay; day++) {
      this.bill(day);
      // A month of days is ~50 ms: yield between months so other requests are answered.
      if (day === monthStartDay(day)) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The last day with any usage: today, in the model's clock. */
  get lastDay(): number {
    return dayOf(this.model.nowMs());
  }

  /** The line items of `day` (none before firstDay or after today). Call after ready() has resolved once. */
  items(day: number): LineItem[] {
    if (day < this.firstDay || day > this.lastDay) return [];
    return this.bill(day).items;
  }

  private bill(day: number): DayBill {
    const cached = this.finalDays.get(day);
    if (cached) return cached;
    const nowMs = this.model.nowMs();
    const nowMinuteMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
    if (this.open && this.open.day === day && this.open.nowMinuteMs === nowMinuteMs) return this.open.bill;
    // The free tier left on `day` is what the month's earlier days did not use.
    const monthStart = Math.max(monthStartDay(day), this.firstDay);
    const left = day === monthStart ? fullFreeTier() : { ...this.bill(day - 1).freeTierAfter };
    const regions = this.regions.map(({ model, usage, queues }) => {
      const functions = model.fleet.functions.map((_, i) => usage.functionDay(i, day));
      return { region: model.fleet.region, functions, queues: queueDays(queues, functions, day, nowMinuteMs) };
    });
    const items = accountDayLineItems(regions, dayStartMs(day + 1), left, this.savingsPlanHours(day, nowMinuteMs));
    const bill = { items, freeTierAfter: left };
    if (dayStartMs(day + 1) <= nowMs) this.finalDays.set(day, bill);
    else this.open = { day, nowMinuteMs, bill };
    return bill;
  }

  private savingsPlanHours(day: number, nowMinuteMs: number): ActiveHours {
    const hours = new Float64Array(24);
    const endMs = Math.min(this.savingsPlanEndMs, nowMinuteMs);
    for (let h = 0; h < 24; h++) {
      const hourMs = dayStartMs(day) + h * HOUR_MS;
      hours[h] = Math.max(0, Math.min(hourMs + HOUR_MS, endMs) - Math.max(hourMs, this.savingsPlanStartMs)) / HOUR_MS;
    }
    return hours;
  }
}

/**
 * SQS requests of each queue, tagged like the function it belongs to. Work queues: one
 * SendMessage per message, one ReceiveMessage per batch plus the idle long polls, one
 * DeleteMessageBatch per successful batch. Dead-letter and failure queues: one SendMessage per
 * failed event, and the daily drain reads and deletes them ten at a time.
 */
function queueDays(sources: QueueSource[], functions: FunctionDay[], day: number, nowMinuteMs: number): QueueDay[] {
  return sources.map(({ fnIndex, kind, batch }) => {
    const fd = functions[fnIndex];
    if (kind === "dead-letter") return { tags: fd.spec.tags, requests: Math.round(fd.dlqSent + 2 * Math.ceil(fd.dlqSent / 10)) };
    const succeeded = fd.invocations - fd.errors;
    let idlePolls = 0;
    for (let h = 0; h < 24; h++) {
      const hourMs = dayStartMs(day) + h * HOUR_MS;
      const minutes = Math.max(0, Math.min(hourMs + HOUR_MS, nowMinuteMs) - Math.max(hourMs, fd.spec.createdAtMs)) / MINUTE_MS;
      idlePolls += Math.max(0, IDLE_POLLS_PER_MINUTE * minutes - fd.invocationsByHour[h]);
    }
    return { tags: fd.spec.tags, requests: Math.round(succeeded * batch + fd.invocations + succeeded + idlePolls) };
  });
}

function queueSources(model: SimModel): QueueSource[] {
  const indexOf = new Map<FunctionSpec, number>(model.fleet.functions.map((fn, i) => [fn, i]));
  const sources: QueueSource[] = [];
  for (const queue of model.fleet.queues) {
    const owner = queue.deadLetterFor
      ? model.fleet.byName.get(queue.deadLetterFor)
      : model.fleet.functions.find((fn) => fn.eventSourceMappings.some((esm) => esm.eventSourceArn === queue.arn));
    if (!owner) continue;
    const batchSize = owner.eventSourceMappings.find((esm) => esm.eventSourceArn === queue.arn)?.batchSize ?? 1;
    sources.push({ queue, fnIndex: indexOf.get(owner)!, kind: queue.deadLetterFor ? "dead-letter" : "work", batch: Math.max(1, Math.round(batchSize * 0.4)) });
  }
  return sources;
}

const ledgers = new WeakMap<SimModel, BillingLedger>();

/** The bill of a one-region account (one per model, so servers sharing a model share its warm days). */
export function billingLedger(model: SimModel): BillingLedger {
  let ledger = ledgers.get(model);
  if (!ledger) ledgers.set(model, (ledger = new BillingLedger(model)));
  return ledger;
}

/** The bill of an account with these regions (first region first); several regions get their own ledger. */
export function accountLedger(models: SimModel[]): BillingLedger {
  return models.length === 1 ? billingLedger(models[0]) : new BillingLedger(models);
}
