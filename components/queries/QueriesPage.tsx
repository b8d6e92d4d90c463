"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { getJson } from "@/components/api";
import { ErrorBox, QueryError } from "@/components/ErrorBox";
import { RangePicker } from "@/components/RangePicker";
import { RunProgress } from "@/components/insights/RunProgress";
import { useInsightsRun } from "@/components/insights/useInsightsRun";
import { QueryResults } from "@/components/queries/QueryResults";
import { useUrlState } from "@/components/useUrlState";
import { TAG_KEYS, UNTAGGED } from "@/lib/functions/fleet-view";
import { logsInsightsUrl } from "@/lib/insights/console-links";
import type { QueryDefinition } from "@/lib/insights/query-definitions";
import type { SavedQuery } from "@/lib/insights/saved-queries";
import { rangeSeconds, scanGroupDays } from "@/lib/ranges";
import type { Panel } from "@/lib/types";

type Inventory = { functions: { name: string; logGroup: string; tags: Record<string, string> | null }[] };
type Catalog = { saved: SavedQuery[]; definitions: Panel<QueryDefinition[]> };
const MAX_FUNCTIONS = 50;

/** The put-query-definition command that saves one of our queries to the account (we never write). */
const saveCommand = (q: SavedQuery) => `aws logs put-query-definition --name 'Lambdascope/${q.name}' --query-string file://queries/${q.id}.insights`;

/** `maxScanGroupDays`: the server's cap on log groups × days one query may read (LAMBDASCOPE_MAX_SCAN_GROUP_DAYS). */
export function QueriesPage({ region, maxScanGroupDays }: { region: string; maxScanGroupDays: number }) {
  const { params, set, range } = useUrlState();
  const catalog = useQuery({ queryKey: ["insights-queries"], queryFn: ({ signal }) => getJson<Catalog>("/api/insights/queries", signal), staleTime: 300_000 });
  const inventory = useQuery({ queryKey: ["inventory"], queryFn: ({ signal }) => getJson<Inventory>("/api/inventory", signal), staleTime: 300_000 });
  const [submitted, setSubmitted] = useState<{ query: string; functions: string[] } | null>(null);

  const queryId = params.get("query") ?? "cold-start-rate";
  const nameFilter = params.get("q") ?? "";
  const tagFilter = Object.fromEntries(TAG_KEYS.map((k) => [k, params.get(k) ?? ""]));
  const selected = (inventory.data?.functions ?? []).filter(
    (f) =>
      f.name.includes(nameFilter) &&
      TAG_KEYS.every((k) => !tagFilter[k] || (tagFilter[k] === UNTAGGED ? f.tags?.[k] === undefined : f.tags?.[k] === tagFilter[k])),
  );
  const run = useInsightsRun({ query: submitted?.query ?? "", functions: submitted?.functions ?? [], range, enabled: submitted !== null });
  const saved = catalog.data?.saved.find((q) => q.id === queryId);
  const definition = catalog.data?.definitions.ok ? catalog.data.definitions.data.find((d) => `def:${d.id}` === queryId) : undefined;
  const queryString = saved?.queryString ?? definition?.queryString ?? "";
  const groups = [...new Set(selected.map((f) => f.logGroup))];
  const endMs = Math.floor(Date.now() / 60_000) * 60_000;
  const groupDays = scanGroupDays(selected.length, rangeSeconds(range));
  const tooBig = selected.length <= MAX_FUNCTIONS && groupDays > maxScanGroupDays;

  return (
    <>
      {catalog.isError && <QueryError title="Could not list the saved queries" error={catalog.error} />}
      {inventory.isError && <QueryError title="Could not list the functions" error={inventory.error} />}
      {catalog.data && !catalog.data.definitions.ok && <ErrorBox title="The account's saved query definitions are unavailable" failure={catalog.data.definitions.error} />}
      <div className="grid2" style={{ gridTemplateColumns: "minmax(300px, 1fr) 2fr" }}>
        <section className="panel" aria-label="Saved queries">
          <h2>Saved queries</h2>
          <ul className="query-list" data-testid="saved-queries">
            {catalog.data?.saved.map((q) => (
              <li key={q.id}>
                <button type="button" aria-pressed={q.id === queryId} onClick={() => set({ query: q.id })}>{q.name}</button>
                <div className="muted">{q.answers}</div>
              </li>
            ))}
          </ul>
          <h2>In this account</h2>
          <ul className="query-list" data-testid="account-queries">
            {catalog.data?.definitions.ok && catalog.data.definitions.data.length === 0 && <li className="muted">No saved query definitions.</li>}
            {catalog.data?.definitions.ok &&
              catalog.data.definitions.data.map((d) => (
                <li key={d.id}>
                  <button type="button" aria-pressed={`def:${d.id}` === queryId} onClick={() => set({ query: `def:${d.id}` })}>{d.name}</button>
                </li>
              ))}
          </ul>
        </section>
        <section className="panel" aria-label="Run a query">
          <h2>{saved?.name ?? definition?.name ?? "Choose a query"}</h2>
          {saved && <p className="muted">{saved.answers} Columns: {saved.columns.join(", ")}.</p>}
          <pre className="query-text" data-testid="query-text">{queryString}</pre>
          <div className="toolbar">
            <button type="button" onClick={() => navigator.clipboard?.writeText(queryString)}>Copy query</button>
            {groups.length > 0 && groups.length <= MAX_FUNCTIONS && (
              <a href={logsInsightsUrl({ region, queryString, logGroupNames: groups, startMs: endMs - rangeSeconds(range) * 1000, endMs })} target="_blank" rel="noreferrer">
                Open in the CloudWatch console
              </a>
            )}
          </div>
          {saved && (
            <p className="muted" style={{ fontSize: 12 }}>
              Save it to the account (run from the repository): <code data-testid="save-command">{saveCommand(saved)}</code>
            </p>
          )}
          <div className="toolbar">
            <RangePicker value={range} onChange={(r) => set({ range: r })} />
            <label>
              Functions <input type="search" value={nameFilter} placeholder="name contains" aria-label="Functions by name" onChange={(e) => set({ q: e.target.value })} />
            </label>
            {TAG_KEYS.map((k) => (
              <label key={k}>
                {k}
                <select aria-label={`Functions by ${k}`} value={tagFilter[k]} onChange={(e) => set({ [k]: e.target.value })}>
                  <option value="">any</option>
                  {[...new Set((inventory.data?.functions ?? []).flatMap((f) => (f.tags?.[k] ? [f.tags[k]] : [])))].sort().map((v) => (
                    <option key={v} value={v}>{v}</option>
                  ))}
                  <option value={UNTAGGED}>{UNTAGGED}</option>
                </select>
              </label>
            ))}
          </div>
          <div className="toolbar">
            <span data-testid="selected-count">{selected.length} functions selected</span>
            {selected.length > MAX_FUNCTIONS && <span className="error-text">Logs Insights reads at most {MAX_FUNCTIONS} log groups a query: narrow the selection.</span>}
            {tooBig && (
              <span className="error-text" data-testid="scan-cap">
                {selected.length} functions × {range} is {Math.round(groupDays)} log-group-days, over the {maxScanGroupDays} one query may scan: choose fewer functions or a shorter range.
              </span>
            )}
            <button type="button" className="primary" data-testid="run-query" disabled={!queryString || selected.length === 0 || selected.length > MAX_FUNCTIONS || tooBig}
              onClick={() => setSubmitted({ query: queryId, functions: selected.map((f) => f.name).sort() })}>
              Run query
            </button>
          </div>
          {submitted && run.error !== null && run.error !== undefined && <QueryError title="The query could not start" error={run.error} />}
          {submitted && run.run && <RunProgress run={run.run} joined={run.joined} onCancel={run.cancel} />}
          {run.run?.error && <ErrorBox title="The query failed" failure={run.run.error} />}
          {run.run?.status === "Complete" && <QueryResults rows={run.run.rows ?? []} fileName={`${submitted?.query ?? "query"}-${range}`} />}
        </section>
      </div>
    </>
  );
}
