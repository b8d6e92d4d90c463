// Real log events kept in memory: what CreateLogGroup / CreateLogStream / PutLogEvents and
// `npm run sim -- --import <file>` put into the account. Queried exactly like generated lines;
// their fields come from discoverFields, as Logs Insights discovers them at query time.
import { discoverFields, type LogEvent } from "../insights";

export interface StoredStream {
  name: string;
  creationTimeMs: number;
  firstEventMs?: number;
  lastEventMs?: number;
  lastIngestionMs?: number;
  storedBytes: number;
}

export interface StoredGroup {
  name: string;
  creationTimeMs: number;
  streams: Map<string, StoredStream>;
  events: LogEvent[];
  storedBytes: number;
}

export interface IncomingEvent {
  timestampMs: number;
  message: string;
  ingestionTimeMs?: number;
}

export class LogStore {
  private readonly groups = new Map<string, StoredGroup>();
  private nextEventId = 1;

  constructor(private readonly accountId: string) {}

  group(name: string): StoredGroup | undefined {
    return this.groups.get(name);
  }

  list(): StoredGroup[] {
    return [...this.groups.values()];
  }

  /** False when the group already exists (the caller decides whether that is an error). */
  createGroup(name: string, nowMs: number): boolean {
    if (this.groups.has(name)) return false;
    this.groups.set(name, { name, creationTimeMs: nowMs, streams: new Map(), events: [], storedBytes: 0 });
    return true;
  }

  createStream(group: StoredGroup, name: string, nowMs: number): boolean {
    if (group.streams.has(name)) return false;
    group.streams.set(name, { name, creationTimeMs: nowMs, storedBytes: 0 });
    return true;
  }

  /** Adds events to a stream (creating group and stream when missing, as an import does). */
  append(groupName: string, streamName: string, events: IncomingEvent[], nowMs: number): void {
    this.createGroup(groupName, nowMs);
    const group = this.groups.get(groupName)!;
    this.createStream(group, streamName, nowMs);
    const stream = group.streams.get(streamName)!;
    for (const e of events) {
      const messageBytes = Buffer.byteLength(e.message, "utf8");
      const ingestionTimeMs = e.ingestionTimeMs ?? nowMs;
      group.events.push({
        timestampMs: e.timestampMs,
        ingestionTimeMs,
        logGroup: groupName,
        logStream: streamName,
        accountId: this.accountId,
        message: e.message,
        fields: discoverFields(e.message, groupName),
        messageBytes,
        eventId: String(this.nextEventId++),
      });
      stream.firstEventMs = Math.min(stream.firstEventMs ?? Infinity, e.timestampMs);
      stream.lastEventMs = Math.max(stream.lastEventMs ?? -Infinity, e.timestampMs);
      stream.lastIngestionMs = Math.max(stream.lastIngestionMs ?? -Infinity, ingestionTimeMs);
      stream.storedBytes += messageBytes;
      group.storedBytes += messageBytes;
    }
  }
}
