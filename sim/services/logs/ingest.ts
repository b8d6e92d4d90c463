// CreateLogGroup, CreateLogStream and PutLogEvents: real events kept in memory (sim/logs/store.ts).
// PutLogEvents as today's API reference describes it: the sequence token is ignored (never
// InvalidSequenceTokenException); a batch holds at most 10,000 events and 1,048,576 bytes (UTF-8
// messages + 26 bytes an event), in chronological order; events more than
// 2 hours in the future or older than 14 days are rejected (rejectedLogEventsInfo) while the rest
// are stored, and those may span at most 24 hours.
import { findLogGroup } from "../../logs/log-groups";
import type { LogsState } from "../../logs/state";
import type { IncomingEvent } from "../../logs/store";
import type { ActionInput, CallContext } from "../../wire/service";
import { alreadyExists, invalidParameter, logGroupNotFound, logStreamNotFound } from "./errors";
import { requiredString } from "./input";

const MAX_BATCH_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;
const MAX_EVENT_BYTES = 1_048_576;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// Names: 1–512 characters of [.\-_/#A-Za-z0-9] (CreateLogGroup API reference, logGroupName).
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
// Stream names: 1–512 characters, no ':' or '*' (CreateLogStream API reference).
const STREAM_NAME = /^[^:*]{1,512}$/;

export function createLogGroup(state: LogsState) {
  return (input: ActionInput, ctx: CallContext) => {
    const name = requiredString(input, "logGroupName");
    if (!GROUP_NAME.test(name)) throw invalidParameter(`Invalid log group name: ${name}`);
    if (findLogGroup(ctx.model, state.store, name) || !state.store.createGroup(name, ctx.model.nowMs())) throw alreadyExists("log group");
    return {};
  };
}

export function createLogStream(state: LogsState) {
  return (input: ActionInput, ctx: CallContext) => {
    const groupName = requiredString(input, "logGroupName");
    const name = requiredString(input, "logStreamName");
    if (!STREAM_NAME.test(name)) throw invalidParameter(`Invalid log stream name: ${name}`);
    // A function's generated group accepts streams too: they are stored beside its generated lines.
    if (!findLogGroup(ctx.model, state.store, groupName)) throw logGroupNotFound();
    state.store.createGroup(groupName, ctx.model.nowMs());
    if (!state.store.createStream(state.store.group(groupName)!, name, ctx.model.nowMs())) throw alreadyExists("log stream");
    return {};
  };
}

export function putLogEvents(state: LogsState) {
  return (input: ActionInput, ctx: CallContext) => {
    const groupName = requiredString(input, "logGroupName");
    const streamName = requiredString(input, "logStreamName");
    const group = state.store.group(groupName);
    if (!group && !findLogGroup(ctx.model, state.store, groupName)) throw logGroupNotFound();
    if (!group?.streams.has(streamName)) throw logStreamNotFound();
    const events = batchOf(input);
    const nowMs = ctx.model.nowMs();
    let tooNew: number | undefined;
    let tooOld: number | undefined;
    const accepted: IncomingEvent[] = [];
    events.forEach((e, i) => {
      if (e.timestampMs > nowMs + 2 * HOUR_MS) tooNew ??= i;
      else if (e.timestampMs < nowMs - 14 * DAY_MS) tooOld = i;
      else accepted.push({ ...e, ingestionTimeMs: nowMs });
    });
    // "For valid events (within 14 days in the past to 2 hours in future), the time span in a
    // single batch cannot exceed 24 hours" (PutLogEvents API reference).
    if (accepted.length > 0 && accepted[accepted.length - 1].timestampMs - accepted[0].timestampMs > DAY_MS) {
      throw invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
    }
    state.store.append(groupName, streamName, accepted, nowMs);
    const rejected = { ...(tooNew !== undefined ? { tooNewLogEventStartIndex: tooNew } : {}), ...(tooOld !== undefined ? { tooOldLogEventEndIndex: tooOld } : {}) };
    return Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {};
  };
}

function batchOf(input: ActionInput): IncomingEvent[] {
  const raw = input.logEvents;
  if (!Array.isArray(raw) || raw.length === 0) throw invalidParameter("Missing required parameter: logEvents (at least one event)");
  if (raw.length > MAX_BATCH_EVENTS) throw invalidParameter(`A batch can hold at most ${MAX_BATCH_EVENTS} log events.`);
  let bytes = 0;
  const events = raw.map((e: Record<string, unknown>, i): IncomingEvent => {
    if (typeof e?.message !== "string" || e.message === "" || typeof e.timestamp !== "number") {
      throw invalidParameter(`logEvents[${i}] needs a non-empty message and a timestamp (epoch milliseconds)`);
    }
    const size = Buffer.byteLength(e.message, "utf8");
    if (size > MAX_EVENT_BYTES) throw invalidParameter(`Log event too large: logEvents[${i}] is ${size} bytes.`);
    bytes += size + EVENT_OVERHEAD_BYTES;
    return { timestampMs: e.timestamp, message: e.message };
  });
  if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds the ${MAX_BATCH_BYTES}-byte limit.`);
  for (let i = 1; i < events.length; i++) {
    if (events[i].timestampMs < events[i - 1].timestampMs) throw invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
  }
  return events;
}
