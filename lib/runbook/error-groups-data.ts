// Shapes the error-groups query's rows (queries/error-groups.insights) into step 4's groups. Pure.
import { numberOf, timestampOf, type InsightsRow } from "@/lib/insights/parse-results";
import type { ErrorGroup } from "@/lib/runbook/error-samples";

const MAX_SAMPLES = 3;

// The messages the query makes of Lambda's own failure lines (everything else is the code's own):
//   "Task timed out after 10.00 seconds"  Text format, the function log's timeout line
//   "Task timed out"                      JSON format: platform.report with record.status "timeout"
//   "Sandbox.Timedout"                    JSON format, if the report carries record.errorType
//   "Runtime.OutOfMemory"                 Text REPORT "Error Type: Runtime.OutOfMemory", or JSON record.errorType
const TIMED_OUT_AFTER = /^Task timed out after [\d.]+ seconds$/;

function kindAndMessage(raw: string): Pick<ErrorGroup, "kind" | "message"> {
  if (TIMED_OUT_AFTER.test(raw)) return { kind: "timeout", message: raw };
  if (raw === "Task timed out") return { kind: "timeout", message: "Task timed out (the JSON log format does not say after how long)" };
  if (raw === "Sandbox.Timedout") return { kind: "timeout", message: "Task timed out (Sandbox.Timedout)" };
  if (raw === "Runtime.OutOfMemory") return { kind: "out of memory", message: "Runtime.OutOfMemory (killed at the memory limit)" };
  return { kind: "error", message: raw === "" ? "(no message in the log line)" : raw };
}

/** Up to three distinct, non-empty request ids: the first and last seen, then the one that sorts first. */
function samplesOf(row: InsightsRow): string[] {
  const ids = [row.firstRequestId, row.lastRequestId, row.sampleRequestId].map((id) => id?.trim() ?? "").filter((id) => id !== "");
  return [...new Set(ids)].slice(0, MAX_SAMPLES);
}

/**
 * One group per row, most frequent first. A row without a count or times is not from this query
 * and is dropped; a row without a message keeps its count (each one is a failed invocation).
 */
export function toErrorGroups(rows: InsightsRow[]): ErrorGroup[] {
  const groups: ErrorGroup[] = [];
  for (const row of rows) {
    const count = numberOf(row.errors);
    const firstSeenMs = timestampOf(row.firstSeen);
    const lastSeenMs = timestampOf(row.lastSeen);
    if (count === undefined || count <= 0 || firstSeenMs === undefined || lastSeenMs === undefined) continue;
    groups.push({ ...kindAndMessage((row.message ?? "").trim()), count, firstSeenMs, lastSeenMs, sampleRequestIds: samplesOf(row) });
  }
  return groups.sort((a, b) => b.count - a.count); // stable: ties keep the query's order
}
