"use client";
import { useQuery } from "@tanstack/react-query";
import { getJson } from "@/components/api";
import { QueryError } from "@/components/ErrorBox";
import { useUrlState } from "@/components/useUrlState";
import { formatBytes, formatUsd, formatUtc } from "@/lib/format";
import type { SpendLine, SpendReport } from "@/lib/observe/spend-report";

type Answer = SpendReport & { shared: boolean; sinceMs: number | null };
const DAY_CHOICES = [1, 7, 31] as const;

/** Sub-cent amounts matter here (a refresh of a small fleet is $0.002, an SQS read $0.0000004): two significant digits below a cent. */
const usd = (n: number) => (n === 0 ? "$0" : n < 0.01 ? `$${n.toFixed(Math.min(10, 1 - Math.floor(Math.log10(n))))}` : formatUsd(n));

function Lines({ title, lines, days, testId, what }: { title: string; lines: SpendLine[]; days: string[]; testId: string; what: string }) {
  const shownDays = days.slice(-7);
  return (
    <div className="panel" style={{ padding: 0, overflowX: "auto" }}>
      <h3 style={{ margin: "10px 14px" }}>{title}</h3>
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            <th>{what}</th>
            <th className="num">AWS calls</th>
            <th className="num">metrics requested</th>
            <th className="num">Logs Insights scanned</th>
            {shownDays.map((d) => (
              <th key={d} className="num">
                {d.slice(5)}
              </th>
            ))}
            <th className="num">total</th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 && (
            <tr>
              <td colSpan={5 + shownDays.length} className="muted">
                No AWS calls yet in this period.
              </td>
            </tr>
          )}
          {lines.map((l) => (
            <tr key={l.key} data-key={l.key}>
              <td>{l.key}</td>
              <td className="num">{l.calls.toLocaleString("en-US")}</td>
              <td className="num">{l.metricsRequested.toLocaleString("en-US")}</td>
              <td className="num">{l.bytesScanned ? formatBytes(l.bytesScanned) : "—"}</td>
              {shownDays.map((d) => (
                <td key={d} className="num">
                  {usd(l.usdByDay[d] ?? 0)}
                </td>
              ))}
              <td className="num" data-col="usd">
                <b>{usd(l.usd)}</b>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the dashboard itself has spent on AWS: every request it made, priced, by day, page, action and Region. */
export function DashboardSpend() {
  const { params, set } = useUrlState();
  const days = DAY_CHOICES.find((d) => String(d) === params.get("days")) ?? 7;
  const q = useQuery({
    queryKey: ["about-cost", days],
    queryFn: ({ signal }) => getJson<Answer>(`/api/about/cost?days=${days}`, signal),
    refetchInterval: 30_000, // reading the log costs nothing on AWS
  });
  return (
    <>
      <div className="toolbar">
        <span className="segmented" role="group" aria-label="Days">
          {DAY_CHOICES.map((d) => (
            <button key={d} type="button" aria-pressed={d === days} onClick={() => set({ days: String(d) })}>
              {d === 1 ? "today" : `${d} days`}
            </button>
          ))}
        </span>
      </div>
      {q.isPending && <div className="panel muted">Reading the spend log…</div>}
      {q.isError && <QueryError title="Could not read the spend log" error={q.error} />}
      {q.data && (
        <>
          <div className="summary" data-testid="spend-summary">
            <span>
              <b data-testid="spend-total">{usd(q.data.total.usd)}</b> spent on AWS in {days === 1 ? "today" : `the last ${days} days`}
            </span>
            <span>
              <b>{q.data.total.calls.toLocaleString("en-US")}</b> AWS calls
            </span>
            <span>
              <b>{q.data.total.metricsRequested.toLocaleString("en-US")}</b> metrics requested
            </span>
            <span>
              <b>{formatBytes(q.data.total.bytesScanned)}</b> scanned by Logs Insights
            </span>
            <span>
              ≈ <b data-testid="spend-monthly">{usd(q.data.monthlyUsdAtThisRate)}</b> a month at this rate
            </span>
          </div>
          <p className="muted" style={{ fontSize: 12 }}>
            {q.data.shared
              ? "Every replica adds to one log in Redis (REDIS_URL), kept 31 days."
              : `This replica's log, since it started at ${formatUtc(q.data.sinceMs ?? Date.now())} (set REDIS_URL to keep it across restarts and replicas).`}{" "}
            Prices: GetMetricData $0.01 per 1,000 metrics requested (each page again), Logs Insights $0.005 per GB scanned, Cost Explorer $0.01 per request,
            SQS $0.40 per million requests (the DLQ depths); Lambda, STS, tagging, X-Ray sampling rules, Compute Optimizer and other CloudWatch reads are
            free (AWS pricing pages, 2026-11). Throttled and denied calls count as calls but are not billed; each attempt the SDK retries counts. “(API)”
            is a call made without a page: a script or curl.
          </p>
          <Lines title="By page" what="page" lines={q.data.byPage} days={q.data.days} testId="spend-by-page" />
          <Lines title="By AWS API" what="IAM action" lines={q.data.byAction} days={q.data.days} testId="spend-by-action" />
          <Lines title="By Region" what="Region" lines={q.data.byRegion} days={q.data.days} testId="spend-by-region" />
        </>
      )}
    </>
  );
}
