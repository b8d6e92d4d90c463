// Commands that run on whole tables: everything after the per-event prefix (sort, limit, dedup, a
// second stats, and fields/filter/parse that come after those).
import type { Command } from "./ast";
import { compileCondition, compileExpr, type Compiled, type Scope } from "./compile";
import { StatsTable, type TableRow } from "./stats";
import { type Kind, naturalCompare, toText, type Value } from "./values";

export interface Table {
  rows: TableRow[];
  kinds: Map<string, Kind>;
}

export class TableScope implements Scope {
  constructor(readonly kinds: Map<string, Kind>) {}
  field(name: string): Compiled {
    return { fn: (row: TableRow) => row.v[name], kind: this.kinds.get(name) ?? "any" };
  }
}

export function runTable(commands: readonly Command[], table: Table): Table {
  return commands.reduce(runCommand, table);
}

function runCommand(table: Table, cmd: Command): Table {
  const scope = new TableScope(new Map(table.kinds));
  switch (cmd.k) {
    case "fields":
    case "display":
      for (const item of cmd.items) {
        if (item.expr.k === "field" && item.expr.name === item.name) continue;
        const { fn, kind } = compileExpr(item.expr, scope);
        for (const row of table.rows) row.v[item.name] = fn(row);
        scope.kinds.set(item.name, kind);
      }
      return { rows: table.rows, kinds: scope.kinds };
    case "filter": {
      const test = compileCondition(cmd.expr, scope);
      return { rows: table.rows.filter(test), kinds: scope.kinds };
    }
    case "parse":
      return parseRows(cmd, table, scope);
    case "sort":
      return { rows: sortRows(table.rows, cmd.keys.map((k) => ({ fn: compileExpr(k.expr, scope).fn, desc: k.desc }))), kinds: scope.kinds };
    case "limit":
      return { rows: table.rows.slice(0, cmd.count), kinds: scope.kinds };
    case "dedup":
      return { rows: dedupRows(table.rows, cmd.names), kinds: scope.kinds };
    case "stats": {
      const stats = new StatsTable(cmd, scope);
      for (const row of table.rows) stats.add(row);
      return { rows: stats.rows(), kinds: stats.kinds };
    }
  }
}

function parseRows(cmd: Extract<Command, { k: "parse" }>, table: Table, scope: TableScope): Table {
  const source = compileExpr(cmd.source, scope).fn;
  const named = cmd.named;
  for (const row of table.rows) {
    const text = toText(source(row));
    const match = text === undefined ? null : cmd.regex.exec(text);
    cmd.names.forEach((name, i) => {
      if (match) row.v[name] = named ? match.groups?.[name] : match[i + 1];
    });
  }
  for (const name of cmd.names) scope.kinds.set(name, "any");
  return { rows: table.rows, kinds: scope.kinds };
}

export interface SortSpec {
  fn: (row: TableRow) => Value;
  desc: boolean;
}

/**
 * Compares rows by the sort keys (AWS natural order); ties go newest event first, and for equal
 * timestamps the later-arrived event first — a real result lists "END" before the "REPORT" logged
 * after it in the same millisecond, newest first (Embr capture, fixtures/embr-query-results.json).
 */
export function rowComparator(keys: SortSpec[]): (a: TableRow, b: TableRow) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = naturalCompare(key.fn(a), key.fn(b));
      if (c !== 0) return key.desc ? -c : c;
    }
    if (a.ev && b.ev && a.ev.timestampMs !== b.ev.timestampMs) return b.ev.timestampMs - a.ev.timestampMs;
    return (b.seq ?? 0) - (a.seq ?? 0);
  };
}

function sortRows(rows: TableRow[], keys: SortSpec[]): TableRow[] {
  return [...rows].sort(rowComparator(keys));
}

// "dedup … keeps the first result in sort order … null values are not considered duplicates"
// (AWS CWL_QuerySyntax-Dedup).
function dedupRows(rows: TableRow[], names: string[]): TableRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const values = names.map((n) => row.v[n]);
    if (values.some((v) => v === undefined)) return true;
    const key = values.map((v) => `${typeof v}:${String(v)}`).join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
