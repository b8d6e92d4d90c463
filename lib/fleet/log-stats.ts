import "server-only";
import { durationCost } from "@/lib/cost/lambda-cost";
import { PRICE_LISTS, type Architecture } from "@/lib/cost/prices";
import { logGroupOf, numberOf, type InsightsRow } from "@/lib/insights/parse-results";
import type { FunctionSummary } from "@/lib/types";

// Fleet-wide figures from one scan of REPORT lines (queries/fleet-log-stats.insights): one row per
// (log group, memory size) in, one figure per function and the fleet's totals out. Pure.

/** A cold-start rate over fewer invocations is noise (1 of 1 is 100 %): such functions are not ranked by it. */
export const MIN_INVOCATIONS_TO_RANK_COLD_STARTS = 20;
/** A memory peak at or above this share of the memory size is one spike from an out-of-memory kill. */
export const MEMORY_PEAK_WARN_PCT = 90;
/** How many functions each top list holds. */
export const TOP_N = 10;

export type FunctionLogStats = {
  name: string;
  logGroup: string;
  /** Other functions writing to the same log group: their lines are counted here (Logs Insights groups by @log). */
  sharedWith: string[];
  architecture: Architecture;
  memoryMb: number; // configured now (ListFunctions)
  invocations: number;
  coldStarts: number;
  coldStartPct: number | null; // null: no invocations
  avgInitDurationMs: number | null; // null: no cold starts
  maxInitDurationMs: number | null;
  billedGbSeconds: number;
  peakMemoryUsedMb: number | null;
  /** The highest max memory used as a share of the memory size it ran at (a function may have run at several). */
  peakMemoryPct: number | null;
};

export type FleetLogTotals = {
  functions: number; // with at least one REPORT line in the window
  invocations: number;
  coldStarts: number;
  coldStartPct: number | null;
  billedGbSeconds: number;
  /** Duration cost of those GB-s at list price (no free tier), per architecture; null if the region is not priced. */
  computeUsd: number | null;
  computeUsdByArchitecture: Partial<Record<Architecture, number>>;
};

export type FleetLogStats = {
  totals: FleetLogTotals;
  functions: FunctionLogStats[]; // by name
  top: { coldStartPct: FunctionLogStats[]; billedGbSeconds: FunctionLogStats[]; nearMemoryLimit: FunctionLogStats[] };
};

type Part = { memorySizeMb: number; invocations: number; coldStarts: number; avgInitDurationMs?: number; maxInitDurationMs?: number; billedGbSeconds: number; peakMemoryUsedMb?: number };

const partOf = (r: InsightsRow): Part => ({
  memorySizeMb: numberOf(r.memorySizeMb) ?? 0,
  invocations: numberOf(r.invocations) ?? 0,
  coldStarts: numberOf(r.coldStarts) ?? 0,
  avgInitDurationMs: numberOf(r.avgInitDurationMs),
  maxInitDurationMs: numberOf(r.maxInitDurationMs),
  billedGbSeconds: numberOf(r.billedGbSeconds) ?? 0,
  peakMemoryUsedMb: numberOf(r.peakMemoryUsedMb),
});

const sum = (parts: Part[], f: (p: Part) => number) => parts.reduce((a, p) => a + f(p), 0);
const maxOf = (values: (number | undefined)[]) => {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length ? Math.max(...present) : null;
};

/** One function's figures from its rows (one per memory size it ran at). */
export function functionStats(f: FunctionSummary, rows: InsightsRow[], sharedWith: string[] = []): FunctionLogStats {
  const parts = rows.map(partOf);
  const invocations = sum(parts, (p) => p.invocations);
  const coldStarts = sum(parts, (p) => p.coldStarts);
  // Each row's average is over its own cold starts: weight by them.
  const initMsTotal = sum(parts, (p) => (p.avgInitDurationMs ?? 0) * p.coldStarts);
  return {
    name: f.name,
    logGroup: f.logGroup,
    sharedWith,
    architecture: f.architecture === "arm64" ? "arm64" : "x86_64",
    memoryMb: f.memoryMb,
    invocations,
    coldStarts,
    coldStartPct: invocations > 0 ? (coldStarts / invocations) * 100 : null,
    avgInitDurationMs: coldStarts > 0 ? initMsTotal / coldStarts : null,
    maxInitDurationMs: maxOf(parts.map((p) => p.maxInitDurationMs)),
    billedGbSeconds: sum(parts, (p) => p.billedGbSeconds),
    peakMemoryUsedMb: maxOf(parts.map((p) => p.peakMemoryUsedMb)),
    peakMemoryPct: maxOf(parts.map((p) => (p.peakMemoryUsedMb !== undefined && p.memorySizeMb > 0 ? (p.peakMemoryUsedMb / p.memorySizeMb) * 100 : undefined))),
  };
}

/** Every function's figures: rows matched to functions by log group; a group several functions share is counted once, under the first by name. */
export function perFunction(functions: readonly FunctionSummary[], rows: readonly InsightsRow[]): FunctionLogStats[] {
  const byGroup = new Map<string, InsightsRow[]>();
  for (const r of rows) {
    const g = logGroupOf(r["@log"]);
    const mine = byGroup.get(g);
    if (mine) mine.push(r);
    else byGroup.set(g, [r]);
  }
  const sorted = [...functions].sort((a, b) => a.name.localeCompare(b.name));
  const writers = new Map<string, string[]>();
  for (const f of sorted) writers.set(f.logGroup, [...(writers.get(f.logGroup) ?? []), f.name]);
  return sorted
    .filter((f) => writers.get(f.logGroup)![0] === f.name)
    .map((f) => functionStats(f, byGroup.get(f.logGroup) ?? [], writers.get(f.logGroup)!.slice(1)));
}

/** The fleet's totals; GB-s priced per architecture with the duration price of `region`. */
export function fleetTotals(stats: readonly FunctionLogStats[], region: string): FleetLogTotals {
  const invocations = stats.reduce((a, s) => a + s.invocations, 0);
  const coldStarts = stats.reduce((a, s) => a + s.coldStarts, 0);
  const prices = PRICE_LISTS[region];
  const byArch: Partial<Record<Architecture, number>> = {};
  for (const s of stats) byArch[s.architecture] = (byArch[s.architecture] ?? 0) + s.billedGbSeconds;
  const usdByArch = prices
    ? Object.fromEntries(Object.entries(byArch).map(([arch, gbSeconds]) => [arch, durationCost({ gbSeconds, architecture: arch as Architecture, prices }).exactUsd]))
    : {};
  return {
    functions: stats.filter((s) => s.invocations > 0).length,
    invocations,
    coldStarts,
    coldStartPct: invocations > 0 ? (coldStarts / invocations) * 100 : null,
    billedGbSeconds: stats.reduce((a, s) => a + s.billedGbSeconds, 0),
    computeUsd: prices ? Object.values(usdByArch).reduce((a, u) => a + u, 0) : null,
    computeUsdByArchitecture: usdByArch,
  };
}

const byDesc = (f: (s: FunctionLogStats) => number) => (a: FunctionLogStats, b: FunctionLogStats) => f(b) - f(a) || a.name.localeCompare(b.name);

/** The top lists: highest cold-start rate (with enough invocations), most GB-s, and every memory peak ≥ 90 % of its size. */
export function topLists(stats: readonly FunctionLogStats[], n = TOP_N): FleetLogStats["top"] {
  return {
    coldStartPct: stats
      .filter((s) => s.invocations >= MIN_INVOCATIONS_TO_RANK_COLD_STARTS && s.coldStarts > 0)
      .sort(byDesc((s) => s.coldStartPct!))
      .slice(0, n),
    billedGbSeconds: stats
      .filter((s) => s.billedGbSeconds > 0)
      .sort(byDesc((s) => s.billedGbSeconds))
      .slice(0, n),
    nearMemoryLimit: stats.filter((s) => (s.peakMemoryPct ?? 0) >= MEMORY_PEAK_WARN_PCT).sort(byDesc((s) => s.peakMemoryPct!)),
  };
}

export function fleetLogStats(functions: readonly FunctionSummary[], rows: readonly InsightsRow[], region: string): FleetLogStats {
  const stats = perFunction(functions, rows);
  return { totals: fleetTotals(stats, region), functions: stats, top: topLists(stats) };
}
