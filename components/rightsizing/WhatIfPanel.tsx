"use client";
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { getJson } from "@/components/api";
import { ChartFrame, ChartLoading } from "@/components/charts/ChartFrame";
import { CostLine } from "@/components/CostLine";
import { QueryError } from "@/components/ErrorBox";
import { FINDING_LABEL, p99Range } from "@/components/rightsizing/format";
import { formatDurationMs, formatMemoryMb as mb, formatUsdCents as usd } from "@/lib/format";
import type { Rightsizing, RightsizingRow } from "@/lib/rightsizing/data";
import { MAX_MEMORY_MB, MIN_MEMORY_MB, project, type FunctionStats, type Recommendation } from "@/lib/rightsizing/model";

const WhatIfChart = dynamic(() => import("@/components/rightsizing/WhatIfChart").then((m) => m.WhatIfChart), { ssr: false, loading: ChartLoading });

/** Sizes the chart plots: dense where most functions live, sparse above. */
const GRID_MB = [...Array.from({ length: 46 }, (_, i) => 128 + i * 64), ...Array.from({ length: 15 }, (_, i) => 3072 + i * 512)];

/**
 * The right-sizing panel of a function: its finding, the options, and a what-if for any size. Its
 * 14-day scan of the function's logs is the dearest read on the page, so it runs on request: the
 * button, a link to `#rightsizing` (from /rightsizing), or `eager` (picked in the calculator).
 */
export function WhatIfPanel({ name, days = 14, eager = false }: { name: string; days?: number; eager?: boolean }) {
  const [asked, setAsked] = useState(eager);
  useEffect(() => {
    if (window.location.hash === "#rightsizing") setAsked(true);
  }, []);
  const q = useQuery({
    queryKey: ["rightsizing-fn", name, days],
    queryFn: ({ signal }) => getJson<Rightsizing & { function: RightsizingRow | null }>(`/api/functions/${encodeURIComponent(name)}/rightsizing?days=${days}`, signal),
    staleTime: 600_000,
    retry: false,
    enabled: asked,
  });
  const row = q.data?.function;
  return (
    <section className="panel" id="rightsizing" aria-label="Right-sizing" data-testid="rightsizing-panel">
      <h2>Memory right-sizing (last {days} days)</h2>
      {!asked && (
        <div className="toolbar">
          <button onClick={() => setAsked(true)} data-testid="rightsizing-start">
            Size its memory
          </button>
          <span className="muted">one Logs Insights scan of its last {days} days of REPORT lines (a busy function&apos;s costs cents); kept 6 hours</span>
        </div>
      )}
      {asked && q.isPending && <div className="muted">Reading its REPORT lines (max memory used, duration) and Lambda Insights where present…</div>}
      {q.isError && <QueryError title="Right-sizing unavailable" error={q.error} />}
      {q.data && !q.data.scan.ok && <QueryError title="Could not read the REPORT lines" error={q.data.scan.error.message} />}
      {q.data && q.data.scan.ok && (!row?.stats || !row.recommendation) && <div className="muted">No invocations at its current memory size in the last {days} days: nothing to size from.</div>}
      {q.data && row?.stats && row.recommendation && <Finding row={row} stats={row.stats} r={row.recommendation} region={q.data.region} />}
      {q.data && <CostLine cost={q.data.cost} label="Right-sizing" />}
    </section>
  );
}

function Finding({ row, stats, r, region }: { row: RightsizingRow; stats: FunctionStats; r: Recommendation; region: string }) {
  const [whatIfMb, setWhatIfMb] = useState(r.recommendedMb ?? r.currentMb);
  const at = project(stats, r.split, whatIfMb, region);
  const chart = [...new Set([...GRID_MB, r.currentMb, r.floorMb, ...(r.recommendedMb ? [r.recommendedMb] : [])])]
    .sort((a, b) => a - b)
    .map((m) => {
      const p = project(stats, r.split, m, region);
      return { memoryMb: m, p99Ms: p.p99Ms, p99RangeMs: p.p99RangeMs, monthlyUsd: p.monthlyUsd };
    });
  const options = [
    { label: "Now", p: r.current },
    ...(r.recommended && r.recommendedMb !== r.currentMb ? [{ label: "Recommended (cheapest within tolerance)", p: r.recommended }] : []),
    ...(r.balanced ? [{ label: "Balanced (cost and speed weighed equally)", p: r.balanced }] : []),
    ...(r.fastest ? [{ label: "Fastest (within 1 % of the fastest possible)", p: r.fastest }] : []),
  ];
  const belowFloor = whatIfMb < r.floorMb;
  return (
    <>
      <div className="summary" data-testid="rightsizing-finding">
        <span className={`status ${r.finding}`}>{FINDING_LABEL[r.finding]}</span>
        {r.recommendedMb !== null && r.recommendedMb !== r.currentMb ? (
          <span>
            <b data-testid="recommended-mb">{mb(r.recommendedMb)}</b> instead of {mb(r.currentMb)}: <b>{usd(Math.abs(r.savingUsd))}</b> a month {r.savingUsd < 0 ? "more" : "saved"}
          </span>
        ) : (
          <span>keep {mb(r.currentMb)}</span>
        )}
        <span>
          confidence <b>{r.confidence}</b>, risk <b>{r.risk}</b>
        </span>
        <span className="muted">{r.split.detail}</span>
      </div>
      <ul style={{ margin: "4px 0 10px", paddingLeft: 18, fontSize: 13 }} data-testid="rightsizing-reasons">
        {r.reasons.map((t) => (
          <li key={t}>{t}</li>
        ))}
        {r.arm64 && r.arm64.savingUsd >= 0.01 && (
          <li>
            arm64 would save a further {usd(r.arm64.savingUsd)} a month at {mb(r.recommendedMb ?? r.currentMb)}. {r.arm64.checks}
          </li>
        )}
        {row.provisioned?.kind === "reduce" && (
          <li className="error-text">
            Provisioned concurrency: {row.provisioned.reason}. Lowering it to {row.provisioned.suggested} saves {usd(row.provisioned.savingUsd)} a month.
          </li>
        )}
        {row.provisioned?.kind === "add" && (
          <li>
            Provisioned concurrency of {row.provisioned.suggested}: {row.provisioned.reason}; it {row.provisioned.extraUsd >= 0 ? `costs ${usd(row.provisioned.extraUsd)} a month more` : `saves ${usd(-row.provisioned.extraUsd)} a month (busy environments bill less at the provisioned rate)`} and removes up to ~{Math.round(row.provisioned.coldStartsRemovedPerMonth).toLocaleString("en-US")} cold starts a month.
          </li>
        )}
        {row.computeOptimizer && (
          <li data-testid="compute-optimizer-finding">
            Compute Optimizer: {row.computeOptimizer.finding}
            {row.computeOptimizer.reasons.length > 0 && ` (${row.computeOptimizer.reasons.join(", ")})`}
            {row.computeOptimizer.recommendedMb !== null && `, its first option ${mb(row.computeOptimizer.recommendedMb)}`}
            {row.computeOptimizer.savingUsd !== null && row.computeOptimizer.savingUsd > 0 && `, saving ${usd(row.computeOptimizer.savingUsd)} a month`}.
          </li>
        )}
      </ul>
      <table className="data" data-testid="rightsizing-options" style={{ marginBottom: 10 }}>
        <thead>
          <tr>
            <th>Option</th>
            <th style={{ textAlign: "right" }}>Memory</th>
            <th style={{ textAlign: "right" }}>p50</th>
            <th style={{ textAlign: "right" }}>p99 (range)</th>
            <th style={{ textAlign: "right" }}>Cost / month</th>
          </tr>
        </thead>
        <tbody>
          {options.map((o) => (
            <tr key={o.label}>
              <th>{o.label}</th>
              <td style={{ textAlign: "right" }}>{mb(o.p.memoryMb)}</td>
              <td style={{ textAlign: "right" }}>{formatDurationMs(o.p.p50Ms)}</td>
              <td style={{ textAlign: "right" }}>{p99Range(o.p)}</td>
              <td style={{ textAlign: "right" }}>{usd(o.p.monthlyUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ChartFrame height={260}>
        <WhatIfChart points={chart} r={r} whatIfMb={whatIfMb} />
      </ChartFrame>
      <div className="toolbar" style={{ marginTop: 8 }}>
        <label style={{ flex: 1 }}>
          what if
          <input type="range" min={MIN_MEMORY_MB} max={MAX_MEMORY_MB} step={1} value={whatIfMb} onChange={(e) => setWhatIfMb(Number(e.target.value))} aria-label="What-if memory slider" style={{ flex: 1, minWidth: 240 }} />
        </label>
        <label>
          <input type="number" min={MIN_MEMORY_MB} max={MAX_MEMORY_MB} step={1} value={whatIfMb} onChange={(e) => setWhatIfMb(Math.min(MAX_MEMORY_MB, Math.max(MIN_MEMORY_MB, Math.round(Number(e.target.value) || MIN_MEMORY_MB))))} aria-label="What-if memory (MB)" style={{ width: 90 }} />
          MB
        </label>
      </div>
      <div className="summary" data-testid="what-if">
        <span>
          at <b>{mb(whatIfMb)}</b>: p50 <b>{formatDurationMs(at.p50Ms)}</b>, p99 <b data-testid="what-if-p99">{p99Range(at)}</b>
        </span>
        <span>
          <b data-testid="what-if-cost">{usd(at.monthlyUsd)}</b> a month ({at.monthlyUsd <= r.current.monthlyUsd ? `${usd(r.current.monthlyUsd - at.monthlyUsd)} less` : `${usd(at.monthlyUsd - r.current.monthlyUsd)} more`} than now)
        </span>
        {belowFloor && (
          <span className="error-text" data-testid="what-if-warning">
            below the memory floor of {mb(r.floorMb)}: p99.9 of memory used is {stats.memoryUsedMb.p999.toFixed(0)} MB — out-of-memory risk
          </span>
        )}
        {at.p99RangeMs[1] > r.p99LimitMs && !belowFloor && <span className="error-text">p99 may exceed {formatDurationMs(r.p99LimitMs)} (tolerance / timeout)</span>}
      </div>
    </>
  );
}
