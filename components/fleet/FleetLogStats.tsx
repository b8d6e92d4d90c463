"use client";
import Link from "next/link";
import { ErrorBox, QueryError } from "@/components/ErrorBox";
import { isFinished, useFleetLogStats } from "@/components/fleet/useFleetLogStats";
import { useUrlState } from "@/components/useUrlState";
import type { FleetLogStats as Stats, FunctionLogStats } from "@/lib/fleet/log-stats";
import type { FleetLogStatsRun, LogStatsPlan } from "@/lib/fleet/log-stats-run";
import { formatBytes, formatCount, formatDurationMs, formatMemoryMb, formatPct, formatUsd, formatUtc } from "@/lib/format";

const TOP_N = 10;
const s = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
const gbS = (n: number) => `${n.toLocaleString("en-US", { maximumFractionDigits: n >= 100 ? 0 : 2 })} GB-s`;

/** Fleet-wide statistics from the logs: one Logs Insights scan of every function's REPORT lines, on request. */
export function FleetLogStats() {
  const { range, params } = useUrlState();
  // Logs Insights reads one Region's log groups per query: the scan follows the picked Region.
  if (params.get("region") === "all")
    return (
      <section className="panel muted" data-testid="fleet-log-stats">
        Statistics from the logs scan one Region at a time: pick a Region to scan its log groups.
      </section>
    );
  return <RegionLogStats range={range} />;
}

function RegionLogStats({ range }: { range: ReturnType<typeof useUrlState>["range"] }) {
  const { plan, run, joined, error, isStarting, start, cancel } = useFleetLogStats(range);
  const running = !!run && !isFinished(run);
  return (
    <section className="panel" data-testid="fleet-log-stats">
      <h2>From the logs: cold starts, memory peaks, billed GB-s</h2>
      {plan.isPending && <div className="muted">Counting log groups…</div>}
      {plan.isError && <QueryError title="Could not list the functions to scan" error={plan.error} />}
      {plan.data && (
        <div className="toolbar">
          <span data-testid="scan-plan">
            <PlanText plan={plan.data.plan} />
          </span>
          <button type="button" data-testid="scan-logs" onClick={start} disabled={running || isStarting || plan.data.plan.logGroups === 0}>
            Scan logs
          </button>
        </div>
      )}
      {error != null && <QueryError title="The log scan could not start" error={error} />}
      {run && <RunLine run={run} joined={joined} onCancel={running ? cancel : undefined} />}
      {run?.error && <ErrorBox title={`The log scan ended ${run.status}`} failure={run.error} />}
      {run?.stats && <StatsView stats={run.stats} />}
    </section>
  );
}

function PlanText({ plan }: { plan: LogStatsPlan }) {
  return (
    <>
      Scans the REPORT lines of <b>{s(plan.logGroups, "log group")}</b> in <b>{s(plan.queries, "Logs Insights query")}</b> (50 log groups a query) over the last {plan.range} (
      {formatUtc(plan.window.startMs)} → {formatUtc(plan.window.endMs)}). Logs Insights bills $0.005 per GB scanned, so it runs only when you ask.
    </>
  );
}

/** Progress while it runs; what it scanned and cost once it has ended, and whether that was reused. */
function RunLine({ run, joined, onCancel }: { run: FleetLogStatsRun; joined: boolean; onCancel?: () => void }) {
  const secs = (((run.finishedAtMs ?? Date.now()) - run.startedAtMs) / 1000).toFixed(1);
  const p = run.progress;
  return (
    <div className="run-progress" data-testid="scan-progress" data-status={run.status}>
      {onCancel && <div className="progress-bar" role="progressbar" aria-label="Scanning the fleet's logs" />}
      <span>
        <b>{run.status}</b> · <span data-testid="scan-records">{p.recordsScanned.toLocaleString("en-US")}</span> records ·{" "}
        <span data-testid="scan-bytes">{formatBytes(p.bytesScanned)}</span> scanned ≈ <span data-testid="scan-usd">{formatUsd(run.cost.usd)}</span> · queries{" "}
        <span data-testid="scan-queries">
          {p.queriesDone ?? 0}/{p.queries ?? run.plan.queries}
        </span>{" "}
        ({run.cost.awsCalls["logs:StartQuery"] ?? 0} StartQuery) · {secs} s
        {run.fromCache && run.finishedAtMs && (
          <span data-testid="scan-from-cache">
            {" "}
            · from cache: scanned {formatUtc(run.finishedAtMs)}, nothing scanned now
          </span>
        )}
        {joined && <span data-testid="scan-joined"> · joined a scan another view started: scanned and billed once</span>}
      </span>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

function StatsView({ stats }: { stats: Stats }) {
  const t = stats.totals;
  return (
    <>
      <div className="summary" data-testid="scan-totals">
        <span>
          <b data-testid="total-functions">{t.functions.toLocaleString("en-US")}</b> functions invoked
        </span>
        <span>
          <b data-testid="total-invocations">{t.invocations.toLocaleString("en-US")}</b> invocations
        </span>
        <span>
          <b data-testid="total-cold-starts">{t.coldStarts.toLocaleString("en-US")}</b> cold starts (<b data-testid="total-cold-start-pct">{formatPct(t.coldStartPct)}</b>)
        </span>
        <span>
          <b data-testid="total-gb-seconds">{gbS(t.billedGbSeconds)}</b> billed
          {t.computeUsd !== null && (
            <>
              {" "}
              ≈ <b data-testid="total-compute-usd">{formatUsd(t.computeUsd)}</b> duration at list price
            </>
          )}
        </span>
      </div>
      <div className="calc-grid" style={{ gridTemplateColumns: "repeat(3, minmax(0, 1fr))" }}>
        <TopList testId="top-cold-starts" title="Highest cold-start rate" rows={stats.top.coldStartPct} figure={(f) => `${formatPct(f.coldStartPct)} of ${formatCount(f.invocations)} · init ${formatDurationMs(f.avgInitDurationMs)} avg, ${formatDurationMs(f.maxInitDurationMs)} max`} empty="no cold starts (among functions with ≥ 20 invocations)" />
        <TopList testId="top-gb-seconds" title="Most billed GB-s" rows={stats.top.billedGbSeconds} figure={(f) => `${gbS(f.billedGbSeconds)} at ${formatMemoryMb(f.memoryMb)}`} empty="no invocations" />
        <TopList testId="near-memory-limit" title="Memory peak ≥ 90 % of its size" rows={stats.top.nearMemoryLimit} figure={(f) => `${formatPct(f.peakMemoryPct)} · ${Math.round(f.peakMemoryUsedMb ?? 0)} MB peak`} empty="none: every function kept 10 % headroom" />
      </div>
    </>
  );
}

function TopList({ testId, title, rows, figure, empty }: { testId: string; title: string; rows: FunctionLogStats[]; figure: (f: FunctionLogStats) => string; empty: string }) {
  return (
    <div data-testid={testId}>
      <b>{title}</b>
      {rows.length === 0 ? (
        <div className="muted">{empty}</div>
      ) : (
        <ol style={{ margin: "4px 0", paddingLeft: 20 }}>
          {rows.slice(0, TOP_N).map((f) => (
            <li key={f.name} data-function={f.name}>
              <Link href={`/functions/${f.name}`}>{f.name}</Link> <span className="muted">{figure(f)}</span>
            </li>
          ))}
        </ol>
      )}
      {rows.length > TOP_N && <div className="muted">and {rows.length - TOP_N} more</div>}
    </div>
  );
}
