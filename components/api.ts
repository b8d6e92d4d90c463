import { queryOptions } from "@tanstack/react-query";
import type { Range } from "@/lib/ranges";
import type { RunbookResult } from "@/lib/runbook/result";
import type { FunctionCost } from "@/lib/cost/function-cost";
import type { AlarmInfo, AwsFailure, FleetOverview, FunctionMetrics, ObservationCost } from "@/lib/types";

/** A non-2xx answer from our API, with the body's `error` (a field/reason or an AWS failure). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: Partial<AwsFailure> & { field?: string; reason?: string } },
  ) {
    super(body.error?.message ?? body.error?.reason ?? `HTTP ${status}`);
  }
}

/** The page's Region (`?region=` in its URL; none = the dashboard's default), sent with every API call. */
export function pageRegion(): string | null {
  return typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("region");
}

/**
 * Every call to our API goes through here: it carries the page's Region (unless the URL names one, as
 * the overview's `region=all` does) and names the page, so the dashboard's spend log can say which
 * page spent what (/about/cost).
 */
export function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const region = pageRegion();
  const target = new URL(url, window.location.origin);
  if (region && region !== "all" && !target.searchParams.has("region")) target.searchParams.set("region", region);
  const headers = new Headers(init.headers);
  headers.set("x-lambdascope-page", window.location.pathname);
  return fetch(target.pathname + target.search, { ...init, headers });
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await apiFetch(url, { signal });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body);
  return body as T;
}

/** A link within the dashboard that keeps a Region (none for the default one). */
export const withRegion = (href: string, region: string | null | undefined) =>
  region && region !== "all" ? `${href}${href.includes("?") ? "&" : "?"}region=${encodeURIComponent(region)}` : href;

// Server answers are cached for a minute (LAMBDASCOPE_CACHE_TTL_S): asking sooner gets the same data.
const STALE_MS = 60_000;

/** Rows a fleet page holds: the table asks for the pages it is about to show, never the whole fleet. */
export const FLEET_PAGE_ROWS = 200;

export const fleetQueries = {
  /** `view`: range, region, sort, dir and the filters, as the page's URL has them. */
  page: (view: Record<string, string>, page: number) =>
    queryOptions({
      queryKey: ["fleet", view, page],
      queryFn: ({ signal }) =>
        getJson<FleetOverview>(`/api/functions?${new URLSearchParams({ ...view, offset: String(page * FLEET_PAGE_ROWS), limit: String(FLEET_PAGE_ROWS) })}`, signal),
      staleTime: STALE_MS,
    }),
};

export const functionQueries = {
  metrics: (name: string, range: Range) =>
    queryOptions({
      queryKey: ["function", name, "metrics", range],
      queryFn: ({ signal }) => getJson<FunctionMetrics>(`/api/functions/${encodeURIComponent(name)}/metrics?range=${range}`, signal),
      staleTime: STALE_MS,
    }),
  alarms: (name: string) =>
    queryOptions({
      queryKey: ["function", name, "alarms"],
      queryFn: ({ signal }) => getJson<{ alarms: AlarmInfo[]; cost: ObservationCost }>(`/api/functions/${encodeURIComponent(name)}/alarms`, signal),
      staleTime: STALE_MS,
    }),
  cost: (name: string) =>
    queryOptions({
      queryKey: ["function", name, "cost"],
      queryFn: ({ signal }) => getJson<FunctionCost>(`/api/functions/${encodeURIComponent(name)}/cost`, signal),
      staleTime: 15 * 60_000, // the server keeps a week's measurement for 15 minutes
    }),
  /** `query`: the runbook's own URL parameters (window | from&to | alarm, baselineDays), passed through. */
  runbook: (name: string, query: string) =>
    queryOptions({
      queryKey: ["function", name, "runbook", query],
      queryFn: ({ signal }) => getJson<RunbookResult>(`/api/functions/${encodeURIComponent(name)}/runbook${query ? `?${query}` : ""}`, signal),
      staleTime: STALE_MS,
      retry: false, // a 400/404 will not get better, and the runbook already retries AWS itself
    }),
};
