// Logs Insights: StartQuery, GetQueryResults, StopQuery, DescribeQueries (CloudWatch Logs API
// reference; limits in AWS-FACTS §1). The query itself runs in sim/logs/query-runner.ts.
import type { Faults } from "../../control/faults";
import type { InsightsMeter } from "../../control/meter";
import { MalformedQueryError, parseQuery } from "../../insights";
import { findLogGroup, type LogGroupInfo } from "../../logs/log-groups";
import type { Query } from "../../logs/query-runner";
import type { LogsState } from "../../logs/state";
import type { ActionInput, CallContext } from "../../wire/service";
import { invalidParameter, malformedQuery, queryConcurrencyLimit, queryLogGroupNotFound, queryNotFound } from "./errors";
import { groupNameOf } from "./describe";
import { boundedInt, optionalString, optionalStrings, page, requiredString } from "./input";

/** logGroupNames / logGroupIdentifiers: up to 50 log groups (StartQuery API reference). */
export const MAX_QUERY_LOG_GROUPS = 50;
/** Concurrent Logs Insights queries per account, dashboards included (AWS-FACTS §1). */
export const MAX_CONCURRENT_QUERIES = 30;
/**
 * StartQuery limit: "The maximum limit is 100,000 … up to 10,000 log events per GetQueryResults
 * request" (StartQuery API reference in client-cloudwatch-logs 3.1164.0). The engine returns at
 * most 10,000 rows (sim/insights MAX_RESULT_ROWS), so GetQueryResults never has a next page here.
 */
export const MAX_QUERY_LIMIT = 100_000;
/** queryString: 0–10,000 characters (StartQuery API reference). */
const MAX_QUERY_STRING = 10_000;

export interface QueryDeps {
  state: LogsState;
  meter: InsightsMeter;
  faults: Faults;
}

export function startQuery({ state, meter, faults }: QueryDeps) {
  return (input: ActionInput, ctx: CallContext) => {
    const groups = resolveGroups(input, ctx, state);
    const startTime = requiredEpochSeconds(input, "startTime");
    const endTime = requiredEpochSeconds(input, "endTime");
    if (endTime < startTime) throw invalidParameter("End time should not be before the start time");
    const queryString = requiredString(input, "queryString");
    if (queryString.length > MAX_QUERY_STRING) throw invalidParameter(`queryString must be at most ${MAX_QUERY_STRING} characters`);
    const language = optionalString(input, "queryLanguage") ?? "CWLI";
    if (language !== "CWLI") throw invalidParameter(`queryLanguage ${language}: the demo account runs Logs Insights QL (CWLI) only`);
    const limit = input.limit === undefined ? undefined : boundedInt(input, "limit", 1, MAX_QUERY_LIMIT, MAX_QUERY_LIMIT);
    const parsed = parse(queryString);

    const fault = faults.takeQueryFault("logs:StartQuery");
    if (fault === "queryLimit" || state.queries.activeCount() >= MAX_CONCURRENT_QUERIES) throw queryConcurrencyLimit(MAX_CONCURRENT_QUERIES);
    const forcedEnd = fault === "queryTimeout" ? "Timeout" : fault === "queryFailed" ? "Failed" : undefined;
    // The range is inclusive at both ends (StartQuery API reference, startTime/endTime).
    const query = state.queries.start({ queryString, parsed, groups, startMs: startTime * 1000, endMs: endTime * 1000, limit, forcedEnd });
    meter.recordInsightsQuery();
    return { queryId: query.queryId };
  };
}

function resolveGroups(input: ActionInput, ctx: CallContext, state: LogsState): LogGroupInfo[] {
  const single = optionalString(input, "logGroupName");
  const names = optionalStrings(input, "logGroupNames");
  const identifiers = optionalStrings(input, "logGroupIdentifiers");
  const given = [single, names, identifiers].filter((x) => x !== undefined).length;
  if (given !== 1) throw invalidParameter("Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified.");
  const list = single !== undefined ? [single] : (names ?? identifiers!.map(groupNameOf));
  const member = names ? "logGroupNames" : "logGroupIdentifiers";
  if (list.length === 0) throw invalidParameter(`${member} must name at least one log group`);
  if (list.length > MAX_QUERY_LOG_GROUPS) {
    throw invalidParameter(`1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_QUERY_LOG_GROUPS}`);
  }
  return [...new Set(list)].map((name) => {
    const group = findLogGroup(ctx.model, state.store, name);
    if (!group) throw queryLogGroupNotFound(name, ctx.model.fleet.accountId);
    return group;
  });
}

function requiredEpochSeconds(input: ActionInput, name: string): number {
  const v = input[name];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw invalidParameter(`${name} is required: epoch seconds`);
  return v;
}

/** The engine's error (line/column of the token) as AWS's QueryCompileError character offsets. */
function parse(queryString: string) {
  try {
    return parseQuery(queryString);
  } catch (e) {
    if (!(e instanceof MalformedQueryError)) throw e;
    const loc = e.location;
    let start = 0;
    if (loc) {
      const lines = queryString.split("\n");
      for (let i = 0; i < loc.line - 1 && i < lines.length; i++) start += lines[i].length + 1;
      start += loc.column - 1;
    }
    throw malformedQuery(e.message, start, start + Math.max(0, (loc?.token?.length ?? 1) - 1));
  }
}

export function getQueryResults(state: LogsState) {
  return (input: ActionInput) => {
    const query = state.queries.get(requiredString(input, "queryId"));
    if (!query) throw queryNotFound();
    return { queryLanguage: "CWLI", results: query.results(), statistics: query.statistics(), status: query.status };
  };
}

export function stopQuery(state: LogsState) {
  return (input: ActionInput) => {
    const query = state.queries.get(requiredString(input, "queryId"));
    if (!query) throw queryNotFound();
    return { success: query.cancel() };
  };
}

const QUERY_STATUSES = new Set(["Scheduled", "Running", "Complete", "Failed", "Cancelled", "Timeout", "Unknown"]);

/** DescribeQueries: newest first; status and logGroupName narrow it; maxResults 1–1,000. */
export function describeQueries(state: LogsState) {
  return (input: ActionInput) => {
    const status = optionalString(input, "status");
    if (status !== undefined && !QUERY_STATUSES.has(status)) throw invalidParameter(`status must be one of ${[...QUERY_STATUSES].join(", ")}`);
    const logGroupName = optionalString(input, "logGroupName");
    const maxResults = boundedInt(input, "maxResults", 1, 1_000, 1_000);
    const queries = state.queries.list().filter((q) => (status === undefined || q.status === status) && (logGroupName === undefined || q.logGroupNames.includes(logGroupName)));
    const { items, nextToken } = page(queries, input, `queries:${status ?? ""}:${logGroupName ?? ""}`, maxResults);
    return { queries: items.map(queryInfo), ...(nextToken ? { nextToken } : {}) };
  };
}

function queryInfo(q: Query) {
  return {
    queryLanguage: "CWLI",
    queryId: q.queryId,
    queryString: q.request.queryString,
    status: q.status,
    createTime: q.createTimeMs,
    logGroupName: q.logGroupNames[0],
  };
}
