import "server-only";
import { currentRegion } from "@/lib/observe/scope";
import { awsCache, type Costed } from "@/lib/cache/cache";
import { getConfig } from "@/lib/config";
import { CostLedger } from "@/lib/cost/observation-cost";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { awsClients } from "@/lib/aws/clients";
import { panel, type Panel } from "@/lib/aws/errors";
import type { ObservationCost } from "@/lib/types";

const HOUR_MS = 3_600_000;

/** The account behind the credentials, part of every cache key (several accounts may share a cache). */
export async function accountId(region = currentRegion()): Promise<string> {
  return awsCache.get(`sts|${region}|${getConfig().endpointUrl ?? "aws"}`, HOUR_MS, async () => {
    const out = await awsClients(region).sts.send(new GetCallerIdentityCommand({}));
    return out.Account ?? "unknown";
  });
}

/** How long an answer is fresh, and how much longer it may be served while it is reloaded (TtlCache). */
export type CachePolicy = number | { ttlMs: number; staleMs: number };

/**
 * Fetches through the shared cache, keyed by account + region + what was asked, and remembers what
 * the fetch cost so a view can show it even when it was served from cache.
 */
export async function cachedFetch<T>(
  what: string,
  policy: CachePolicy,
  load: (ledger: CostLedger) => Promise<T>,
  region = currentRegion(),
): Promise<Required<Costed<T>> & { fromCache: boolean }> {
  const key = `${await accountId(region)}|${region}|${what}`;
  const { ttlMs, staleMs } = typeof policy === "number" ? { ttlMs: policy, staleMs: 0 } : policy;
  // Served from the cache (a stale answer too, while its reload runs), or joined a fetch another
  // request started: this request spent nothing on what it got.
  let mine: Costed<T> | undefined;
  const got = await awsCache.get(
    key,
    ttlMs,
    async () => {
      const ledger = new CostLedger();
      const value = await load(ledger);
      return (mine = { value, cost: ledger.total(), fetchedAtMs: Date.now() });
    },
    staleMs,
  );
  const fetchedAtMs = got.fetchedAtMs ?? Date.now();
  return got === mine ? { ...got, fetchedAtMs, fromCache: false } : { value: got.value, cost: servedFromCache(got.cost), fetchedAtMs, fromCache: true };
}

/** A stored cost as it counts for a request the cache answered: the same calls, nothing spent now. */
export const servedFromCache = (cost: ObservationCost): ObservationCost => ({ ...cost, spentUsd: 0, fromCache: true });

/** A cached fetch as one page panel: its data or its failure, with its cost added to the view's ledger. */
export function cachedPanel<T>(
  action: string,
  what: string,
  policy: CachePolicy,
  load: (ledger: CostLedger) => Promise<T>,
  viewLedger: CostLedger,
): Promise<Panel<T>> {
  return panel(action, async () => {
    const { value, cost } = await cachedFetch(what, policy, load);
    viewLedger.merge(cost);
    return value;
  });
}
