import "server-only";
import { currentRegion } from "@/lib/observe/scope";
import type { Expression } from "@aws-sdk/client-cost-explorer";
import { costAndUsage, tagValueOfKey } from "@/lib/cost/cost-explorer";
import { measureFunctions, projectMonth } from "@/lib/cost/function-cost";
import { CostLedger } from "@/lib/cost/observation-cost";
import { reconcile, type Bill, type Estimate, type Reconciliation } from "@/lib/cost/reconcile";
import { getConfig } from "@/lib/config";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import { lookupFunction, type FunctionRef } from "@/lib/functions/function-detail";
import { listFleet } from "@/lib/functions/fleet-overview";
import type { ObservationCost } from "@/lib/types";

const DAY_MS = 86_400_000;

/**
 * The day reconciled: the latest complete UTC day from the 4th of its month on. The account's free
 * tier (1M requests, 400,000 GB-s a month) is spent from the 1st, so by then a busy fleet has used
 * it up and it does not blur the comparison; a fleet that never uses it up shows it as unexplained.
 */
export function reconciledDay(nowMs: number): { start: string; end: string } {
  let day = Math.floor(nowMs / DAY_MS) * DAY_MS - DAY_MS;
  while (new Date(day).getUTCDate() < 4) day -= DAY_MS;
  return { start: new Date(day).toISOString().slice(0, 10), end: new Date(day + DAY_MS).toISOString().slice(0, 10) };
}

export type ReconciliationView = { tagKey: string; day: { start: string; end: string }; rows: Reconciliation[]; cost: ObservationCost };

/**
 * The bill of the Region being reconciled (our estimate covers its functions only), plus what Cost
 * Explorer books to no Region ("global": a Savings Plan's recurring fee).
 */
const thisRegion = (): Expression => ({ Dimensions: { Key: "REGION", Values: [currentRegion(), "global"] } });

/** Our estimate of one day (every function's REPORT lines, log bytes, traces at list price) against that day's bill, per tag value. */
export async function getReconciliation(tagKey: string, nowMs = Date.now()): Promise<ReconciliationView> {
  const day = reconciledDay(nowMs);
  const ledger = new CostLedger();
  const fleet = (await listFleet()).value;
  // The configuration only (tags, log group, tracing…): the other detail panels are not used here.
  const details = (await Promise.all(fleet.map((f) => lookupFunction(f.name)))).filter((d): d is FunctionRef => d !== null);
  const span = { startMs: Date.parse(`${day.start}T00:00:00Z`), endMs: Date.parse(`${day.end}T00:00:00Z`) };
  const [measured, byService, byRecord] = await Promise.all([
    cachedFetch(`reconcile|${day.start}|${details.length}`, 6 * 3_600_000, (l) => measureFunctions(details, span, l)),
    costAndUsage({ granularity: "DAILY", start: day.start, end: day.end, metrics: ["AmortizedCost"], groupBy: [{ Type: "TAG", Key: tagKey }, { Type: "DIMENSION", Key: "SERVICE" }], filter: thisRegion() }),
    costAndUsage({ granularity: "DAILY", start: day.start, end: day.end, metrics: ["AmortizedCost", "UnblendedCost"], groupBy: [{ Type: "TAG", Key: tagKey }, { Type: "DIMENSION", Key: "RECORD_TYPE" }], filter: thisRegion() }),
  ]);
  for (const c of [measured.cost, byService.cost, byRecord.cost]) ledger.merge(c);
  const estimates = new Map<string, Estimate>();
  details.forEach((d, i) => {
    const arch = d.config.architecture === "arm64" ? "arm64" : "x86_64";
    const terms = projectMonth(measured.value[i], arch, currentRegion(), 24);
    const value = d.config.tags[tagKey] ?? "";
    const e = estimates.get(value) ?? { usd: 0, xrayUsd: 0 };
    estimates.set(value, { usd: e.usd + terms.reduce((a, t) => a + t.exactUsd, 0), xrayUsd: e.xrayUsd + terms.filter((t) => t.name === "X-Ray traces recorded").reduce((a, t) => a + t.exactUsd, 0) });
  });
  const groups = (pages: typeof byService.pages) => pages.flatMap((p) => (p.ResultsByTime ?? []).flatMap((r) => r.Groups ?? []));
  const amount = (g: { Metrics?: Record<string, { Amount?: string }> }, m: string) => Number(g.Metrics?.[m]?.Amount ?? 0);
  const bill: Bill = {
    byService: groups(byService.pages).map((g) => ({ tagValue: tagValueOfKey(g.Keys?.[0] ?? "$"), service: g.Keys?.[1] ?? "", amortizedUsd: amount(g, "AmortizedCost") })),
    byRecordType: groups(byRecord.pages).map((g) => ({ tagValue: tagValueOfKey(g.Keys?.[0] ?? "$"), recordType: g.Keys?.[1] ?? "", amortizedUsd: amount(g, "AmortizedCost"), unblendedUsd: amount(g, "UnblendedCost") })),
  };
  return { tagKey, day, rows: reconcile(estimates, bill), cost: ledger.total() };
}
