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

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body);
  return body as T;
}

// Server answers are cached for a minute (LAMBDASCOPE_CACHE_TTL_S): asking sooner gets the same data.
const STALE_MS = 60_000;

export const fleetQueries = {
  overview: (range: Range) =>
    queryOptions({
      queryKey: ["fleet", range],
      queryFn: ({ signal }) => getJson<FleetOverview>(`/api/functions?range=${range}`, signal),
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
