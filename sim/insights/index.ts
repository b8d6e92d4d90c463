// CloudWatch Logs Insights (Logs Insights QL) engine of the demo AWS account: parse a query once,
// push log events through it in chunks, read AWS-shaped statistics and result rows.
export type { ParsedQuery } from "./ast";
export { discoverFields } from "./discover";
export { MalformedQueryError } from "./errors";
export { decodePtr, type LogEvent } from "./event";
export { type Execution, type ExecutionOptions, MAX_RESULT_ROWS, type QueryStatistics, type ResultRow, startExecution } from "./execution";
export { formatJavaDouble, formatTimestamp } from "./format";

import type { ParsedQuery } from "./ast";
import { commandRefs, viewOf } from "./columns";
import { startExecution } from "./execution";
import { parseQuery as parseText } from "./parser";

/**
 * Parses and checks a query; throws MalformedQueryError (AWS's MalformedQueryException) naming
 * the problem and where it is. Every command is compiled once here, so errors that need the whole
 * pipeline (a stats item reading a field outside an aggregation) are found before any event.
 */
export function parseQuery(text: string): ParsedQuery {
  const query = parseText(text);
  startExecution(query, { startMs: 0, endMs: -1 }).results();
  return query;
}

/**
 * True when the query reads @message (a filter/parse on it, or @message in the output). When it
 * is false, events that carry pre-discovered `fields` (and `messageBytes`) are evaluated without
 * materialising their message.
 */
export function needsMessage(query: ParsedQuery): boolean {
  const refs = new Set<string>();
  for (const cmd of query.commands) commandRefs(cmd, refs);
  return refs.has("@message") || viewOf(query.commands).columns.includes("@message");
}
