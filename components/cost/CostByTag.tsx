"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { getJson } from "@/components/api";
import { ChartFrame, ChartLoading } from "@/components/charts/ChartFrame";
import { CostLine } from "@/components/CostLine";
import { QueryError } from "@/components/ErrorBox";
import { useRegionHref, useUrlState } from "@/components/useUrlState";
import { UNTAGGED } from "@/lib/functions/fleet-view";
import { caseVariants, tagRows } from "@/lib/cost/by-tag";
import type { MonthlyByTag } from "@/lib/cost/cost-explorer";
import type { MeasuredInputs } from "@/lib/cost/project-month";
import { scaledUsage } from "@/lib/cost/usage";
import type { ReconciliationView } from "@/lib/cost/reconcile-data";
import { toCsv } from "@/lib/csv";
import { formatPct, formatUsd, formatUsdCents as usd2, formatUtc } from "@/lib/format";

const TAG_KEYS = ["service", "env", "owner"];
const CostByTagChart = dynamic(() => import("@/components/cost/CostByTagChart").then((m) => m.CostByTagChart), { ssr: false, loading: ChartLoading });

const PALETTE = ["#2457c5", "#c62828", "#1a7f37", "#9a6700", "#6f42c1", "#0a7ea4", "#b35900", "#5c6670", "#d63384", "#198754"];
const TOP = 9; // the chart stacks the 9 costliest values and "other"

export function CostByTag() {
  const { params, set } = useUrlState();
  const tagKey = params.get("tagKey") ?? "service";
  const from = params.get("from");
  const to = params.get("to");
  const metric = params.get("metric") ?? "AmortizedCost";
  const qs = new URLSearchParams({ tagKey, metric, ...(from ? { from } : {}), ...(to ? { to } : {}) }).toString();
  const q = useQuery({ queryKey: ["cost", qs], queryFn: ({ signal }) => getJson<MonthlyByTag>(`/api/cost/by-tag?${qs}`, signal), staleTime: 600_000, retry: false });
  const view = q.data ? tagRows(q.data.cells, q.data.months) : null;
  const label = (v: string) => (v === "" ? UNTAGGED : v);

  const download = () => {
    if (!q.data || !view) return;
    const rows = view.rows.map((r) => ({ [tagKey]: label(r.tagValue), ...Object.fromEntries(q.data!.months.map((m, i) => [m, r.byMonth[i].toFixed(2)])), total: r.totalUsd.toFixed(2), sharePct: r.sharePct.toFixed(2) }));
    const blob = new Blob([toCsv([tagKey, ...q.data.months, "total", "sharePct"], rows)], { type: "text/csv" });
    const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: `cost-by-${tagKey}-${q.data.months[0]}-${q.data.months.at(-1)}.csv` });
    a.click();
  };

  const top = view?.rows.slice(0, TOP) ?? [];
  const chartRows = q.data
    ? q.data.months.map((m, i) => ({
        month: m,
        ...Object.fromEntries(top.map((r) => [label(r.tagValue), r.byMonth[i]])),
        other: view!.rows.slice(TOP).reduce((a, r) => a + r.byMonth[i], 0),
      }))
    : [];
  const variants = view ? caseVariants(view.rows.map((r) => r.tagValue)) : [];
  const untagged = view?.rows.find((r) => r.tagValue === "");

  return (
    <>
      <div className="toolbar">
        <label>
          group by tag
          <select value={tagKey} onChange={(e) => set({ tagKey: e.target.value })} aria-label="Tag key" data-testid="tag-key">
            {[...new Set([...TAG_KEYS, tagKey])].map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          from <input type="month" value={from ?? q.data?.months[0] ?? ""} onChange={(e) => set({ from: e.target.value })} aria-label="From month" />
        </label>
        <label>
          to <input type="month" value={to ?? q.data?.months.at(-1) ?? ""} onChange={(e) => set({ to: e.target.value })} aria-label="To month" />
        </label>
        <label>
          cost
          <select value={metric} onChange={(e) => set({ metric: e.target.value })} aria-label="Cost metric">
            <option value="AmortizedCost">amortized (Savings Plans spread over usage)</option>
            <option value="UnblendedCost">unblended (as invoiced)</option>
          </select>
        </label>
        <button onClick={download} disabled={!view} data-testid="cost-csv">
          Download CSV
        </button>
      </div>
      {q.isPending && <div className="panel muted">Asking Cost Explorer (once per query per 6 hours, $0.01 a request)…</div>}
      {q.isError && <QueryError title="Cost Explorer unavailable" error={q.error} />}
      {q.data && view && (
        <>
          <div className="summary" data-testid="cost-summary">
            <span>
              <b>{usd2(view.totalUsd)}</b> over {q.data.months.length} months
            </span>
            {untagged && (
              <span className="error-text" data-testid="untagged">
                <b>{usd2(untagged.totalUsd)}</b> ({formatPct(untagged.sharePct)}) has no <code>{tagKey}</code> tag
              </span>
            )}
            {variants.map((v) => (
              <span key={v.join()} className="error-text" data-testid="case-variants">
                one value spelled {v.length} ways: {v.map((x) => `“${x}”`).join(", ")}
              </span>
            ))}
            {view.estimatedMonths.length > 0 && <span>{view.estimatedMonths.join(", ")} still open: estimated</span>}
          </div>
          <section className="panel" aria-label="Monthly cost by tag">
            <h2>Monthly cost by {tagKey}</h2>
            <ChartFrame height={300}>
              <CostByTagChart rows={chartRows} bars={top.map((r, i) => ({ key: label(r.tagValue), color: r.tagValue === "" ? "#98a2ad" : PALETTE[i % PALETTE.length] }))} other={view.rows.length > TOP} />
            </ChartFrame>
          </section>
          <section className="panel" aria-label="Cost by tag value">
            <table className="data" data-testid="cost-table">
              <thead>
                <tr>
                  <th>{tagKey}</th>
                  <th style={{ textAlign: "right" }}>Total</th>
                  <th style={{ textAlign: "right" }}>Share</th>
                  <th style={{ textAlign: "right" }}>{view.compared ? `${view.compared[0]} vs ${view.compared[1]}` : "month over month"}</th>
                  <th>By service</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => (
                  <tr key={r.tagValue} data-tag-value={label(r.tagValue)}>
                    <td>{r.tagValue === "" ? <span className="error-text">{UNTAGGED}</span> : r.tagValue}</td>
                    <td style={{ textAlign: "right" }}>{usd2(r.totalUsd)}</td>
                    <td style={{ textAlign: "right" }}>{formatPct(r.sharePct)}</td>
                    <td style={{ textAlign: "right" }}>{r.momPct === null ? "—" : `${r.momPct >= 0 ? "+" : ""}${r.momPct.toFixed(1)} %`}</td>
                    <td className="muted" style={{ fontSize: 12, whiteSpace: "normal" }}>
                      {Object.entries(r.byService)
                        .sort((a, b) => b[1] - a[1])
                        .map(([s, v]) => `${s} ${formatUsd(v)}`)
                        .join(" · ")}
                    </td>
                    <td>
                      <button className="link" onClick={() => set({ value: r.tagValue || UNTAGGED })} data-testid="drill-down">
                        functions →
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {params.get("value") !== null && <DrillDown tagKey={tagKey} value={params.get("value")!} />}
          <Reconcile tagKey={tagKey} />
          <p className="muted" style={{ fontSize: 12 }}>
            Cost Explorer, {metric === "AmortizedCost" ? "amortized" : "unblended"} cost, grouped by the <code>{tagKey}</code> cost-allocation tag and by service. Fetched {formatUtc(q.data.fetchedAtMs)}
            {q.data.fromCache ? " (from the 6-hour cache: no request made now)" : ""}.
          </p>
          <CostLine cost={q.data.cost} label="This view" />
        </>
      )}
    </>
  );
}

type Drill = { region: string; functions: { name: string; inputs: MeasuredInputs | null; terms: { name: string; usd: number }[]; monthlyUsd: number; hidden: { kind: string; title: string; savingUsd: number }[] }[]; failure: { action: string; code: string; message: string; hint: string } | null; cost: MonthlyByTag["cost"] };

/** A tag value's functions with their projected months at list prices (one scan of their REPORT lines). */
function DrillDown({ tagKey, value }: { tagKey: string; value: string }) {
  const regionHref = useRegionHref();
  const q = useQuery({
    queryKey: ["cost-functions", tagKey, value],
    queryFn: ({ signal }) => getJson<Drill>(`/api/cost/functions?${new URLSearchParams({ tagKey, value })}`, signal),
    staleTime: 600_000,
    retry: false,
  });
  return (
    <section className="panel" aria-label={`Functions tagged ${tagKey}=${value}`} data-testid="drill-down-panel">
      <h2>
        {tagKey} = {value}: functions {q.data ? `in ${q.data.region} ` : ""}and their estimates{" "}
        <Link href={`/?${new URLSearchParams({ [tagKey]: value })}`} style={{ fontSize: 12, fontWeight: "normal" }}>
          open in the fleet overview
        </Link>
      </h2>
      {q.isPending && <div className="muted">Measuring their last 7 days (one Logs Insights scan for all of them)…</div>}
      {q.isError && <QueryError title="Estimates unavailable" error={q.error} />}
      {q.data?.failure && <QueryError title="Estimates unavailable" error={q.data.failure.message} />}
      {q.data && !q.data.failure && (
        <>
          <p className="muted" data-testid="drill-down-scope">
            The bill above is the whole account&apos;s, every Region; these are the functions in {q.data.region} (pick another Region in the header for its own).
          </p>
          <table className="data">
            <thead>
              <tr>
                <th>Function</th>
                <th style={{ textAlign: "right" }}>Requests / month</th>
                <th style={{ textAlign: "right" }}>GB-s / month</th>
                <th>Largest terms</th>
                <th>Hidden costs</th>
                <th style={{ textAlign: "right" }}>Estimate / month</th>
              </tr>
            </thead>
            <tbody>
              {q.data.functions.map((f) => (
                <tr key={f.name} data-function={f.name}>
                  <td>
                    <Link href={regionHref(`/functions/${f.name}`)}>{f.name}</Link>
                  </td>
                  <td style={{ textAlign: "right" }}>{f.inputs ? Math.round(scaledUsage(f.inputs).invocations).toLocaleString("en-US") : "—"}</td>
                  <td style={{ textAlign: "right" }}>{f.inputs ? Math.round(scaledUsage(f.inputs).gbSeconds).toLocaleString("en-US") : "—"}</td>
                  <td className="muted" style={{ fontSize: 12 }}>
                    {[...f.terms]
                      .sort((a, b) => b.usd - a.usd)
                      .slice(0, 3)
                      .map((t) => `${t.name} ${formatUsd(t.usd)}`)
                      .join(" · ")}
                  </td>
                  <td className="error-text" style={{ fontSize: 12 }}>
                    {f.hidden.map((h) => `${h.title}${h.savingUsd > 0 ? ` (save ${formatUsd(h.savingUsd)})` : ""}`).join("; ")}
                  </td>
                  <td style={{ textAlign: "right" }} data-testid="function-estimate">
                    {usd2(f.monthlyUsd)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" style={{ fontSize: 12 }}>Estimates: list prices, the last 7 days projected to 730 hours, no free tier or Savings Plans, which the bill above does include.</p>
          <CostLine cost={q.data.cost} label="Drill-down" />
        </>
      )}
    </section>
  );
}

/** One day's estimate against the bill, per tag value: what the gap is made of, and what is left. */
function Reconcile({ tagKey }: { tagKey: string }) {
  const q = useQuery({ queryKey: ["reconcile", tagKey], queryFn: ({ signal }) => getJson<ReconciliationView>(`/api/cost/reconcile?tagKey=${encodeURIComponent(tagKey)}`, signal), staleTime: 600_000, retry: false });
  const bill = q.data?.rows.reduce((a, r) => a + r.billUsd, 0) ?? 0;
  const unexplained = q.data?.rows.reduce((a, r) => a + Math.abs(r.unexplainedUsd), 0) ?? 0;
  return (
    <section className="panel" aria-label="Reconciliation" data-testid="reconciliation">
      <h2>Reconciliation: our estimate against the bill{q.data ? `, ${q.data.day.start}` : ""}</h2>
      {q.isPending && <div className="muted">Estimating every function&apos;s day from its REPORT lines and comparing with Cost Explorer…</div>}
      {q.isError && <QueryError title="Reconciliation unavailable" error={q.error} />}
      {q.data && (
        <>
          <p>
            Unexplained: <b data-testid="unexplained-pct">{bill > 0 ? ((100 * unexplained) / bill).toFixed(2) : "0.00"} %</b> of the day&apos;s {usd2(bill)} bill, after the named causes.
          </p>
          <table className="data">
            <thead>
              <tr>
                <th>{tagKey}</th>
                <th style={{ textAlign: "right" }}>Estimate (list price)</th>
                <th style={{ textAlign: "right" }}>Bill (amortized)</th>
                <th style={{ textAlign: "right" }}>Difference</th>
                <th>Explained by</th>
                <th style={{ textAlign: "right" }}>Unexplained</th>
              </tr>
            </thead>
            <tbody>
              {q.data.rows.map((r) => (
                <tr key={r.tagValue} data-reconcile={r.tagValue || UNTAGGED}>
                  <td>{r.tagValue || UNTAGGED}</td>
                  <td style={{ textAlign: "right" }}>{usd2(r.estimateUsd)}</td>
                  <td style={{ textAlign: "right" }}>{usd2(r.billUsd)}</td>
                  <td style={{ textAlign: "right" }}>{usd2(r.residualUsd)}</td>
                  <td className="muted" style={{ fontSize: 12, whiteSpace: "normal" }}>
                    {r.causes.map((c) => `${c.cause} ${usd2(c.usd)}`).join(" · ") || "—"}
                  </td>
                  <td style={{ textAlign: "right" }}>
                    {usd2(r.unexplainedUsd)} ({formatPct(r.unexplainedPct)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" style={{ fontSize: 12 }}>
            The estimate prices each function&apos;s own day (REPORT lines, log bytes, traces) at list price; the bill is Cost Explorer&apos;s amortized cost for the same UTC day. The day is the latest
            one from the 4th of its month, when the account&apos;s monthly free tier is already spent.
          </p>
          <CostLine cost={q.data.cost} label="Reconciliation" />
        </>
      )}
    </section>
  );
}
