// One function per cost term, in USD, each showing its working. Pure and shared with the browser.
// AWS bills each line item rounded to the cent (the pricing page's examples: 140,000 GB-s ×
// $0.0000166667 = $2.333… → $2.33); `usd` is that, `exactUsd` the unrounded product.
import { FREE_EPHEMERAL_STORAGE_MB, FREE_TIER, PRICE_LISTS, PROVISIONED_ROUNDING_S, type Architecture, type PriceList, type Tier } from "@/lib/cost/prices";

export type CostTerm = {
  name: string;
  quantity: number; // billable, after the free tier
  unit: string; // "requests", "GB-s", "GB", "traces"
  freeQuantity: number; // taken off by the free tier
  rateUsd: number; // per unit; the average rate when tiers split the quantity
  exactUsd: number;
  usd: number; // rounded to the cent, as the bill shows it
  formula: string; // the working, readable by hand
};

export const roundCents = (usd: number) => Math.round((usd + Number.EPSILON) * 100) / 100;
export const gbOfMb = (mb: number) => mb / 1024;

const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 4 });
const rate = (usd: number) => `$${usd.toFixed(10).replace(/0+$/, "")}`;

function term(p: Omit<CostTerm, "usd" | "exactUsd"> & { exactUsd: number }): CostTerm {
  return { ...p, usd: roundCents(p.exactUsd) };
}

/** Usage split over cumulative tiers, starting `alreadyUsed` into them (the rest of the account's month). */
export function tieredUsd(quantity: number, tiers: readonly Tier[], alreadyUsed = 0): number {
  let usd = 0;
  let from = alreadyUsed;
  let left = quantity;
  for (const t of tiers) {
    if (left <= 0) break;
    const room = t.upTo === null ? left : Math.max(0, t.upTo - from);
    const used = Math.min(left, room);
    usd += used * t.usd;
    left -= used;
    from += used;
  }
  return usd;
}

export function requestsCost(p: { requests: number; freeRequests?: number; prices?: PriceList }): CostTerm {
  const prices = p.prices ?? PRICE_LISTS["us-east-1"];
  const free = Math.min(p.requests, p.freeRequests ?? 0);
  const billable = p.requests - free;
  return term({
    name: "Lambda requests",
    quantity: billable,
    unit: "requests",
    freeQuantity: free,
    rateUsd: prices.lambdaRequestUsd,
    exactUsd: billable * prices.lambdaRequestUsd,
    formula: `(${fmt(p.requests)} − ${fmt(free)} free) × $0.20 / 1M`,
  });
}

/** GB-s of `requests` invocations of `billedDurationMs` each (already rounded up to the ms) at `memoryMb`. */
export const gbSecondsOf = (requests: number, billedDurationMs: number, memoryMb: number) => (requests * billedDurationMs * gbOfMb(memoryMb)) / 1000;

export function durationCost(p: { gbSeconds: number; architecture: Architecture; freeGbSeconds?: number; accountGbSecondsBefore?: number; prices?: PriceList }): CostTerm {
  const prices = p.prices ?? PRICE_LISTS["us-east-1"];
  const free = Math.min(p.gbSeconds, p.freeGbSeconds ?? 0);
  const billable = p.gbSeconds - free;
  const tiers = prices.lambdaDurationTiers[p.architecture];
  const exactUsd = tieredUsd(billable, tiers, p.accountGbSecondsBefore ?? 0);
  return term({
    name: `Lambda duration (${p.architecture})`,
    quantity: billable,
    unit: "GB-s",
    freeQuantity: free,
    rateUsd: billable > 0 ? exactUsd / billable : tiers[0].usd,
    exactUsd,
    formula: `(${fmt(p.gbSeconds)} − ${fmt(free)} free) GB-s × ${rate(tiers[0].usd)}${billable + (p.accountGbSecondsBefore ?? 0) > (tiers[0].upTo ?? Infinity) ? " (then lower tiers)" : ""}`,
  });
}

/** Configured provisioned concurrency for `seconds` (rounded up to 5 minutes, as metered). */
export function provisionedConcurrencyCost(p: { concurrency: number; memoryMb: number; seconds: number; architecture: Architecture; prices?: PriceList }): CostTerm {
  const prices = p.prices ?? PRICE_LISTS["us-east-1"];
  const seconds = Math.ceil(p.seconds / PROVISIONED_ROUNDING_S) * PROVISIONED_ROUNDING_S;
  const gbS = p.concurrency * gbOfMb(p.memoryMb) * seconds;
  const r = prices.provisionedConcurrencyUsdPerGbS[p.architecture];
  return term({
    name: "Provisioned concurrency",
    quantity: gbS,
    unit: "GB-s",
    freeQuantity: 0,
    rateUsd: r,
    exactUsd: gbS * r,
    formula: `${fmt(p.concurrency)} × ${fmt(gbOfMb(p.memoryMb))} GB × ${fmt(seconds)} s × ${rate(r)}`,
  });
}

/** Duration of the invocations provisioned environments served: a lower rate, and no free tier. */
export function provisionedDurationCost(p: { gbSeconds: number; architecture: Architecture; prices?: PriceList }): CostTerm {
  const prices = p.prices ?? PRICE_LISTS["us-east-1"];
  const r = prices.provisionedDurationUsdPerGbS[p.architecture];
  return term({
    name: "Duration on provisioned concurrency",
    quantity: p.gbSeconds,
    unit: "GB-s",
    freeQuantity: 0,
    rateUsd: r,
    exactUsd: p.gbSeconds * r,
    formula: `${fmt(p.gbSeconds)} GB-s × ${rate(r)}`,
  });
}

/** Ephemeral storage above the free 512 MB, for as long as the function runs. */
export function ephemeralStorageCost(p: { storageMb: number; durationSeconds: number; prices?: PriceList }): CostTerm {
  const prices = p.prices ?? PRICE_LISTS["us-east-1"];
  const extraMb = Math.max(0, p.storageMb - FREE_EPHEMERAL_STORAGE_MB);
  const gbS = gbOfMb(extraMb) * p.durationSeconds;
  return term({
    name: "Ephemeral storage",
    quantity: gbS,
    unit: "GB-s",
    freeQuantity: 0,
    rateUsd: prices.ephemeralStorageUsdPerGbS,
    exactUsd: gbS * prices.ephemeralStorageUsdPerGbS,
    formula: `(${fmt(p.storageMb)} − 512) MB / 1,024 × ${fmt(p.durationSeconds)} s × ${rate(prices.ephemeralStorageUsdPerGbS)}`,
  });
}

const perUnit = (name: string, unit: string, quantity: number, free: number, rateUsd: number, rateText: string): CostTerm => {
  const f = Math.min(quantity, free);
  return term({ name, quantity: quantity - f, unit, freeQuantity: f, rateUsd, exactUsd: (quantity - f) * rateUsd, formula: `(${fmt(quantity)} − ${fmt(f)} free) ${unit} × ${rateText}` });
};

export const logsIngestionCost = (p: { gb: number; freeGb?: number; prices?: PriceList }) =>
  perUnit("CloudWatch Logs ingestion", "GB", p.gb, p.freeGb ?? 0, (p.prices ?? PRICE_LISTS["us-east-1"]).logsIngestionUsdPerGb, "$0.50 / GB");

export const logsInsightsCost = (p: { gbScanned: number; prices?: PriceList }) =>
  perUnit("Logs Insights scans", "GB", p.gbScanned, 0, (p.prices ?? PRICE_LISTS["us-east-1"]).logsInsightsUsdPerGbScanned, "$0.005 / GB");

export const xrayCost = (p: { traces: number; freeTraces?: number; prices?: PriceList }) =>
  perUnit("X-Ray traces recorded", "traces", p.traces, p.freeTraces ?? 0, (p.prices ?? PRICE_LISTS["us-east-1"]).xrayTraceRecordedUsd, "$5.00 / 1M");

export const sqsCost = (p: { requests: number; freeRequests?: number; prices?: PriceList }) =>
  perUnit("SQS requests", "requests", p.requests, p.freeRequests ?? 0, (p.prices ?? PRICE_LISTS["us-east-1"]).sqsRequestUsd, "$0.40 / 1M");

export type EstimateInput = {
  requests: number; // a month
  durationMs: number; // average per invocation (INIT included: it is billed)
  memoryMb: number;
  architecture: Architecture;
  ephemeralStorageMb?: number;
  provisionedConcurrency?: number;
  provisionedHours?: number; // how long it is enabled in the month
  provisionedShare?: number; // share of requests the provisioned environments serve (0–1); default: all while enabled, capped by capacity
  freeTier?: boolean; // apply the account's free tier to this estimate alone
  region?: string;
  logGb?: number;
  xrayTraces?: number;
};

/**
 * Every term of a month and the total, as AWS would bill it: billed duration rounded up to the
 * ms, each line item rounded to the cent, the total the sum of the line items.
 */
export function estimateMonthlyCost(input: EstimateInput): { terms: CostTerm[]; totalUsd: number } {
  const prices = PRICE_LISTS[input.region ?? "us-east-1"];
  if (!prices) throw new RangeError(`no prices for region ${input.region}`);
  const billedMs = Math.ceil(input.durationMs);
  const free = input.freeTier ?? false;
  const pc = input.provisionedConcurrency ?? 0;
  const pcSeconds = pc > 0 ? (input.provisionedHours ?? 730) * 3600 : 0;
  // Requests the provisioned environments serve: the given share, else as many as they can hold.
  const pcCapacity = pc > 0 ? Math.floor((pc * pcSeconds * 1000) / Math.max(billedMs, 1)) : 0;
  const pcRequests = pc > 0 ? Math.min(input.requests, input.provisionedShare !== undefined ? Math.round(input.requests * input.provisionedShare) : pcCapacity) : 0;
  const onDemandRequests = input.requests - pcRequests;

  const terms = [requestsCost({ requests: input.requests, freeRequests: free ? FREE_TIER.lambdaRequests : 0, prices })];
  terms.push(durationCost({ gbSeconds: gbSecondsOf(onDemandRequests, billedMs, input.memoryMb), architecture: input.architecture, freeGbSeconds: free ? FREE_TIER.lambdaGbSeconds : 0, prices }));
  if (pc > 0) {
    terms.push(provisionedConcurrencyCost({ concurrency: pc, memoryMb: input.memoryMb, seconds: pcSeconds, architecture: input.architecture, prices }));
    terms.push(provisionedDurationCost({ gbSeconds: gbSecondsOf(pcRequests, billedMs, input.memoryMb), architecture: input.architecture, prices }));
  }
  if ((input.ephemeralStorageMb ?? FREE_EPHEMERAL_STORAGE_MB) > FREE_EPHEMERAL_STORAGE_MB) {
    terms.push(ephemeralStorageCost({ storageMb: input.ephemeralStorageMb!, durationSeconds: (input.requests * billedMs) / 1000, prices }));
  }
  if (input.logGb) terms.push(logsIngestionCost({ gb: input.logGb, freeGb: free ? FREE_TIER.logsGb : 0, prices }));
  if (input.xrayTraces) terms.push(xrayCost({ traces: input.xrayTraces, freeTraces: free ? FREE_TIER.xrayTracesRecorded : 0, prices }));
  return { terms, totalUsd: roundCents(terms.reduce((a, t) => a + t.usd, 0)) };
}
