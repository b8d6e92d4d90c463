"use client";
import Link from "next/link";
import { useRegionHref } from "@/components/useUrlState";
import { useQuery } from "@tanstack/react-query";
import { functionQueries } from "@/components/api";
import { CostLine } from "@/components/CostLine";
import { QueryError } from "@/components/ErrorBox";
import { formatUtc } from "@/lib/format";

export function AlarmsPanel({ name }: { name: string }) {
  const regionHref = useRegionHref();
  const q = useQuery(functionQueries.alarms(name));
  return (
    <section className="panel" aria-label="CloudWatch alarms" data-testid="alarms-panel">
      <h2>CloudWatch alarms</h2>
      {q.isPending && <div className="muted">Loading…</div>}
      {q.isError && <QueryError title="Alarms unavailable" error={q.error} />}
      {q.data && q.data.alarms.length === 0 && <div className="muted">No CloudWatch alarms watch this function or its dead-letter queue.</div>}
      {q.data && q.data.alarms.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th>State</th>
              <th>Alarm</th>
              <th>Metric</th>
              <th>Condition</th>
              <th>Since</th>
              <th>Reason</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {q.data.alarms.map((a) => (
              <tr key={a.arn} data-alarm={a.name}>
                <td>
                  <span className={`status ${a.state}`}>{a.state}</span>
                </td>
                <td>{a.name}</td>
                <td>{a.metric}</td>
                <td>{a.condition}</td>
                <td>{a.stateUpdated ? formatUtc(a.stateUpdated) : "—"}</td>
                <td style={{ whiteSpace: "normal", fontSize: 12 }}>{a.stateReason}</td>
                <td>
                  <Link href={regionHref(`/functions/${name}/runbook?alarm=${encodeURIComponent(a.name)}`)} data-testid="alarm-runbook">
                    runbook
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {q.data && <CostLine cost={q.data.cost} label="Alarms" />}
    </section>
  );
}
