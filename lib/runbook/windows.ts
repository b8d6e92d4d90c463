// The runbook's time windows: the incident (default the last hour, or from an alarm's state change)
// and the baselines (the same hours on the previous days). Pure, shared with the browser.
import type { Span } from "@/lib/runbook/types";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export const RUNBOOK_WINDOWS = ["15m", "1h", "3h", "6h", "12h", "24h"] as const;
export type RunbookWindowPreset = (typeof RUNBOOK_WINDOWS)[number];
export const DEFAULT_RUNBOOK_WINDOW: RunbookWindowPreset = "1h";
const PRESET_MS: Record<RunbookWindowPreset, number> = { "15m": 15 * MINUTE_MS, "1h": HOUR_MS, "3h": 3 * HOUR_MS, "6h": 6 * HOUR_MS, "12h": 12 * HOUR_MS, "24h": DAY_MS };

/** Longest incident window: Logs Insights bills by bytes scanned, and a day covers any alarm worth a runbook. */
export const MAX_WINDOW_MS = DAY_MS;
export const MIN_WINDOW_MS = 5 * MINUTE_MS;
export const BASELINE_DAYS = { min: 1, max: 7, default: 3 } as const;

export type WindowRequest =
  | { kind: "preset"; window: RunbookWindowPreset }
  | { kind: "range"; fromMs: number; toMs: number }
  | { kind: "alarm"; alarm: string; sinceMs: number };

const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

/**
 * The incident span, minute-aligned (so the same minute's requests share a cache entry). An alarm
 * window starts at its state change, capped to the last day; windows shorter than 5 min are widened
 * to 5 min, since CloudWatch's 5-minute periods cannot say anything about less.
 */
export function incidentSpan(req: WindowRequest, nowMs: number): Span {
  const endNow = floorMinute(nowMs);
  if (req.kind === "preset") return { startMs: endNow - PRESET_MS[req.window], endMs: endNow };
  const endMs = req.kind === "range" ? Math.min(floorMinute(req.toMs), endNow) : endNow;
  const fromMs = req.kind === "range" ? req.fromMs : req.sinceMs;
  const startMs = Math.min(Math.max(floorMinute(fromMs), endMs - MAX_WINDOW_MS), endMs - MIN_WINDOW_MS);
  return { startMs, endMs };
}

/** The same span 1…days days earlier, most recent first. */
export function baselineSpans(incident: Span, days: number): Span[] {
  return Array.from({ length: days }, (_, i) => ({ startMs: incident.startMs - (i + 1) * DAY_MS, endMs: incident.endMs - (i + 1) * DAY_MS }));
}

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace("T", " ");

export function spanLabel(s: Span): string {
  const sameDay = utc(s.startMs).slice(0, 10) === utc(s.endMs).slice(0, 10);
  return `${utc(s.startMs)}–${sameDay ? utc(s.endMs).slice(11) : utc(s.endMs)} UTC`;
}

export const baselineLabel = (days: number) => `the same hours on the previous ${days === 1 ? "day" : `${days} days`}`;
