import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { getConfig } from "@/lib/config";

/**
 * Who a piece of server work is for: the Region it reads and the page that asked (for the spend
 * log). Set once per request by the route wrapper (lib/http/scoped.ts) or a server page; everything
 * the request starts, including work that outlives it (a Logs Insights run, a single-flight load
 * others join), inherits it, so lib/ code needs no region parameter threaded through every call.
 */
export type Scope = { region: string; page: string };

const storage = new AsyncLocalStorage<Scope>();

/** Requests with no page header (scripts, curl) are attributed to the API itself. */
export const API_PAGE = "(API)";

export function runInScope<T>(scope: Scope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentScope(): Scope {
  return storage.getStore() ?? { region: getConfig().region, page: API_PAGE };
}

export const currentRegion = () => currentScope().region;

/** Whether a route's scope wrapper set the scope (and so has read its `?region=`). */
export const inRequestScope = () => storage.getStore() !== undefined;
