// Shapes the saved queries' rows into the health page's series and figures. Pure and shared with
// the browser: the run API returns rows as Logs Insights gives them (strings), the panels shape them here.
import { logGroupOf, numberOf, timestampOf, type InsightsRow } from "@/lib/insights/parse-results";

export type HealthPoint = {
  t: number; // start of the hour, epoch ms
  invocations: number;
  coldStarts: number;
  coldStartPct: number | null;
  avgInitDurationMs: number | null;
  p50DurationMs: number | null;
  p95DurationMs: number | null;
  p99DurationMs: number | null;
  maxDurationMs: number | null;
  maxUtilisationPct: number | null;
  p99UtilisationPct: number | null;
};

export type HealthSummary = {
  invocations: number;
  coldStarts: number;
  coldStartPct: number | null; // Σ cold starts / Σ invocations, not an average of hourly rates
  avgInitDurationMs: number | null; // weighted by each hour's cold starts
  maxUtilisationPct: number | null;
  p99UtilisationPct: number | null; // the highest hourly p99
  memorySizeMb: number | null;
  headroomMb: number | null; // memory never touched at the peak: size × (1 − max utilisation)
};

const orNull = (v: number | undefined) => (v === undefined ? null : v);
const maxOf = (values: (number | null)[]) => {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? Math.max(...present) : null;
};

/** Rows of queries/function-health.insights → hourly points (oldest first) and the range's figures. */
export function toHealth(rows: readonly InsightsRow[]): { points: HealthPoint[]; summary: HealthSummary } {
  const points = rows
    .map((r): HealthPoint => ({
      t: timestampOf(r.hour) ?? NaN,
      invocations: numberOf(r.invocations) ?? 0,
      coldStarts: numberOf(r.coldStarts) ?? 0,
      coldStartPct: orNull(numberOf(r.coldStartPct)),
      avgInitDurationMs: orNull(numberOf(r.avgInitDurationMs)),
      p50DurationMs: orNull(numberOf(r.p50DurationMs)),
      p95DurationMs: orNull(numberOf(r.p95DurationMs)),
      p99DurationMs: orNull(numberOf(r.p99DurationMs)),
      maxDurationMs: orNull(numberOf(r.maxDurationMs)),
      maxUtilisationPct: orNull(numberOf(r.maxUtilisationPct)),
      p99UtilisationPct: orNull(numberOf(r.p99UtilisationPct)),
    }))
    .filter((p) => !Number.isNaN(p.t))
    .sort((a, b) => a.t - b.t);
  const invocations = points.reduce((a, p) => a + p.invocations, 0);
  const coldStarts = points.reduce((a, p) => a + p.coldStarts, 0);
  const maxUtilisationPct = maxOf(points.map((p) => p.maxUtilisationPct));
  const memorySizeMb = maxOf(rows.map((r) => orNull(numberOf(r.memorySizeMb))));
  return {
    points,
    summary: {
      invocations,
      coldStarts,
      coldStartPct: invocations > 0 ? (100 * coldStarts) / invocations : null,
      avgInitDurationMs: coldStarts > 0 ? points.reduce((a, p) => a + (p.avgInitDurationMs ?? 0) * p.coldStarts, 0) / coldStarts : null,
      maxUtilisationPct,
      p99UtilisationPct: maxOf(points.map((p) => p.p99UtilisationPct)),
      memorySizeMb,
      headroomMb: memorySizeMb !== null && maxUtilisationPct !== null ? memorySizeMb * (1 - maxUtilisationPct / 100) : null,
    },
  };
}

export type ErrorSample = { timestampMs: number; requestId: string; logGroup: string; logStream: string; message: string; kind: "timeout" | "out of memory" | "error" };

/** Rows of queries/errors-with-request-ids.insights → samples, newest first, with timeouts and OOM kills named. */
export function toErrorSamples(rows: readonly InsightsRow[]): ErrorSample[] {
  return rows.map((r) => {
    const raw = r["@message"] ?? "";
    const status = r["record.status"]; // JSON log format: platform.report records carry the status
    const kind = status === "timeout" || /Task timed out|Status: timeout/.test(raw) ? "timeout" : /Runtime\.OutOfMemory/.test(raw) ? "out of memory" : "error";
    return {
      timestampMs: timestampOf(r["@timestamp"]) ?? 0,
      requestId: r["@requestId"] || r.requestId || r["record.requestId"] || "",
      logGroup: logGroupOf(r["@log"]),
      logStream: r["@logStream"] ?? "",
      message: r.msg || raw,
      kind,
    };
  });
}
