"use client";
import { keepPreviousData, useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { FLEET_PAGE_ROWS, fleetQueries, withRegion } from "@/components/api";
import { CostLine } from "@/components/CostLine";
import { ErrorBox, QueryError } from "@/components/ErrorBox";
import { RangePicker } from "@/components/RangePicker";
import { StatusBadge } from "@/components/StatusBadge";
import { useUrlState } from "@/components/useUrlState";
import { SORT_KEYS, STATUSES, TAG_KEYS, UNTAGGED, type SortKey } from "@/lib/functions/fleet-view";
import { formatCount, formatDurationMs, formatMemoryMb, formatPct, formatUtc } from "@/lib/format";
import type { FleetRow } from "@/lib/types";

type Column = { key: SortKey; label: string; widthPx: number; num?: boolean; cell: (r: FleetRow) => React.ReactNode };

const fnHref = (r: FleetRow, defaultRegion: string, path = "") => withRegion(`/functions/${r.name}${path}`, r.region === defaultRegion ? null : r.region);

const columns = (showRegion: boolean, defaultRegion: string): Column[] => [
  {
    key: "status",
    label: "Status",
    widthPx: 150,
    cell: (r) => (
      <>
        <StatusBadge status={r.status} title={r.statusReasons.join("; ")} />
        {(r.status === "degraded" || r.status === "warning") && (
          <Link className="runbook-link" href={fnHref(r, defaultRegion, "/runbook")} prefetch={false} title="Open the degraded-function runbook" data-testid="row-runbook">
            runbook
          </Link>
        )}
      </>
    ),
  },
  { key: "name", label: "Function", widthPx: 240, cell: (r) => <Link href={fnHref(r, defaultRegion)} prefetch={false} title={r.name}>{r.name}</Link> },
  ...(showRegion ? [{ key: "region", label: "Region", widthPx: 110, cell: (r: FleetRow) => r.region } as Column] : []),
  { key: "runtime", label: "Runtime", widthPx: 120, cell: (r) => r.runtime },
  { key: "architecture", label: "Arch", widthPx: 70, cell: (r) => r.architecture },
  { key: "memoryMb", label: "Memory", widthPx: 80, num: true, cell: (r) => formatMemoryMb(r.memoryMb) },
  { key: "timeoutS", label: "Timeout", widthPx: 70, num: true, cell: (r) => `${r.timeoutS} s` },
  ...TAG_KEYS.map((k): Column => ({ key: k, label: k, widthPx: 100, cell: (r) => (r.tags === null ? "?" : (r.tags[k] ?? <span className="muted">—</span>)) })),
  { key: "invocations", label: "Invocations", widthPx: 100, num: true, cell: (r) => formatCount(r.invocations) },
  { key: "errorRatePct", label: "Error rate", widthPx: 85, num: true, cell: (r) => formatPct(r.errorRatePct) },
  { key: "throttles", label: "Throttles", widthPx: 85, num: true, cell: (r) => formatCount(r.throttles) },
  { key: "p99DurationMs", label: "p99 duration", widthPx: 100, num: true, cell: (r) => formatDurationMs(r.p99DurationMs) },
  { key: "maxConcurrency", label: "Max conc.", widthPx: 85, num: true, cell: (r) => formatCount(r.maxConcurrency) },
  { key: "dlqDepth", label: "DLQ depth", widthPx: 85, num: true, cell: (r) => (r.dlqArn ? formatCount(r.dlqDepth) : <span className="muted" title="no dead-letter queue configured">—</span>) },
];

/** Row height is fixed so the table can place any row without rendering those above it. */
const ROW_PX = 33;
const VIEWPORT_PX = 640;
/**
 * Rows rendered beyond the visible ones, so a scroll shows rows, not blanks. Rows render in the same
 * frame as the scroll once their page is fetched, so a few are enough: every extra row is 17 more
 * cells to build on each jump, on the main thread.
 */
const OVERSCAN_ROWS = 10;
const PART_LABEL = { functions: "Functions not listed", metrics: "Metrics unavailable: invocations, errors, duration and status are not shown", tags: "Tags unavailable", dlq: "Dead-letter queue depth unavailable" };

export function FleetOverview({ regions }: { regions: string[] }) {
  const { params, set, range } = useUrlState();
  const [scrollTop, setScrollTop] = useState(0);
  const sortParam = params.get("sort") ?? "status";
  const sort = ((SORT_KEYS as readonly string[]).includes(sortParam) ? sortParam : "status") as SortKey;
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  const region = params.get("region");
  const allRegions = region === "all";
  const filter: Record<"q" | "status" | (typeof TAG_KEYS)[number], string> = {
    q: params.get("q") ?? "",
    status: params.get("status") ?? "",
    service: params.get("service") ?? "",
    env: params.get("env") ?? "",
    owner: params.get("owner") ?? "",
  };
  // Every input of the server's answer, in a stable order: the query key and the API's parameters.
  const view: Record<string, string> = Object.fromEntries(
    Object.entries({ range, region: region ?? "", sort, dir, ...filter }).filter(([, v]) => v !== ""),
  );

  // A new sort or filter starts at the top.
  const scroller = useRef<HTMLDivElement>(null);
  const viewKey = JSON.stringify(view);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [viewKey]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN_ROWS);
  const last = Math.floor((scrollTop + VIEWPORT_PX) / ROW_PX) + OVERSCAN_ROWS;
  const pages = [...new Set([0, Math.floor(first / FLEET_PAGE_ROWS), Math.floor(last / FLEET_PAGE_ROWS)])];
  const results = useQueries({ queries: pages.map((p) => ({ ...fleetQueries.page(view, p), placeholderData: keepPreviousData })) });
  const head = results[0];
  const data = head.data;
  const matched = data?.matched ?? 0;
  const rowAt = (i: number): FleetRow | undefined => {
    const page = results[pages.indexOf(Math.floor(i / FLEET_PAGE_ROWS))]?.data;
    return page && page.offset === Math.floor(i / FLEET_PAGE_ROWS) * FLEET_PAGE_ROWS ? page.rows[i % FLEET_PAGE_ROWS] : undefined;
  };
  const end = Math.min(matched, last + 1);
  const cols = useMemo(() => columns(regions.length > 1, regions[0]), [regions]);

  return (
    <>
      <div className="toolbar">
        <RangePicker value={range} onChange={(r) => set({ range: r })} />
        <label>
          Name <input type="search" placeholder="filter by name" value={filter.q} onChange={(e) => set({ q: e.target.value })} aria-label="Filter by name" />
        </label>
        {TAG_KEYS.map((k) => (
          <label key={k}>
            {k}
            <select value={filter[k]} onChange={(e) => set({ [k]: e.target.value })} aria-label={`Filter by ${k}`}>
              <option value="">all</option>
              {(data?.tagValues[k] ?? []).map((v) => (
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
          <select value={filter.status} onChange={(e) => set({ status: e.target.value })} aria-label="Filter by status">
            <option value="">all</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>

      {head.isPending && <div className="panel muted">Loading the fleet…</div>}
      {head.isError && <QueryError title="Could not list the functions" error={head.error} />}
      {data && (
        <>
          {data.failures.map((f) => (
            <ErrorBox key={`${f.region}-${f.part}`} title={`${PART_LABEL[f.part]}${data.regions.length > 1 ? ` in ${f.region}` : ""}`} failure={f.error} />
          ))}
          <div className="summary" data-testid="fleet-summary">
            <span>
              <b data-testid="fleet-total">{data.total.toLocaleString("en-US")}</b> functions{allRegions ? ` in ${data.regions.length} regions` : ""}
            </span>
            <span>
              <b>{data.counts.degraded}</b> degraded
            </span>
            <span>
              <b>{data.counts.warning}</b> warning
            </span>
            <span>
              showing <b data-testid="row-count">{matched.toLocaleString("en-US")}</b>
            </span>
            <span>
              {formatUtc(data.window.startMs)} → {formatUtc(data.window.endMs)}
            </span>
            <span className="muted" data-testid="listed-at" title="The function list is re-read in the background once it is 5 minutes old; until then, and for up to an hour, refreshes use this one">
              functions listed {formatUtc(data.listedAtMs).slice(11)}
            </span>
          </div>
          <div ref={scroller} className="panel fleet-scroll" style={{ maxHeight: VIEWPORT_PX + ROW_PX }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="fleet-scroll">
            <table className="data fleet-table" data-testid="fleet-table" aria-rowcount={matched + 1} aria-busy={head.isPlaceholderData} data-view={head.isPlaceholderData ? "" : new URLSearchParams(view).toString()} style={{ opacity: head.isPlaceholderData ? 0.6 : 1 }}>
              <colgroup>
                {cols.map((c) => (
                  <col key={c.key} style={{ width: c.widthPx }} />
                ))}
              </colgroup>
              <thead>
                <tr>
                  {cols.map((c) => (
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
                {first > 0 && <tr className="spacer" aria-hidden style={{ height: first * ROW_PX }} />}
                {Array.from({ length: Math.max(0, end - first) }, (_, k) => {
                  const i = first + k;
                  const r = rowAt(i);
                  return r ? (
                    <Row key={`${r.region}/${r.name}`} row={r} index={i} cols={cols} />
                  ) : (
                    <tr key={`loading-${i}`} className="loading-row" aria-rowindex={i + 2}>
                      <td colSpan={cols.length} className="muted">
                        …
                      </td>
                    </tr>
                  );
                })}
                {end < matched && <tr className="spacer" aria-hidden style={{ height: (matched - end) * ROW_PX }} />}
              </tbody>
            </table>
          </div>
          <CostLine cost={data.cost} />
        </>
      )}
    </>
  );
}

/**
 * One function's row. Memoised: a scroll re-renders the table, and rows already in view keep their
 * data, so only the rows scrolled in are built. Row links are not prefetched: a scroll through
 * 5,000 rows would otherwise prefetch a page for every row it passes.
 */
const Row = memo(function Row({ row, index, cols }: { row: FleetRow; index: number; cols: Column[] }) {
  return (
    <tr data-function={row.name} data-region={row.region} aria-rowindex={index + 2}>
      {cols.map((c) => (
        <td key={c.key} className={c.num ? "num" : undefined} data-col={c.key}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );
});
