"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { getJson } from "@/components/api";
import { CostLine } from "@/components/CostLine";
import { ErrorBox, QueryError } from "@/components/ErrorBox";
import { useRegionHref, useUrlState } from "@/components/useUrlState";
import { FINDING_LABEL, p99Range } from "@/components/rightsizing/format";
import { toCsv } from "@/lib/csv";
import { formatBytes, formatDurationMs, formatUtc, formatMemoryMb as mb, formatUsdCents as usd } from "@/lib/format";
import type { Rightsizing, RightsizingRow } from "@/lib/rightsizing/data";

const LOOKBACKS = [1, 3, 7, 14, 30];

export function RightsizingTable() {
  const { params, set } = useUrlState();
  const days = Number(params.get("days") ?? 14);
  const tagKey = params.get("tagKey") ?? "";
  const tagValue = params.get("tagValue") ?? "";
  const finding = params.get("finding") ?? "";
  const full = useQuery({ queryKey: ["rightsizing", days], queryFn: ({ signal }) => getJson<Rightsizing>(`/api/rightsizing?days=${days}`, signal), staleTime: 600_000, retry: false });
  // A long lookback over a big fleet scans for minutes the first time: the last day shows meanwhile.
  const preview = useQuery({ queryKey: ["rightsizing", 1], queryFn: ({ signal }) => getJson<Rightsizing>("/api/rightsizing?days=1", signal), staleTime: 600_000, retry: false, enabled: days > 1 && full.isPending });
  const q = full.data || full.isError || !preview.data ? full : preview;
  const previewing = q === preview;

  const all = q.data?.functions ?? [];
  const tagKeys = [...new Set(all.flatMap((r) => Object.keys(r.tags)))].sort();
  const tagValues = tagKey ? [...new Set(all.map((r) => r.tags[tagKey] ?? ""))].sort() : [];
  const rows = all.filter((r) => (!tagKey || !params.has("tagValue") || (r.tags[tagKey] ?? "") === tagValue) && (!finding || r.recommendation?.finding === finding));
  const saving = rows.reduce((a, r) => a + (r.recommendation?.finding === "over-provisioned" ? r.recommendation.savingUsd : 0), 0);
  const extra = rows.reduce((a, r) => a + (r.recommendation?.finding === "under-provisioned" ? -r.recommendation.savingUsd : 0), 0);
  const arm = rows.reduce((a, r) => a + (r.recommendation?.arm64?.savingUsd ?? 0), 0);

  const download = () => {
    const cols = ["function", "finding", "currentMb", "recommendedMb", "memP999Mb", "p99NowMs", "p99ProjectedMs", "p99LowMs", "p99HighMs", "costNowUsd", "costAfterUsd", "savingUsd", "confidence", "risk", "cpuEvidence", "arm64SavingUsd", "computeOptimizer", "computeOptimizerMb", "reasons"];
    const csv = toCsv(
      cols,
      rows.map((r) => {
        const x = r.recommendation;
        return {
          function: r.name,
          finding: x?.finding ?? "no data",
          currentMb: x?.currentMb,
          recommendedMb: x?.recommendedMb,
          memP999Mb: r.stats?.memoryUsedMb.p999,
          p99NowMs: r.stats?.p99DurationMs.toFixed(1),
          p99ProjectedMs: x?.recommended?.p99Ms.toFixed(1),
          p99LowMs: x?.recommended?.p99RangeMs[0].toFixed(1),
          p99HighMs: x?.recommended?.p99RangeMs[1].toFixed(1),
          costNowUsd: x?.current.monthlyUsd.toFixed(2),
          costAfterUsd: x?.recommended?.monthlyUsd.toFixed(2),
          savingUsd: x?.savingUsd.toFixed(2),
          confidence: x?.confidence,
          risk: x?.risk,
          cpuEvidence: x?.split.source,
          arm64SavingUsd: x?.arm64?.savingUsd.toFixed(2),
          computeOptimizer: r.computeOptimizer?.finding,
          computeOptimizerMb: r.computeOptimizer?.recommendedMb,
          reasons: x?.reasons.join("; "),
        };
      }),
    );
    const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(new Blob([csv], { type: "text/csv" })), download: `rightsizing-${q.data?.window.days ?? days}d.csv` });
    a.click();
  };

  return (
    <>
      <div className="toolbar">
        <label>
          lookback
          <select value={days} onChange={(e) => set({ days: e.target.value })} aria-label="Lookback days" data-testid="lookback">
            {[...new Set([...LOOKBACKS, days])].sort((a, b) => a - b).map((d) => (
              <option key={d} value={d}>
                {d} {d === 1 ? "day" : "days"}
              </option>
            ))}
          </select>
        </label>
        <label>
          tag
          <select value={tagKey} onChange={(e) => set({ tagKey: e.target.value || null, tagValue: null })} aria-label="Tag key" data-testid="tag-key">
            <option value="">any</option>
            {tagKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        {tagKey && (
          <select value={params.has("tagValue") ? tagValue : "*"} onChange={(e) => set({ tagValue: e.target.value === "*" ? null : e.target.value })} aria-label="Tag value" data-testid="tag-value">
            <option value="*">any value</option>
            {tagValues.map((v) => (
              <option key={v} value={v}>
                {v || "(untagged)"}
              </option>
            ))}
          </select>
        )}
        <label>
          finding
          <select value={finding} onChange={(e) => set({ finding: e.target.value || null })} aria-label="Finding" data-testid="finding-filter">
            <option value="">all</option>
            {Object.entries(FINDING_LABEL).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <button onClick={download} disabled={!q.data} data-testid="rightsizing-csv">
          Download CSV
        </button>
      </div>
      {q.isPending && (
        <div className="panel muted" data-testid="rightsizing-pending">
          Reading {days} {days === 1 ? "day" : "days"} of REPORT lines of every function in one Logs Insights scan, plus Lambda Insights where the extension runs. A fleet-wide 14-day scan takes
          minutes and costs $0.005 per GB scanned; the answer is kept for 6 hours, across restarts.
        </div>
      )}
      {previewing && (
        <div className="panel" data-testid="rightsizing-preview">
          Showing the <b>last day</b> while the {days}-day scan runs; the table switches when it is done.
        </div>
      )}
      {q.isError && <QueryError title="Right-sizing unavailable" error={q.error} />}
      {q.data && !q.data.scan.ok && <QueryError title="Could not read the REPORT lines" error={q.data.scan.error.message} />}
      {q.data && !q.data.tags.ok && <ErrorBox title="Tags unavailable: functions show none and cannot be filtered by tag" failure={q.data.tags.error} />}
      {q.data && (
        <>
          <div className="summary" data-testid="rightsizing-summary">
            <span>
              <b data-testid="total-saving">{usd(saving)}</b> a month to save by right-sizing {rows.filter((r) => r.recommendation?.finding === "over-provisioned").length} over-provisioned functions
            </span>
            {extra > 0 && (
              <span className="error-text">
                {rows.filter((r) => r.recommendation?.finding === "under-provisioned").length} under-provisioned: {usd(extra)} a month more to fix them
              </span>
            )}
            {arm > 0 && <span>arm64 at the recommended sizes: a further {usd(arm)} a month</span>}
          </div>
          <section className="panel" aria-label="Right-sizing findings" style={{ overflowX: "auto" }}>
            <table className="data" data-testid="rightsizing-table">
              <thead>
                <tr>
                  <th>Function</th>
                  <th>Finding</th>
                  <th style={{ textAlign: "right" }}>Memory</th>
                  <th style={{ textAlign: "right" }}>Used (p99.9)</th>
                  <th style={{ textAlign: "right" }}>p99 now → projected</th>
                  <th style={{ textAlign: "right" }}>Cost / month</th>
                  <th style={{ textAlign: "right" }}>Saving / month</th>
                  <th>Confidence, risk</th>
                  <th>arm64, provisioned</th>
                  <th>Compute Optimizer</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <Row key={r.name} r={r} />
                ))}
              </tbody>
            </table>
          </section>
          <p className="muted" style={{ fontSize: 12 }}>
            {formatUtc(q.data.window.startMs)} – {formatUtc(q.data.window.endMs)}; scanned {formatUtc(q.data.scannedAtMs)}
            {q.data.fromCache ? " (from the 6-hour cache: no scan now)" : ""}
            {q.data.scan.ok && `, ${formatBytes(q.data.scan.data.bytesScanned)} in ${q.data.scan.data.queries} Logs Insights ${q.data.scan.data.queries === 1 ? "query" : "queries"}`}
            {q.data.lambdaInsights.ok && `; Lambda Insights on ${q.data.lambdaInsights.data.functions} functions`}
            {"; "}
            {q.data.computeOptimizer.ok ? `Compute Optimizer covers ${q.data.computeOptimizer.data.covered} functions (≤ 1,792 MB, ≥ 50 invocations in 14 days)` : `Compute Optimizer: ${q.data.computeOptimizer.error.hint}`}. Costs are list prices for requests, duration and
            provisioned concurrency; how the model works is in the README.
          </p>
          <CostLine cost={q.data.cost} label="This view" />
        </>
      )}
    </>
  );
}

function Row({ r }: { r: RightsizingRow }) {
  const regionHref = useRegionHref();
  const x = r.recommendation;
  if (!x || !r.stats) {
    return (
      <tr data-function={r.name} data-finding="no-data">
        <td>
          <Link href={regionHref(`/functions/${r.name}`)}>{r.name}</Link>
        </td>
        <td colSpan={9} className="muted">
          no invocations at its current memory size in the lookback
        </td>
      </tr>
    );
  }
  const changed = x.recommendedMb !== null && x.recommendedMb !== x.currentMb;
  return (
    <tr data-function={r.name} data-finding={x.finding}>
      <td>
        <Link href={regionHref(`/functions/${r.name}`) + "#rightsizing"}>{r.name}</Link>
        <details style={{ fontSize: 12 }}>
          <summary className="muted">why</summary>
          <ul style={{ margin: "4px 0", paddingLeft: 16, whiteSpace: "normal", maxWidth: 420 }}>
            {x.reasons.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </details>
      </td>
      <td>
        <span className={`status ${x.finding}`}>{FINDING_LABEL[x.finding]}</span>
      </td>
      <td style={{ textAlign: "right" }} data-testid="memory">
        {mb(x.currentMb)}
        {changed && <b> → {mb(x.recommendedMb!)}</b>}
      </td>
      <td style={{ textAlign: "right" }}>
        {r.stats.memoryUsedMb.p999.toFixed(0)} MB{r.stats.outOfMemory > 0 && <span className="error-text"> · {r.stats.outOfMemory} OOM</span>}
      </td>
      <td style={{ textAlign: "right", whiteSpace: "normal", maxWidth: 190 }}>
        {formatDurationMs(r.stats.p99DurationMs)}
        {changed && x.recommended && <> → {p99Range(x.recommended)}</>}
      </td>
      <td style={{ textAlign: "right" }}>
        {usd(x.current.monthlyUsd)}
        {changed && x.recommended && <> → {usd(x.recommended.monthlyUsd)}</>}
      </td>
      <td style={{ textAlign: "right" }} data-testid="saving">
        <b className={x.savingUsd < 0 ? "error-text" : undefined}>{changed ? usd(x.savingUsd) : "—"}</b>
      </td>
      <td title={x.split.detail} data-testid="confidence-risk">
        {x.confidence}, {x.risk}
      </td>
      <td style={{ fontSize: 12, whiteSpace: "normal", maxWidth: 200 }}>
        {x.arm64 && x.arm64.savingUsd >= 0.01 && <div title={x.arm64.checks}>arm64: {usd(x.arm64.savingUsd)} / month</div>}
        {r.provisioned?.kind === "reduce" && (
          <div className="error-text" title={r.provisioned.reason}>
            provisioned {r.provisioned.configured} → {r.provisioned.suggested}: {usd(r.provisioned.savingUsd)} / month
          </div>
        )}
        {r.provisioned?.kind === "add" && (
          <div title={r.provisioned.reason}>
            add provisioned {r.provisioned.suggested}: {r.provisioned.extraUsd >= 0 ? `+${usd(r.provisioned.extraUsd)}` : `saves ${usd(-r.provisioned.extraUsd)}`} / month, ~{Math.round(r.provisioned.coldStartsRemovedPerMonth).toLocaleString("en-US")} fewer cold starts
          </div>
        )}
      </td>
      <td style={{ fontSize: 12 }} data-testid="compute-optimizer">
        {r.computeOptimizer ? (
          <>
            {r.computeOptimizer.finding}
            {r.computeOptimizer.recommendedMb !== null && r.computeOptimizer.recommendedMb !== x.currentMb && ` → ${mb(r.computeOptimizer.recommendedMb)}`}
          </>
        ) : (
          <span className="muted">not covered</span>
        )}
      </td>
    </tr>
  );
}
