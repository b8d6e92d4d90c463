"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { apiFetch, getJson, ApiError } from "@/components/api";
import type { RunState } from "@/lib/insights/runs";
import type { Range } from "@/lib/ranges";

/** How a start met an identical run: still running (joined), or already ended (reused). */
export type JoinedRun = "running" | "ended";

const TERMINAL = new Set(["Complete", "Failed", "Cancelled", "Timeout", "Unknown", "DeadlineExceeded"]);
export const isFinished = (s: RunState | undefined) => s !== undefined && TERMINAL.has(s.status);

async function postRun(body: { query: string; functions: string[]; range: Range }, signal?: AbortSignal): Promise<RunState> {
  const res = await apiFetch("/api/insights/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, json);
  return json as RunState;
}

/**
 * Starts a saved query over some functions (the server joins an identical run if one is going) and
 * follows it: polled every 700 ms while it runs, so progress shows; then kept like any cached view.
 */
export function useInsightsRun(p: { query: string; functions: string[]; range: Range; enabled?: boolean }) {
  const start = useQuery({
    queryKey: ["insights-run", p.query, p.functions, p.range],
    queryFn: ({ signal }) => postRun({ query: p.query, functions: p.functions, range: p.range }, signal),
    enabled: p.enabled !== false && p.functions.length > 0,
    staleTime: 60_000,
    retry: false,
  });
  const runId = start.data?.runId;
  const poll = useQuery({
    queryKey: ["insights-run-state", runId],
    queryFn: ({ signal }) => getJson<RunState>(`/api/insights/runs/${runId}`, signal),
    enabled: runId !== undefined,
    initialData: start.data,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 700),
    staleTime: Infinity,
    retry: false,
  });
  const cancel = useMutation({
    mutationFn: async () => {
      const res = await apiFetch(`/api/insights/runs/${runId}`, { method: "DELETE" });
      return (await res.json()) as RunState;
    },
    onSuccess: () => poll.refetch(),
  });
  // Only the start's answer says whether it joined an identical run, and whether that had ended then;
  // polls do not (a joined run that ends later was still joined, not reused).
  const joined: JoinedRun | undefined = start.data?.joined ? (start.data.finishedAtMs ? "ended" : "running") : undefined;
  return { run: poll.data, joined, error: start.error ?? poll.error, isStarting: start.isPending, cancel: () => cancel.mutate(), restart: () => start.refetch() };
}
