"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fleetQueries } from "@/components/api";
import { CostLine } from "@/components/CostLine";
import { ErrorBox, QueryError } from "@/components/ErrorBox";
import { RangePicker } from "@/components/RangePicker";
import { StatusBadge } from "@/components/StatusBadge";
import { useUrlState } from "@/components/useUrlState";
import { filterRows, sortRows, tagValues, TAG_KEYS, UNTAGGED, type SortKey } from "@/components/fleet/fleet-view";
import { formatCount, formatDurationMs, formatMemoryMb, formatPct, formatUtc } from "@/lib/format";
import type { FleetRow } from "@/lib/types";

type Column = { key: SortKey; label: string; num?: boolean; cell: (r: FleetRow) => React.ReactNode };

const COLUMNS: Column[] = [
  {
    key: "status",
    label: "Status",
    cell: (r) => (
      <>
        <StatusBadge status={r.status} title={r.statusReasons.join("; ")} />
        {(r.status === "degraded" || r.status === "warning") && (
          <Link className="runbook-link" href={`/functions/${r.name}/runbook`} title="Open the degraded-function runbook" data-testid="row-runbook">
            runbook
          </Link>
        )}
      </>
    ),
  },
  { key: "name", label: "Function", cell: (r) => <Link href={`/functions/${r.name}`}>{r.name}</Link> },
  { key: "runtime", label: "Runtime", cell: (r) => r.runtime },
  { key: "architecture", label: "Arch", cell: (r) => r.architecture },
  { key: "memoryMb", label: "Memory", num: true, cell: (r) => formatMemoryMb(r.memoryMb) },
  { key: "timeoutS", label: "Timeout", num: true, cell: (r) => `${r.timeoutS} s` },
  ...TAG_KEYS.map((k): Column => ({ key: k, label: k, cell: (r) => (r.tags === null ? "?" : (r.tags[k] ?? <span className="muted">—</span>)) })),
  { key: "invocations", label: "Invocations", num: true, cell: (r) => formatCount(r.invocations) },
  { key: "errorRatePct", label: "Error rate", num: true, cell: (r) => formatPct(r.errorRatePct) },
  { key: "throttles", label: "Throttles", num: true, cell: (r) => formatCount(r.throttles) },
  { key: "p99DurationMs", label: "p99 duration", num: true, cell: (r) => formatDurationMs(r.p99DurationMs) },
  { key: "maxConcurrency", label: "Max conc.", num: true, cell: (r) => formatCount(r.maxConcurrency) },
  { key: "dlqDepth", label: "DLQ depth", num: true, cell: (r) => (r.dlqArn ? formatCount(r.dlqDepth) : <span className="muted" title="no dead-letter queue configured">—</span>) },
];

const SORT_KEYS = new Set<string>(COLUMNS.map((c) => c.key));

export function FleetOverview() {
  const { params, set, range } = useUrlState();
  const query = useQuery(fleetQueries.overview(range));
  const sortParam = params.get("sort") ?? "status";
  const sort = (SORT_KEYS.has(sortParam) ? sortParam : "status") as SortKey;
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  const filter = {
    q: params.get("q") ?? undefined,
    status: params.get("status") ?? undefined,
    tags: Object.fromEntries(TAG_KEYS.map((k) => [k, params.get(k) ?? undefined])),
  };

  const all = query.data?.functions ?? [];
  const rows = sortRows(filterRows(all, filter), sort, dir);
  const counts = (s: string) => all.filter((r) => r.status === s).length;

  return (
    <>
      <div className="toolbar">
        <RangePicker value={range} onChange={(r) => set({ range: r })} />
        <label>
          Name <input type="search" placeholder="filter by name" value={filter.q ?? ""} onChange={(e) => set({ q: e.target.value })} aria-label="Filter by name" />
        </label>
        {TAG_KEYS.map((k) => (
          <label key={k}>
            {k}
            <select value={filter.tags[k] ?? ""} onChange={(e) => set({ [k]: e.target.value })} aria-label={`Filter by ${k}`}>
              <option value="">all</option>
              {tagValues(all, k).map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
              <option value={UNTAGGED}>{UNTAGGED}</option>
            </select>
          </label>
        ))}
        <label>
          status
          <select value={filter.status ?? ""} onChange={(e) => set({ status: e.target.value })} aria-label="Filter by status">
            <option value="">all</option>
            {["degraded", "warning", "ok", "idle"].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>

      {query.isPending && <div className="panel muted">Loading the fleet…</div>}
      {query.isError && <QueryError title="Could not list the functions" error={query.error} />}
      {query.data && (
        <>
          {!query.data.metrics.ok && <ErrorBox title="Metrics unavailable: invocations, errors, duration and status are not shown" failure={query.data.metrics.error} />}
          {!query.data.tags.ok && <ErrorBox title="Tags unavailable" failure={query.data.tags.error} />}
          {!query.data.dlq.ok && <ErrorBox title="Dead-letter queue depth unavailable" failure={query.data.dlq.error} />}
          <div className="summary" data-testid="fleet-summary">
            <span>
              <b>{all.length}</b> functions
            </span>
            <span>
              <b>{counts("degraded")}</b> degraded
            </span>
            <span>
              <b>{counts("warning")}</b> warning
            </span>
            <span>
              showing <b data-testid="row-count">{rows.length}</b>
            </span>
            <span>
              {formatUtc(query.data.window.startMs)} → {formatUtc(query.data.window.endMs)}
            </span>
          </div>
          <div className="panel" style={{ padding: 0, overflowX: "auto" }}>
            <table className="data" data-testid="fleet-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.key} className={c.num ? "num" : undefined} aria-sort={sort === c.key ? (dir === "asc" ? "ascending" : "descending") : "none"}>
                      <button type="button" onClick={() => set({ sort: c.key, dir: sort === c.key && dir === "asc" ? "desc" : "asc" })}>
                        {c.label}
                        {sort === c.key ? (dir === "asc" ? " ▲" : " ▼") : ""}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.arn} data-function={r.name}>
                    {COLUMNS.map((c) => (
                      <td key={c.key} className={c.num ? "num" : undefined} data-col={c.key}>
                        {c.cell(r)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CostLine cost={query.data.cost} />
        </>
      )}
    </>
  );
}
