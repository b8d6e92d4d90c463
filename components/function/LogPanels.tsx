"use client";
import { ErrorBox, QueryError } from "@/components/ErrorBox";
import { TimeChart } from "@/components/charts/TimeChart";
import { RunProgress } from "@/components/insights/RunProgress";
import { isFinished, useInsightsRun, type JoinedRun } from "@/components/insights/useInsightsRun";
import { useUrlState } from "@/components/useUrlState";
import { formatCount, formatDurationMs, formatPct, formatUtc } from "@/lib/format";
import { requestLogsUrl } from "@/lib/insights/console-links";
import { toErrorSamples, toHealth } from "@/lib/insights/health";
import type { RunState } from "@/lib/insights/runs";
import type { SeriesPoint } from "@/lib/types";

const HOUR_S = 3_600;

function RunBody({ title, run, joined, error, cancel, children }: { title: string; run?: RunState; joined?: JoinedRun; error: unknown; cancel: () => void; children: (run: RunState) => React.ReactNode }) {
  if (error) return <QueryError title={`${title}: the Logs Insights query could not start`} error={error} />;
  if (!run) return <div className="muted">Starting the Logs Insights query…</div>;
  return (
    <>
      <RunProgress run={run} joined={joined} onCancel={cancel} />
      {run.error && <ErrorBox title={`${title} unavailable`} failure={run.error} />}
      {run.status === "Complete" && children(run)}
      {isFinished(run) && run.status === "Cancelled" && <div className="muted">Cancelled. Change the range or reload to run it again.</div>}
    </>
  );
}

/** The health page's log panels: one scan (queries/function-health) for three panels, one for errors. */
export function LogPanels({ name, region }: { name: string; region: string }) {
  const { range } = useUrlState();
  const health = useInsightsRun({ query: "function-health", functions: [name], range });
  const errors = useInsightsRun({ query: "errors-with-request-ids", functions: [name], range });
  const shaped = health.run?.rows ? toHealth(health.run.rows) : null;
  const points = (shaped?.points ?? []) as unknown as SeriesPoint[];
  const s = shaped?.summary;

  return (
    <div className="grid2" data-testid="log-panels">
      <section className="panel" aria-label="Cold starts (logs)">
        <h2>Cold starts (from REPORT lines)</h2>
        <RunBody title="Cold starts" {...health} error={health.error}>
          {() => (
            <>
              <div className="summary" data-testid="cold-start-summary">
                <span><b data-testid="cold-start-pct">{formatPct(s!.coldStartPct)}</b> of {formatCount(s!.invocations)} invocations started cold ({formatCount(s!.coldStarts)})</span>
                <span>init {formatDurationMs(s!.avgInitDurationMs)} on average</span>
              </div>
              <TimeChart testId="chart-cold-starts" data={points} periodS={HOUR_S} format={formatCount} formatRight={(v) => `${v.toFixed(0)}%`}
                series={[{ key: "coldStarts", name: "Cold starts", color: "#6f42c1", kind: "bar" }, { key: "coldStartPct", name: "Cold-start rate", color: "#c62828", axis: "right" }]} />
            </>
          )}
        </RunBody>
      </section>
      <section className="panel" aria-label="Duration (logs)">
        <h2>Duration from logs, per hour</h2>
        <RunBody title="Duration" {...health} error={health.error}>
          {() => (
            <TimeChart testId="chart-log-duration" data={points} periodS={HOUR_S} format={formatDurationMs}
              series={[{ key: "p50DurationMs", name: "p50", color: "#1a7f37" }, { key: "p95DurationMs", name: "p95", color: "#9a6700" }, { key: "p99DurationMs", name: "p99", color: "#c62828" }, { key: "maxDurationMs", name: "max", color: "#8c959f" }]} />
          )}
        </RunBody>
      </section>
      <section className="panel" aria-label="Memory utilisation">
        <h2>Memory utilisation (max memory used / memory size)</h2>
        <RunBody title="Memory utilisation" {...health} error={health.error}>
          {() => (
            <>
              <div className="summary" data-testid="memory-summary">
                <span>peak <b data-testid="max-utilisation">{formatPct(s!.maxUtilisationPct)}</b> of {s!.memorySizeMb ?? "?"} MB</span>
                <span>p99 <b>{formatPct(s!.p99UtilisationPct)}</b></span>
                <span>headroom at the peak <b>{s!.headroomMb === null ? "—" : `${s!.headroomMb.toFixed(0)} MB`}</b></span>
              </div>
              <TimeChart testId="chart-memory" data={points} periodS={HOUR_S} format={(v) => `${v.toFixed(0)}%`} reference={{ value: 100, label: "memory size" }}
                series={[{ key: "maxUtilisationPct", name: "max", color: "#c62828" }, { key: "p99UtilisationPct", name: "p99", color: "#9a6700" }]} />
            </>
          )}
        </RunBody>
      </section>
      <section className="panel" aria-label="Latest errors">
        <h2>Latest errors</h2>
        <RunBody title="Errors" {...errors} error={errors.error}>
          {(run) => {
            const samples = toErrorSamples(run.rows ?? []);
            if (samples.length === 0) return <div className="muted">No errors, timeouts or out-of-memory kills in the range.</div>;
            return (
              <div style={{ maxHeight: 320, overflowY: "auto" }}>
                <table className="data" data-testid="error-samples">
                  <thead><tr><th>Time</th><th>Kind</th><th>Message</th><th>Request</th></tr></thead>
                  <tbody>
                    {samples.slice(0, 20).map((e, i) => {
                      const href = requestLogsUrl({ region, logGroup: e.logGroup, requestId: e.requestId, atMs: e.timestampMs });
                      return (
                        <tr key={`${e.requestId}-${i}`}>
                          <td>{formatUtc(e.timestampMs).slice(5)}</td>
                          <td>{e.kind}</td>
                          <td className="wrap" style={{ maxWidth: 420 }}>{e.message}</td>
                          <td>{href ? <a href={href} target="_blank" rel="noreferrer" data-testid="request-link">{e.requestId}</a> : e.requestId}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          }}
        </RunBody>
      </section>
    </div>
  );
}
