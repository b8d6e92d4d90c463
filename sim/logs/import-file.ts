// `npm run sim -- --import <file> [--log-group <name>]`: loads a log export into the store at start.
// Accepted shapes:
//   - the JSON of `aws logs filter-log-events` / `get-log-events`:
//       {"events":[{"logStreamName":"…","timestamp":1701814483862,"message":"…","ingestionTime":…}], …}
//     (get-log-events has no logStreamName: those events go to stream "imported");
//   - plain text, one event per line: "<ISO 8601 timestamp> <message>" (the timestamp is taken off),
//     a Lambda runtime line "<ISO timestamp>\t<request id>\t…" (kept whole, stamped with its time),
//     or a bare line, stamped "now", one millisecond apart in file order.
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";
import type { IncomingEvent, LogStore } from "./store";

const DEFAULT_STREAM = "imported";
const ISO_PREFIX = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2}))([ \t])/;

export class ImportError extends Error {}

export interface ImportSummary {
  logGroup: string;
  events: number;
  streams: number;
}

/** The default group for an import: "/imported/<file name without extension>". */
export const defaultImportGroup = (path: string) => `/imported/${basename(path, extname(path))}`;

export function importLogFile(store: LogStore, path: string, logGroup: string | undefined, nowMs: number): ImportSummary {
  const text = readFileSync(path, "utf8");
  const group = logGroup ?? defaultImportGroup(path);
  const byStream = text.trimStart().startsWith("{") ? fromJson(text, path) : fromText(text, nowMs);
  for (const [stream, events] of byStream) store.append(group, stream, events.sort((a, b) => a.timestampMs - b.timestampMs), nowMs);
  return { logGroup: group, events: [...byStream.values()].reduce((n, e) => n + e.length, 0), streams: byStream.size };
}

function fromJson(text: string, path: string): Map<string, IncomingEvent[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ImportError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const events = (parsed as { events?: unknown }).events;
  if (!Array.isArray(events)) throw new ImportError(`${path}: expected {"events": [...]} as written by aws logs filter-log-events or get-log-events`);
  const byStream = new Map<string, IncomingEvent[]>();
  events.forEach((e: Record<string, unknown>, i) => {
    if (typeof e?.message !== "string" || typeof e.timestamp !== "number") {
      throw new ImportError(`${path}: events[${i}] needs a string "message" and a numeric "timestamp" (epoch milliseconds)`);
    }
    const stream = typeof e.logStreamName === "string" ? e.logStreamName : DEFAULT_STREAM;
    const list = byStream.get(stream) ?? [];
    list.push({ timestampMs: e.timestamp, message: e.message, ingestionTimeMs: typeof e.ingestionTime === "number" ? e.ingestionTime : undefined });
    byStream.set(stream, list);
  });
  return byStream;
}

function fromText(text: string, nowMs: number): Map<string, IncomingEvent[]> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const bareStartMs = nowMs - lines.length;
  const events = lines.map((line, i): IncomingEvent => {
    const m = ISO_PREFIX.exec(line);
    const timestampMs = m ? Date.parse(m[1]) : NaN;
    if (!m || !Number.isFinite(timestampMs)) return { timestampMs: bareStartMs + i, message: line };
    // A space after the time is an export's separator; a tab is part of a Lambda runtime line.
    return { timestampMs, message: m[2] === " " ? line.slice(m[0].length) : line };
  });
  return new Map([[DEFAULT_STREAM, events]]);
}
