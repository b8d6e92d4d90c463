"use client";
import { useState } from "react";
import { TimeChart } from "@/components/charts/TimeChart";
import { columnsOf, toCsv } from "@/lib/csv";
import { formatCount } from "@/lib/format";
import { numberOf, timestampOf, type InsightsRow } from "@/lib/insights/parse-results";
import type { SeriesPoint } from "@/lib/types";

const COLORS = ["#2457c5", "#c62828", "#1a7f37", "#9a6700", "#6f42c1", "#8c959f"];

/** For `stats … by bin()` results: the time column and the numeric columns to chart; null otherwise. */
export function chartable(rows: readonly InsightsRow[]): { timeColumn: string; valueColumns: string[] } | null {
  if (rows.length < 2) return null;
  const columns = columnsOf(rows);
  const timeColumn = columns.find((c) => c !== "@timestamp" && rows.every((r) => timestampOf(r[c]) !== undefined));
  if (!timeColumn) return null;
  const valueColumns = columns.filter((c) => c !== timeColumn && rows.every((r) => r[c] === undefined || numberOf(r[c]) !== undefined));
  return valueColumns.length ? { timeColumn, valueColumns } : null;
}

/** Long doubles ("0.0675219446320054") shown to 4 decimals; the CSV keeps what AWS returned. */
const display = (value: string | undefined) => {
  const n = numberOf(value);
  return n !== undefined && /\.\d{5,}/.test(value ?? "") ? n.toFixed(4) : (value ?? "");
};

export function QueryResults({ rows, fileName }: { rows: InsightsRow[]; fileName: string }) {
  const columns = columnsOf(rows);
  const chart = chartable(rows);
  const [charted, setCharted] = useState<string[] | null>(null);
  const shown = charted ?? chart?.valueColumns.slice(0, 1) ?? [];
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(columns, rows)], { type: "text/csv" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `${fileName}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  };
  if (rows.length === 0) return <div className="muted" data-testid="query-results">No rows matched.</div>;
  const points = chart
    ? (rows
        .map((r) => ({ t: timestampOf(r[chart.timeColumn])!, ...Object.fromEntries(chart.valueColumns.map((c) => [c, numberOf(r[c]) ?? null])) }))
        .sort((a, b) => a.t - b.t) as SeriesPoint[])
    : [];
  const periodS = points.length > 1 ? (points[1].t - points[0].t) / 1000 : 3_600;
  return (
    <div data-testid="query-results">
      <div className="toolbar">
        <span className="muted">{formatCount(rows.length)} rows</span>
        <button type="button" onClick={download} data-testid="download-csv">Download CSV</button>
      </div>
      {chart && (
        <>
          <div className="toolbar" aria-label="Columns to chart">
            {chart.valueColumns.map((c) => (
              <label key={c}>
                <input type="checkbox" checked={shown.includes(c)} onChange={() => setCharted(shown.includes(c) ? shown.filter((x) => x !== c) : [...shown, c])} /> {c}
              </label>
            ))}
          </div>
          <TimeChart testId="query-chart" data={points} periodS={periodS} format={formatCount}
            series={shown.map((c) => ({ key: c, name: c, color: COLORS[chart.valueColumns.indexOf(c) % COLORS.length] }))} />
        </>
      )}
      <div style={{ maxHeight: 480, overflow: "auto" }}>
        <table className="data" data-testid="results-table">
          <thead><tr>{columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>{columns.map((c) => <td key={c} className={c === "@message" ? "wrap" : undefined} title={r[c]}>{display(r[c])}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
