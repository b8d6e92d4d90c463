import type { FleetRow } from "@/lib/types";

// Pure filtering, sorting and paging of the overview's rows, on the server (the fleet can be thousands
// of functions in several Regions); the state comes from the page's URL. Shared with the browser for
// the names of tags, sort keys and the untagged marker.
export const TAG_KEYS = ["service", "env", "owner"] as const;
/** Filter value meaning "this tag is missing", so untagged functions can be found. */
export const UNTAGGED = "(untagged)";

export type SortKey =
  | "status" | "name" | "region" | "runtime" | "architecture" | "memoryMb" | "timeoutS" | "service" | "env" | "owner"
  | "invocations" | "errorRatePct" | "throttles" | "p99DurationMs" | "maxConcurrency" | "dlqDepth";

export const SORT_KEYS: readonly SortKey[] = [
  "status", "name", "region", "runtime", "architecture", "memoryMb", "timeoutS", "service", "env", "owner",
  "invocations", "errorRatePct", "throttles", "p99DurationMs", "maxConcurrency", "dlqDepth",
];
export const STATUSES = ["degraded", "warning", "ok", "idle"] as const;

export type FleetFilter = { q?: string; status?: string; tags: Partial<Record<(typeof TAG_KEYS)[number], string>> };

const STATUS_ORDER: Record<string, number> = { degraded: 0, warning: 1, ok: 2, idle: 3, unknown: 4 };

function sortValue(row: FleetRow, key: SortKey): string | number | undefined {
  if (key === "status") return STATUS_ORDER[row.status ?? "unknown"];
  if (key === "service" || key === "env" || key === "owner") return row.tags?.[key]?.toLowerCase();
  return row[key];
}

export function filterRows(rows: readonly FleetRow[], f: FleetFilter): FleetRow[] {
  const q = f.q?.trim().toLowerCase();
  return rows.filter((r) => {
    if (q && !r.name.toLowerCase().includes(q)) return false;
    if (f.status && (r.status ?? "unknown") !== f.status) return false;
    for (const key of TAG_KEYS) {
      const want = f.tags[key];
      if (!want) continue;
      const have = r.tags?.[key];
      if (want === UNTAGGED ? have !== undefined : have !== want) return false;
    }
    return true;
  });
}

// One collator for every comparison: String.localeCompare builds one per call, slow over 5,000 rows.
const compareText = new Intl.Collator("en").compare;
/** Ties (and the same name in two Regions) always in the same order, whichever way the sort goes. */
const byName = (a: FleetRow, b: FleetRow) => compareText(a.name, b.name) || compareText(a.region, b.region);

/** Sorted copy; missing values always last, ties broken by name. */
export function sortRows(rows: readonly FleetRow[], key: SortKey, dir: "asc" | "desc"): FleetRow[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va === undefined || vb === undefined) return va === vb ? byName(a, b) : va === undefined ? 1 : -1;
    const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : compareText(String(va), String(vb));
    return cmp !== 0 ? sign * cmp : byName(a, b);
  });
}

/** How many rows have each status, for the summary line. */
export function statusCounts(rows: readonly FleetRow[]): Record<(typeof STATUSES)[number], number> {
  const counts = { degraded: 0, warning: 0, ok: 0, idle: 0 };
  for (const r of rows) if (r.status) counts[r.status] += 1;
  return counts;
}

/** The distinct values of a tag across the fleet, for the filter menus. */
export const tagValues = (rows: readonly FleetRow[], key: string) =>
  [...new Set(rows.flatMap((r) => (r.tags?.[key] !== undefined ? [r.tags[key]] : [])))].sort();
