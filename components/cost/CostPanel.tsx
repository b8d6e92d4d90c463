"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { functionQueries } from "@/components/api";
import { CostLine } from "@/components/CostLine";
import { ErrorBox, QueryError } from "@/components/ErrorBox";
import { TermsTable } from "@/components/cost/TermsTable";
import { formatCount, formatDurationMs, formatUsd, formatUtc } from "@/lib/format";
import type { FunctionCost } from "@/lib/cost/function-cost";
import { HOURS_PER_MONTH } from "@/lib/cost/prices";
import { scaledUsage } from "@/lib/cost/usage";

/** The calculator's URL for this function's measured figures, projected to a month. */
export function calculatorHref(name: string, c: FunctionCost): string | null {
  if (!c.inputs.ok) return null;
  const m = c.inputs.data;
  const u = scaledUsage(m);
  const q = new URLSearchParams({
    fn: name,
    requests: String(Math.round(u.invocations)),
    durationMs: String(Math.round((m.avgBilledDurationMs ?? 0) * 100) / 100),
    memoryMb: String(m.memorySizeMb),
    architecture: c.architecture,
  });
  if (m.provisionedConcurrency) q.set("provisionedConcurrency", String(m.provisionedConcurrency)), q.set("provisionedHours", String(HOURS_PER_MONTH));
  if (u.logGb) q.set("logGb", String(Math.round(u.logGb * 1000) / 1000));
  if (u.traces) q.set("xrayTraces", String(Math.round(u.traces)));
  return `/calculator?${q}`;
}

export function CostPanel({ name }: { name: string }) {
  const q = useQuery(functionQueries.cost(name));
  return (
    <section className="panel" aria-label="Cost" data-testid="cost-panel">
      <h2>Cost: projected month at list prices</h2>
      {q.isPending && <div className="muted">Measuring the last 7 days (one Logs Insights scan of the REPORT lines)…</div>}
      {q.isError && <QueryError title="Cost unavailable" error={q.error} />}
      {q.data && !q.data.inputs.ok && <ErrorBox title="Cost unavailable: the function's usage could not be measured" failure={q.data.inputs.error} />}
      {q.data && q.data.inputs.ok && (
        <>
          <div className="summary">
            <span>
              last 7 days: <b>{formatCount(q.data.inputs.data.invocations)}</b> invocations
            </span>
            <span>
              billed <b>{formatDurationMs(q.data.inputs.data.avgBilledDurationMs)}</b> on average (run {formatDurationMs(q.data.inputs.data.avgDurationMs)}, INIT included in billed)
            </span>
            <span>
              <b>{formatCount(q.data.inputs.data.gbSeconds)}</b> GB-s
            </span>
            <span>{q.data.inputs.data.logBytes === null ? "log bytes unknown" : <><b>{formatCount(q.data.inputs.data.logBytes / 1024 ** 2)}</b> MB of logs</>}</span>
          </div>
          {q.data.hidden.map((h) => (
            <div key={h.kind} className="error-box" role="note" data-testid={`hidden-cost-${h.kind}`}>
              <b>{h.title}</b>: {h.detail} {h.savingUsd > 0 && <b>Saving: {formatUsd(h.savingUsd)} a month.</b>}
            </div>
          ))}
          {q.data.periods.length > 0 && (
            <table className="data" data-testid="cost-periods" style={{ marginBottom: 10 }}>
              <tbody>
                {q.data.periods.map((p) => (
                  <tr key={p.label}>
                    <th>{p.label}</th>
                    <td>{formatCount(p.invocations)} invocations</td>
                    <td style={{ textAlign: "right" }}>
                      <b>{formatUsd(p.usd)}</b>
                    </td>
                    <td className="muted" style={{ fontSize: 12 }}>
                      {p.dataFromMs ? `metrics start ${formatUtc(p.dataFromMs)}: only part of the period` : "at the sample's cost per invocation"}
                      {q.data.inputs.ok && q.data.inputs.data.provisionedConcurrency > 0 && (
                        <>
                          ; provisioned concurrency for {formatCount(p.provisionedHours)} h
                          {q.data.inputs.data.provisionedSinceMs !== null && ` (configured ${formatUtc(q.data.inputs.data.provisionedSinceMs)}; none counted before)`}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
                <tr>
                  <th>Projected month</th>
                  <td>{formatCount(scaledUsage(q.data.inputs.data).invocations)} invocations</td>
                  <td style={{ textAlign: "right" }}>
                    <b>{formatUsd(q.data.monthlyUsd)}</b>
                  </td>
                  <td className="muted" style={{ fontSize: 12 }}>
                    the last {q.data.sample.hours} hours scaled to {HOURS_PER_MONTH}, term by term below
                  </td>
                </tr>
              </tbody>
            </table>
          )}
          <TermsTable terms={q.data.terms} totalUsd={q.data.monthlyUsd} testId="function-cost-terms" />
          <p className="muted" style={{ fontSize: 12 }}>
            {q.data.note} <Link href={calculatorHref(name, q.data)!} data-testid="open-calculator">Open in the calculator →</Link>
          </p>
          <CostLine cost={q.data.cost} label="Cost panel" />
        </>
      )}
    </section>
  );
}
