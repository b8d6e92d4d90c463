import "server-only";
import { awsCache, type Costed } from "@/lib/cache/cache";
import { getConfig } from "@/lib/config";
import { CostLedger } from "@/lib/cost/observation-cost";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { awsClients } from "@/lib/aws/clients";
import { panel, type Panel } from "@/lib/aws/errors";

const HOUR_MS = 3_600_000;

/** The account behind the credentials, part of every cache key (several accounts may share a cache). */
export async function accountId(region = getConfig().region): Promise<string> {
  return awsCache.get(`sts|${region}|${getConfig().endpointUrl ?? "aws"}`, HOUR_MS, async () => {
    const out = await awsClients(region).sts.send(new GetCallerIdentityCommand({}));
    return out.Account ?? "unknown";
  });
}

/**
 * Fetches through the shared cache, keyed by account + region + what was asked, and remembers what
 * the fetch cost so a view can show it even when it was served from cache.
 */
export async function cachedFetch<T>(
  what: string,
  ttlMs: number,
  load: (ledger: CostLedger) => Promise<T>,
  region = getConfig().region,
): Promise<Costed<T>> {
  const key = `${await accountId(region)}|${region}|${what}`;
  return awsCache.get(key, ttlMs, async () => {
    const ledger = new CostLedger();
    const value = await load(ledger);
    return { value, cost: ledger.total() };
  });
}

/** A cached fetch as one page panel: its data or its failure, with its cost added to the view's ledger. */
export function cachedPanel<T>(
  action: string,
  what: string,
  ttlMs: number,
  load: (ledger: CostLedger) => Promise<T>,
  viewLedger: CostLedger,
): Promise<Panel<T>> {
  return panel(action, async () => {
    const { value, cost } = await cachedFetch(what, ttlMs, load);
    viewLedger.merge(cost);
    return value;
  });
}
