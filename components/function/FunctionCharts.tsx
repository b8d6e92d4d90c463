"use client";
import { useEffect } from "react";
import { useQuery } from "@tanstack/react-query";
import { functionQueries } from "@/components/api";
import { preloadTimeChart, TimeChart } from "@/components/charts/TimeChart";
import { CostLine } from "@/components/CostLine";
import { QueryError } from "@/components/ErrorBox";
import { RangePicker } from "@/components/RangePicker";
import { StatusBadge } from "@/components/StatusBadge";
import { useUrlState } from "@/components/useUrlState";
import { formatAgeS, formatCount, formatDurationMs, formatPct } from "@/lib/format";

function ChartPanel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function FunctionCharts({ name }: { name: string }) {
  const { range, set } = useUrlState();
  const q = useQuery(functionQueries.metrics(name, range));
  // The charts are this page's first view: fetch recharts while the metrics load, not after.
  useEffect(preloadTimeChart, []);
  const body = (render: (d: NonNullable<typeof q.data>) => React.ReactNode) =>
    q.isPending ? <div className="chart-empty" style={{ height: 220 }}>Loading…</div> : q.isError ? <QueryError title="Metrics unavailable" error={q.error} /> : render(q.data);

  return (
    <>
      <div className="toolbar">
        <RangePicker value={range} onChange={(r) => set({ range: r })} />
        {q.data && (
          <span className="summary" style={{ margin: 0 }} data-testid="metric-totals">
            <span data-testid="function-status">
              <StatusBadge status={q.data.status.status} /> {q.data.status.reasons.join("; ")}
            </span>
            <span>
              <b>{formatCount(q.data.totals.invocations)}</b> invocations
            </span>
            <span>
              <b>{formatCount(q.data.totals.errors)}</b> errors ({formatPct(q.data.totals.errorRatePct)})
            </span>
            <span>
              <b data-testid="throttle-total">{formatCount(q.data.totals.throttles)}</b> throttles
            </span>
            <span>period {q.data.window.periodS / 60} min</span>
          </span>
        )}
      </div>
      <div className="grid2">
        <ChartPanel title="Invocations and errors">
          {body((d) => (
            <TimeChart testId="chart-invocations" data={d.lambda} periodS={d.window.periodS} format={formatCount}
              series={[{ key: "invocations", name: "Invocations", color: "#2457c5" }, { key: "errors", name: "Errors", color: "#c62828" }]} />
          ))}
        </ChartPanel>
        <ChartPanel title="Throttles and concurrency">
          {body((d) => (
            <TimeChart testId="chart-concurrency" data={d.lambda} periodS={d.window.periodS} format={formatCount} formatRight={formatCount}
              reference={d.reservedConcurrency !== null ? { value: d.reservedConcurrency, label: `reserved ${d.reservedConcurrency}` } : undefined}
              series={[{ key: "concurrency", name: "ConcurrentExecutions (max)", color: "#6f42c1" }, { key: "throttles", name: "Throttles (right axis)", color: "#e57373", kind: "bar", axis: "right" }]} />
          ))}
        </ChartPanel>
        <ChartPanel title="Duration">
          {body((d) => (
            <TimeChart testId="chart-duration" data={d.lambda} periodS={d.window.periodS} format={formatDurationMs}
              series={[
                { key: "p50", name: "p50", color: "#1a7f37" },
                { key: "p95", name: "p95", color: "#9a6700" },
                { key: "p99", name: "p99", color: "#c62828" },
                { key: "max", name: "max", color: "#8c959f" },
              ]} />
          ))}
        </ChartPanel>
        <ChartPanel title="Dead-letter queue">
          {body((d) =>
            d.dlq ? (
              <>
                <div className="muted">{d.dlq.queueName}</div>
                <TimeChart testId="chart-dlq" data={d.dlq.points} periodS={d.window.periodS} format={formatCount} formatRight={formatAgeS}
                  series={[{ key: "visible", name: "Messages visible", color: "#c62828" }, { key: "ageS", name: "Age of oldest", color: "#8c959f", axis: "right" }]} />
              </>
            ) : (
              <div className="chart-empty">No dead-letter queue or SQS on-failure destination configured.</div>
            ),
          )}
        </ChartPanel>
      </div>
      {q.data && <CostLine cost={q.data.cost} label="These charts" />}
    </>
  );
}
