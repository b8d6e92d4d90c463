import "server-only";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { chunk } from "@/lib/metrics/chunk";
import { MAX_LOG_GROUPS_PER_QUERY, TERMINAL_STATUSES, runQuery, type InsightsQuery, type InsightsResult, type QueryProgress } from "@/lib/insights/run-query";

type Options = Parameters<typeof runQuery>[2];

const sumProgress = (all: QueryProgress[], status: string): QueryProgress => ({
  status,
  recordsScanned: all.reduce((a, p) => a + p.recordsScanned, 0),
  recordsMatched: all.reduce((a, p) => a + p.recordsMatched, 0),
  bytesScanned: all.reduce((a, p) => a + p.bytesScanned, 0),
  queries: all.length,
  queriesDone: all.filter((p) => TERMINAL_STATUSES.has(p.status)).length,
});

/**
 * Runs a query over any number of log groups, 50 a query (StartQuery's limit), and joins the rows.
 * Only for queries whose rows stand alone per log group: raw rows, or `stats … by @log` (a fleet-wide
 * scan); a `stats … by bin()` over all groups would come back once per batch. Progress is the sum
 * over the batches; the semaphore in `opts` bounds how many run at once. If one batch fails, the
 * others are stopped (StopQuery) rather than left scanning.
 */
export async function runOverLogGroups(client: CloudWatchLogsClient, q: InsightsQuery, opts: Options): Promise<InsightsResult & { queries: number }> {
  const batches = chunk([...new Set(q.logGroupNames)], MAX_LOG_GROUPS_PER_QUERY);
  const latest = batches.map((): QueryProgress => ({ status: "Scheduled", recordsScanned: 0, recordsMatched: 0, bytesScanned: 0 }));
  const stopAll = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopAll.signal]) : stopAll.signal;
  const results = await Promise.all(
    batches.map((logGroupNames, i) =>
      runQuery(client, { ...q, logGroupNames }, {
        ...opts,
        signal,
        onProgress: (p) => {
          latest[i] = p;
          opts.onProgress?.(sumProgress(latest, "Running"));
        },
      }).catch((err) => {
        stopAll.abort(err);
        throw err;
      }),
    ),
  );
  return {
    status: "Complete",
    queryId: results.map((r) => r.queryId).join(","),
    rows: results.flatMap((r) => r.rows),
    statistics: sumProgress(latest, "Complete"),
    queries: batches.length,
  };
}
