import "server-only";
import path from "node:path";
import { GetCostAndUsageCommand, GetTagsCommand, type Expression, type GetCostAndUsageCommandOutput } from "@aws-sdk/client-cost-explorer";
import { awsClients } from "@/lib/aws/clients";
import { accountId, servedFromCache } from "@/lib/aws/cached-fetch";
import { DiskCache } from "@/lib/cache/disk-cache";
import { CostLedger } from "@/lib/cost/observation-cost";
import type { ObservationCost } from "@/lib/types";

/** Cost Explorer refreshes about daily and bills $0.01 a request: each distinct query at most once per 6 h, across restarts. */
export const CE_TTL_MS = 6 * 3_600_000;
const cache = new DiskCache(process.env.LAMBDASCOPE_CACHE_DIR ?? path.join(process.cwd(), ".lambdascope-cache"));

/** One group of a grouped answer: the tag value ("" = untagged) and, when asked, the second key (a service). */
export type CostCell = { month: string; tagValue: string; service: string; usd: number; estimated: boolean };
/** Amortized spreads Savings Plan fees over the usage they cover, so each team sees its discounted cost; unblended is the invoice view. */
export const COST_METRICS = ["AmortizedCost", "UnblendedCost"] as const;
export type CostMetric = (typeof COST_METRICS)[number];

export type MonthlyByTag = { tagKey: string; metric: CostMetric; months: string[]; cells: CostCell[]; fetchedAtMs: number; fromCache: boolean; cost: ObservationCost };

/** "service$checkout" → "checkout"; "service$" (untagged) → "" (AWS's TAG group key format). */
export const tagValueOfKey = (key: string) => key.slice(key.indexOf("$") + 1);

/** ResultsByTime of a two-level grouping (TAG, then SERVICE) → flat cells; amounts are strings in AWS's answer. */
export function toCells(pages: Pick<GetCostAndUsageCommandOutput, "ResultsByTime">[], metric = "UnblendedCost"): CostCell[] {
  return pages.flatMap((p) =>
    (p.ResultsByTime ?? []).flatMap((r) =>
      (r.Groups ?? []).map((g) => ({
        month: (r.TimePeriod?.Start ?? "").slice(0, 7),
        tagValue: tagValueOfKey(g.Keys?.[0] ?? "$"),
        service: g.Keys?.[1] ?? "",
        usd: Number(g.Metrics?.[metric]?.Amount ?? 0),
        estimated: r.Estimated ?? false,
      })),
    ),
  );
}

/** Months as Cost Explorer's TimePeriod: Start inclusive, End exclusive ("2026-01-01" … "2026-12-01"). */
export function monthSpan(fromMonth: string, toMonth: string): { Start: string; End: string; months: string[] } {
  const months: string[] = [];
  for (let d = new Date(`${fromMonth}-01T00:00:00Z`); d <= new Date(`${toMonth}-01T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1)) months.push(d.toISOString().slice(0, 7));
  const end = new Date(`${toMonth}-01T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return { Start: `${fromMonth}-01`, End: end.toISOString().slice(0, 10), months };
}

type Group = { Type: "TAG" | "DIMENSION"; Key: string };

/**
 * One GetCostAndUsage question, every page followed, through the 6-hour disk cache. Returns the
 * pages as AWS sent them, when they were fetched, and what the asking cost (nothing from cache).
 */
export async function costAndUsage(q: { granularity: "MONTHLY" | "DAILY"; start: string; end: string; metrics: string[]; groupBy: Group[]; filter?: Expression }) {
  const key = `${await accountId()}|ce:GetCostAndUsage|${JSON.stringify(q)}`;
  const ledger = new CostLedger();
  const { value, storedAtMs, fromCache } = await cache.get(key, CE_TTL_MS, async () => {
    const pages: Pick<GetCostAndUsageCommandOutput, "ResultsByTime">[] = [];
    let NextPageToken: string | undefined;
    do {
      ledger.count("ce:GetCostAndUsage");
      const page = await awsClients().ce.send(
        new GetCostAndUsageCommand({ TimePeriod: { Start: q.start, End: q.end }, Granularity: q.granularity, Metrics: q.metrics, GroupBy: q.groupBy, Filter: q.filter, NextPageToken }),
      );
      pages.push({ ResultsByTime: page.ResultsByTime });
      NextPageToken = page.NextPageToken;
    } while (NextPageToken);
    return { pages, cost: ledger.total() };
  });
  return { pages: value.pages, fetchedAtMs: storedAtMs, fromCache, cost: fromCache ? servedFromCache(value.cost) : value.cost };
}

/** Monthly cost (amortized or unblended) grouped by a cost-allocation tag and by service. */
export async function monthlyCostByTag(tagKey: string, fromMonth: string, toMonth: string, metric: CostMetric = "AmortizedCost"): Promise<MonthlyByTag> {
  const span = monthSpan(fromMonth, toMonth);
  const r = await costAndUsage({ granularity: "MONTHLY", start: span.Start, end: span.End, metrics: [metric], groupBy: [{ Type: "TAG", Key: tagKey }, { Type: "DIMENSION", Key: "SERVICE" }] });
  return { tagKey, metric, months: span.months, cells: toCells(r.pages, metric), fetchedAtMs: r.fetchedAtMs, fromCache: r.fromCache, cost: r.cost };
}

/** The cost-allocation tag keys with cost in the span (GetTags without TagKey). */
export async function costTagKeys(fromMonth: string, toMonth: string): Promise<string[]> {
  const span = monthSpan(fromMonth, toMonth);
  const key = `${await accountId()}|ce:GetTags|${span.Start}|${span.End}`;
  const { value } = await cache.get(key, CE_TTL_MS, async () => {
    const out = await awsClients().ce.send(new GetTagsCommand({ TimePeriod: { Start: span.Start, End: span.End } }));
    return out.Tags ?? [];
  });
  return value;
}
