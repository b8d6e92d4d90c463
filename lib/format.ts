// Display formatting shared by server and browser components (no 'server-only'). Units are in the names.

export const formatCount = (n: number | null | undefined) =>
  n === null || n === undefined ? "—" : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : Math.round(n).toLocaleString("en-US");

export const formatPct = (pct: number | null | undefined) =>
  pct === null || pct === undefined ? "—" : pct === 0 ? "0%" : pct < 0.01 ? "<0.01%" : pct < 10 ? `${pct.toFixed(2)}%` : `${pct.toFixed(1)}%`;

export const formatDurationMs = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? "—" : ms === 0 ? "0" : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : ms >= 1_000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

export const formatMemoryMb = (mb: number) => (mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb.toLocaleString("en-US")} MB`);

/** Dollars to the cent with thousands separators; negative amounts as −$. */
export const formatUsdCents = (usd: number) => {
  const cents = Math.round(usd * 100) / 100;
  return `${cents < 0 ? "−" : ""}$${Math.abs(cents).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
};

export const formatUsd = (usd: number) => (usd === 0 ? "$0" : usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`);

export const formatAgeS = (s: number | null | undefined) =>
  s === null || s === undefined ? "—" : s >= 86_400 ? `${(s / 86_400).toFixed(1)} d` : s >= 3_600 ? `${(s / 3_600).toFixed(1)} h` : s >= 60 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`;

/** "2026-11-23 09:15 UTC": dashboards for on-call show one unambiguous zone. */
export const formatUtc = (ms: number | string) => {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
};

/** Chart axis label for a timestamp: time of day for short ranges, date + hour for long ones. */
export const formatAxisTime = (ms: number, periodS: number) => {
  const iso = new Date(ms).toISOString();
  return periodS >= 3_600 ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(11, 16);
};

/** Bytes in the unit that reads best (binary units, as Logs Insights bills GB of 2^30 bytes). */
export const formatBytes = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
