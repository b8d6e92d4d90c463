"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiFetch, getJson } from "@/components/api";
import type { FleetLogStatsRun, LogStatsPlan } from "@/lib/fleet/log-stats-run";
import type { Range } from "@/lib/ranges";

const TERMINAL = new Set(["Complete", "Failed", "Cancelled", "Timeout", "Unknown", "DeadlineExceeded"]);
export const isFinished = (run: FleetLogStatsRun | undefined | null) => !!run && TERMINAL.has(run.status);

async function send(method: "POST" | "DELETE", url: string, body?: unknown): Promise<FleetLogStatsRun> {
  const res = await apiFetch(url, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, json);
  return json as FleetLogStatsRun;
}

/**
 * The fleet scan for a range: its plan (what a scan would read, free), and once the user asks, the
 * run (started or joined on the server), polled every 700 ms until it ends. Never started by itself.
 */
export function useFleetLogStats(range: Range) {
  const plan = useQuery({
    queryKey: ["fleet-log-stats", "plan", range],
    queryFn: ({ signal }) => getJson<{ plan: LogStatsPlan; cached: FleetLogStatsRun | null }>(`/api/fleet/log-stats?range=${range}`, signal),
    staleTime: 60_000,
    retry: false,
    refetchOnWindowFocus: false,
  });
  // The run the user started, for the range it was started for: a new range starts from its plan.
  const [started, setStarted] = useState<{ range: Range; run: FleetLogStatsRun } | null>(null);
  const mine = started?.range === range ? started.run : null;
  const start = useMutation({ mutationFn: () => send("POST", "/api/fleet/log-stats", { range }), onSuccess: (run) => setStarted({ range, run }) });
  const runId = mine?.runId ?? null;
  const poll = useQuery({
    queryKey: ["fleet-log-stats", "run", runId],
    queryFn: ({ signal }) => getJson<FleetLogStatsRun>(`/api/fleet/log-stats/${runId}`, signal),
    enabled: runId !== null,
    initialData: mine ?? undefined,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 700),
    staleTime: Infinity,
    retry: false,
  });
  const cancel = useMutation({ mutationFn: () => send("DELETE", `/api/fleet/log-stats/${runId}`), onSuccess: () => poll.refetch() });
  const run = (runId ? poll.data : mine) ?? plan.data?.cached ?? null;
  // Only the start's answer says whether it joined a scan already running; polls do not.
  return { plan, run, joined: mine?.joined === true, error: start.error ?? poll.error, isStarting: start.isPending, start: () => start.mutate(), cancel: () => cancel.mutate() };
}
