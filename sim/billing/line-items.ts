// One day of the bill as Cost Explorer aggregates it: line items with the dimensions it groups by
// (service, usage type, record type, region, tags, cost category) and the amounts behind its metrics.
// Usage is priced at list price, minus the month's free tier (used up in day order) and the Compute
// Savings Plan (applied hour by hour).
import { TEAM_DEFAULT, teamOf } from "./cost-categories";
import { BYTES_PER_GB, FREE_TIER, type FreeTierPool, LAMBDA_USAGE, LOGS_INGESTION, RECORD_TYPE, REGION, SAVINGS_PLAN, SERVICE, SQS_REQUESTS, type UsageTypeSpec, XRAY_TRACES, regionalSpec } from "./prices";
import type { FunctionDay } from "./usage";

export interface LineItem {
  service: string;
  usageType: string;
  recordType: string;
  region: string;
  /** Cost-allocation tags of the resource (function, its log group, its queue); {} when untagged. */
  tags: Readonly<Record<string, string>>;
  /** Value of the `Team` cost category. */
  team: string;
  quantity: number;
  unit: string;
  unblendedUsd: number;
  amortizedUsd: number;
}

export type FreeTierLeft = Record<FreeTierPool, number>;
export const fullFreeTier = (): FreeTierLeft => ({ ...FREE_TIER });

export interface QueueDay {
  tags: Readonly<Record<string, string>>;
  requests: number;
}

/** One region's usage on a day: its functions and queues. */
export interface RegionDay {
  region: string;
  functions: FunctionDay[];
  queues: QueueDay[];
}

/** Hours of the day (fractions at the edges) in which the Savings Plan is active and billed. */
export type ActiveHours = Float64Array;

const UNTAGGED: Readonly<Record<string, string>> = Object.freeze({});
const GB_SECOND_MB_MS = 1024 * 1000;

interface Draft {
  region: string;
  spec: UsageTypeSpec;
  tags: Readonly<Record<string, string>>;
  quantity: number;
  pool?: FreeTierPool;
  /** Savings Plan eligible drafts: list-price cost of each hour. */
  hourlyUsd?: Float64Array;
  /** Share of the quantity billed after the free tier. */
  billable: number;
}

const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);
const scaled = (a: Float64Array, k: number) => a.map((x) => x * k);

function functionDrafts(fd: FunctionDay, dayEndMs: number, region: string): Draft[] {
  const spec = fd.spec;
  const arch = spec.architecture;
  const tags = spec.tags;
  // The Lambda free tier does not apply to functions with provisioned concurrency (Lambda pricing).
  const pcEnabled = spec.provisionedConcurrency !== undefined && spec.provisionedConcurrency.allocatedAtMs < dayEndMs;
  const drafts: Draft[] = [];
  const add = (d: Omit<Draft, "billable" | "region">) => {
    if (d.quantity > 0) drafts.push({ ...d, spec: regionalSpec(d.spec, region), region, billable: 1 });
  };
  const requests = Math.round(fd.invocations);
  add({ spec: LAMBDA_USAGE.request[arch], tags, quantity: requests, pool: pcEnabled ? undefined : "lambdaRequests" });
  const duration = LAMBDA_USAGE.duration[arch];
  add({ spec: duration, tags, quantity: sum(fd.onDemandMbMsByHour) / GB_SECOND_MB_MS, pool: pcEnabled ? undefined : "lambdaGbSeconds", hourlyUsd: scaled(fd.onDemandMbMsByHour, duration.usdPerUnit / GB_SECOND_MB_MS) });
  const pcDuration = LAMBDA_USAGE.pcDuration[arch];
  add({ spec: pcDuration, tags, quantity: sum(fd.provisionedMbMsByHour) / GB_SECOND_MB_MS, hourlyUsd: scaled(fd.provisionedMbMsByHour, pcDuration.usdPerUnit / GB_SECOND_MB_MS) });
  const pcConcurrency = LAMBDA_USAGE.pcConcurrency[arch];
  add({ spec: pcConcurrency, tags, quantity: sum(fd.pcConfiguredGbsByHour), hourlyUsd: scaled(fd.pcConfiguredGbsByHour, pcConcurrency.usdPerUnit) });
  // Log groups are tagged like their functions (the fleet's IaC tags both); X-Ray traces are not
  // resources and carry no cost-allocation tags.
  add({ spec: LOGS_INGESTION, tags, quantity: fd.logBytes / BYTES_PER_GB, pool: "logsGb" });
  add({ spec: XRAY_TRACES, tags: UNTAGGED, quantity: Math.round(fd.traces), pool: "xrayTraces" });
  return drafts;
}

/**
 * The free tier left this month covers the same share of every line in its pool that day. It is
 * the account's, shared by all regions: "Free Tier usage is calculated each month across all
 * regions" (AWS Free Tier FAQ).
 */
function applyFreeTier(drafts: Draft[], left: FreeTierLeft): void {
  const used = new Map<FreeTierPool, number>();
  for (const d of drafts) if (d.pool) used.set(d.pool, (used.get(d.pool) ?? 0) + d.quantity);
  for (const [pool, quantity] of used) {
    const free = Math.min(quantity, left[pool]);
    left[pool] -= free;
    const billable = 1 - free / quantity;
    for (const d of drafts) if (d.pool === pool) d.billable = billable;
  }
}

interface SavingsPlanDay {
  /** List-price cost each eligible draft had covered, by draft. */
  coveredUsd: Map<Draft, number>;
  feeUsd: number;
  unusedUsd: number;
  activeHours: number;
}

/**
 * A Savings Plan pays for eligible usage at its discounted rate, up to the hourly commitment, in
 * every hour; the rest is on demand. A Compute Savings Plan applies in any region (Savings Plans
 * user guide), so eligible usage of every region shares the commitment. Covered usage is shared out in proportion to each line's
 * eligible cost in the hour.
 */
function applySavingsPlan(drafts: Draft[], active: ActiveHours): SavingsPlanDay {
  const rate = 1 - SAVINGS_PLAN.discount;
  const commitment = SAVINGS_PLAN.commitmentUsdPerHour;
  const eligible = drafts.filter((d) => d.hourlyUsd);
  const coveredUsd = new Map<Draft, number>();
  let feeUsd = 0;
  let unusedUsd = 0;
  for (let h = 0; h < 24; h++) {
    if (active[h] <= 0) continue;
    const hourCommitment = commitment * active[h];
    let eligibleUsd = 0;
    for (const d of eligible) eligibleUsd += d.hourlyUsd![h] * d.billable;
    const usedCommitment = Math.min(eligibleUsd * rate, hourCommitment);
    feeUsd += hourCommitment;
    unusedUsd += hourCommitment - usedCommitment;
    if (usedCommitment <= 0) continue;
    const coveredShare = usedCommitment / (eligibleUsd * rate);
    for (const d of eligible) coveredUsd.set(d, (coveredUsd.get(d) ?? 0) + d.hourlyUsd![h] * d.billable * coveredShare);
  }
  return { coveredUsd, feeUsd, unusedUsd, activeHours: sum(active) };
}

function item(region: string, spec: UsageTypeSpec, recordType: string, tags: Readonly<Record<string, string>>, quantity: number, unblendedUsd: number, amortizedUsd: number): LineItem {
  return { service: spec.service, usageType: spec.usageType, recordType, region, tags, team: tags === UNTAGGED ? TEAM_DEFAULT : teamOf(tags), quantity, unit: spec.unit, unblendedUsd, amortizedUsd };
}

/** The line items of one day of a us-east-1-only account (see accountDayLineItems). */
export function dayLineItems(functions: FunctionDay[], queues: QueueDay[], dayEndMs: number, left: FreeTierLeft, active: ActiveHours): LineItem[] {
  return accountDayLineItems([{ region: REGION, functions, queues }], dayEndMs, left, active);
}

/** The line items of one day, every region's. `left` is the month's free tier before the day and is updated. */
export function accountDayLineItems(regions: RegionDay[], dayEndMs: number, left: FreeTierLeft, active: ActiveHours): LineItem[] {
  const drafts: Draft[] = [];
  for (const { region, functions, queues } of regions) {
    for (const fd of functions) drafts.push(...functionDrafts(fd, dayEndMs, region));
    const sqs = regionalSpec(SQS_REQUESTS, region);
    for (const q of queues) if (q.requests > 0) drafts.push({ region, spec: sqs, tags: q.tags, quantity: q.requests, pool: "sqsRequests", billable: 1 });
  }
  applyFreeTier(drafts, left);
  const sp = applySavingsPlan(drafts, active);
  const items: LineItem[] = [];
  const negations = new Map<UsageTypeSpec, { region: string; coveredUsd: number }>();
  for (const d of drafts) {
    const listUsd = d.quantity * d.billable * d.spec.usdPerUnit;
    const covered = Math.min(listUsd, sp.coveredUsd.get(d) ?? 0);
    if (covered <= 0) {
      items.push(item(d.region, d.spec, RECORD_TYPE.usage, d.tags, d.quantity, listUsd, listUsd));
      continue;
    }
    const coveredQuantity = d.quantity * d.billable * (covered / listUsd);
    if (d.quantity - coveredQuantity > 0) items.push(item(d.region, d.spec, RECORD_TYPE.usage, d.tags, d.quantity - coveredQuantity, listUsd - covered, listUsd - covered));
    // Covered usage shows its on-demand cost (unblended) or what the plan charged for it (amortized).
    items.push(item(d.region, d.spec, RECORD_TYPE.spCovered, d.tags, coveredQuantity, covered, covered * (1 - SAVINGS_PLAN.discount)));
    // Regional specs are distinct objects, so one negation per (region, usage type).
    negations.set(d.spec, { region: d.region, coveredUsd: (negations.get(d.spec)?.coveredUsd ?? 0) + covered });
  }
  // The negation takes the covered usage's on-demand cost back off the bill; it carries no
  // resource tags (it is not a resource's usage) and no usage quantity.
  for (const [spec, { region, coveredUsd }] of negations) items.push(item(region, spec, RECORD_TYPE.spNegation, UNTAGGED, 0, -coveredUsd, 0));
  if (sp.activeHours > 0) {
    const fee: UsageTypeSpec = { usageType: SAVINGS_PLAN.usageType, service: SERVICE.savingsPlans, unit: SAVINGS_PLAN.unit, usdPerUnit: SAVINGS_PLAN.commitmentUsdPerHour, savingsPlanEligible: false };
    // Unblended: the whole commitment; amortized: only the unused part (the used part is on the covered usage).
    items.push({ ...item(SAVINGS_PLAN.region, fee, RECORD_TYPE.spFee, UNTAGGED, sp.activeHours, sp.feeUsd, sp.unusedUsd) });
  }
  return items;
}
