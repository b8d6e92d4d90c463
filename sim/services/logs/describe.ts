// DescribeLogGroups and DescribeLogStreams (CloudWatch Logs API reference):
// - DescribeLogGroups: logGroupNamePrefix or logGroupNamePattern (not both; the pattern is a
//   case-insensitive substring), limit 1–50 (default 50), nextToken; groups in name order.
// - DescribeLogStreams: logGroupName or logGroupIdentifier, logStreamNamePrefix, orderBy
//   LogStreamName (default) | LastEventTime (not with a prefix), descending, limit 1–50, nextToken.
import { insightsStreamName } from "../../logs/lambda-insights";
import { estimatedInsightsBytes, estimatedStoredBytes, findLogGroup, type LogGroupInfo, logGroups } from "../../logs/log-groups";
import type { LogsState } from "../../logs/state";
import type { ActionInput, CallContext } from "../../wire/service";
import { invalidParameter, logGroupNotFound } from "./errors";
import { boundedInt, optionalString, page } from "./input";

const MAX_LIMIT = 50;
const DAY_MS = 86_400_000;

export const logGroupArn = (ctx: CallContext, name: string) => `arn:aws:logs:${ctx.model.fleet.region}:${ctx.model.fleet.accountId}:log-group:${name}`;

/** "arn:aws:logs:<region>:<account>:log-group:<name>[:*]" or a plain name → the name. */
export function groupNameOf(identifier: string): string {
  const m = /^arn:aws[a-z-]*:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return m ? m[1] : identifier;
}

export function describeLogGroups(state: LogsState) {
  return (input: ActionInput, ctx: CallContext) => {
    const prefix = optionalString(input, "logGroupNamePrefix");
    const pattern = optionalString(input, "logGroupNamePattern");
    if (prefix !== undefined && pattern !== undefined) {
      throw invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    const limit = boundedInt(input, "limit", 1, MAX_LIMIT, MAX_LIMIT);
    const needle = pattern?.toLowerCase();
    const all = logGroups(ctx.model, state.store).filter((g) =>
      prefix !== undefined ? g.name.startsWith(prefix) : needle !== undefined ? g.name.toLowerCase().includes(needle) : true);
    const { items, nextToken } = page(all, input, `groups:${prefix ?? ""}:${pattern ?? ""}`, limit);
    return { logGroups: items.map((g) => groupShape(ctx, g)), ...(nextToken ? { nextToken } : {}) };
  };
}

function groupShape(ctx: CallContext, g: LogGroupInfo) {
  const arn = logGroupArn(ctx, g.name);
  const generated = g.functions.reduce((n, f) => n + estimatedStoredBytes(ctx.model, f), 0)
    + (g.insights ?? []).reduce((n, f) => n + estimatedInsightsBytes(ctx.model, f), 0);
  return {
    logGroupName: g.name,
    creationTime: g.creationTimeMs,
    ...(g.retentionInDays ? { retentionInDays: g.retentionInDays } : {}),
    metricFilterCount: 0,
    // The older `arn` ends with ":*"; logGroupArn does not (DescribeLogGroups API reference).
    arn: `${arn}:*`,
    storedBytes: generated + (g.stored?.storedBytes ?? 0),
    logGroupClass: "STANDARD",
    logGroupArn: arn,
  };
}

export function describeLogStreams(state: LogsState) {
  return (input: ActionInput, ctx: CallContext) => {
    const name = optionalString(input, "logGroupName") ?? groupNameOf(optionalString(input, "logGroupIdentifier") ?? "");
    if (!name) throw invalidParameter("Either logGroupName or logGroupIdentifier must be specified.");
    const group = findLogGroup(ctx.model, state.store, name);
    if (!group) throw logGroupNotFound();
    const prefix = optionalString(input, "logStreamNamePrefix");
    const orderBy = optionalString(input, "orderBy") ?? "LogStreamName";
    if (orderBy !== "LogStreamName" && orderBy !== "LastEventTime") throw invalidParameter(`orderBy must be LogStreamName or LastEventTime, got ${orderBy}`);
    if (orderBy === "LastEventTime" && prefix !== undefined) {
      throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    const descending = input.descending === true;
    const limit = boundedInt(input, "limit", 1, MAX_LIMIT, MAX_LIMIT);
    const streams = streamsOf(ctx, group).filter((s) => prefix === undefined || s.logStreamName.startsWith(prefix));
    streams.sort(orderBy === "LastEventTime"
      ? (a, b) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || a.logStreamName.localeCompare(b.logStreamName)
      : (a, b) => (a.logStreamName < b.logStreamName ? -1 : a.logStreamName > b.logStreamName ? 1 : 0));
    if (descending) streams.reverse();
    const { items, nextToken } = page(streams, input, `streams:${name}:${prefix ?? ""}:${orderBy}:${descending}`, limit);
    return { logStreams: items, ...(nextToken ? { nextToken } : {}) };
  };
}

interface StreamShape {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  arn: string;
  storedBytes: number;
}

/**
 * Generated groups list the environments of the last day (sim/logs/environments.ts says how they
 * are chosen; event times are approximate); stored groups list what was created or imported.
 */
function streamsOf(ctx: CallContext, group: LogGroupInfo): StreamShape[] {
  const arn = logGroupArn(ctx, group.name);
  const out: StreamShape[] = [];
  const nowMs = ctx.model.nowMs();
  for (const fn of group.functions) {
    for (const s of fn.envs.streamsBetween(nowMs - DAY_MS, nowMs, nowMs)) {
      out.push({ logStreamName: s.name, creationTime: s.firstMs, firstEventTimestamp: s.firstMs, lastEventTimestamp: s.lastMs, lastIngestionTime: s.lastMs + 500, arn: `${arn}:log-stream:${s.name}`, storedBytes: 0 });
    }
  }
  // /aws/lambda-insights: one stream per (function, environment), "<date>/<function>[<version>]<id>".
  for (const fn of group.insights ?? []) {
    for (const s of fn.envs.streamsBetween(nowMs - DAY_MS, nowMs, nowMs)) {
      const name = insightsStreamName(fn.spec.name, s.name);
      out.push({ logStreamName: name, creationTime: s.firstMs, firstEventTimestamp: s.firstMs, lastEventTimestamp: s.lastMs, lastIngestionTime: s.lastMs + 500, arn: `${arn}:log-stream:${name}`, storedBytes: 0 });
    }
  }
  for (const s of group.stored?.streams.values() ?? []) {
    out.push({
      logStreamName: s.name,
      creationTime: s.creationTimeMs,
      ...(s.firstEventMs !== undefined ? { firstEventTimestamp: s.firstEventMs, lastEventTimestamp: s.lastEventMs, lastIngestionTime: s.lastIngestionMs } : {}),
      arn: `${arn}:log-stream:${s.name}`,
      // AWS stopped reporting per-stream storedBytes (always 0, DescribeLogStreams API reference).
      storedBytes: 0,
    });
  }
  return out;
}
