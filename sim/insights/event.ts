// One log event as the engine sees it, and the system fields every event has.
// "For every log sent to CloudWatch Logs, five system fields are automatically generated:
// @message, @timestamp, @ingestionTime, @logStream, @log (account-id:log-group-name)"; results
// also carry @ptr (AWS CWL_AnalyzeLogData-discoverable-fields).
import { Buffer } from "node:buffer";
import { discoverFields } from "./discover";
import type { Kind, Value } from "./values";

export interface LogEvent {
  timestampMs: number;
  ingestionTimeMs: number;
  logGroup: string;
  logStream: string;
  accountId: string;
  /** The raw line, or a function that builds it (generated lines are materialised on demand). */
  message: string | (() => string);
  /** Pre-discovered fields; must equal discoverFields(message, logGroup). */
  fields?: Record<string, string | number>;
  /** UTF-8 length of the message, so bytesScanned needs no materialised message. */
  messageBytes?: number;
  /** Caller's id for the event; carried in @ptr so a later GetLogRecord can find it. */
  eventId?: string;
}

/** Static kinds of the system and Lambda fields (values print as AWS prints them; format.ts). */
export const KNOWN_FIELD_KINDS: Readonly<Record<string, Kind>> = {
  "@timestamp": "timestamp", "@ingestionTime": "timestamp", "@message": "string", "@logStream": "string",
  "@log": "string", "@ptr": "string", "@type": "string", "@requestId": "string", "@xrayTraceId": "string",
  "@xraySegmentId": "string", "@duration": "double", "@billedDuration": "double", "@memorySize": "double",
  "@maxMemoryUsed": "double", "@initDuration": "double",
};

/** The event under evaluation; one instance is reused for every event of a push. */
export class EventRow {
  ev!: LogEvent;
  /** Fields computed by fields/parse commands, by slot index. */
  readonly slots: Value[];
  private text: string | undefined;
  private found: Record<string, string | number> | undefined;
  private logIdFor: LogEvent | undefined;
  private logIdText = "";

  constructor(slotCount: number) {
    this.slots = new Array<Value>(slotCount).fill(undefined);
  }

  reset(ev: LogEvent): void {
    this.ev = ev;
    this.text = typeof ev.message === "string" ? ev.message : undefined;
    this.found = ev.fields;
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) slots[i] = undefined;
  }

  message(): string {
    if (this.text === undefined) {
      const m = this.ev.message;
      this.text = typeof m === "string" ? m : m();
    }
    return this.text;
  }

  fields(): Record<string, string | number> {
    if (this.found === undefined) this.found = discoverFields(this.message(), this.ev.logGroup);
    return this.found;
  }

  messageBytes(): number {
    return this.ev.messageBytes ?? Buffer.byteLength(this.message(), "utf8");
  }

  /** @log: "account-id:log-group-name". */
  logId(): string {
    if (this.logIdFor?.logGroup !== this.ev.logGroup || this.logIdFor.accountId !== this.ev.accountId) {
      this.logIdFor = this.ev;
      this.logIdText = `${this.ev.accountId}:${this.ev.logGroup}`;
    }
    return this.logIdText;
  }
}

type EventGetter = (r: EventRow) => Value;

/** A getter for a field that no fields/parse command has (re)defined. */
export function eventFieldGetter(name: string): { fn: EventGetter; kind: Kind } {
  const kind = KNOWN_FIELD_KINDS[name] ?? "any";
  switch (name) {
    case "@timestamp":
      return { fn: (r) => r.ev.timestampMs, kind };
    case "@ingestionTime":
      return { fn: (r) => r.ev.ingestionTimeMs, kind };
    case "@logStream":
      return { fn: (r) => r.ev.logStream, kind };
    case "@log":
      return { fn: (r) => r.logId(), kind };
    case "@message":
      return { fn: (r) => r.message(), kind };
    case "@ptr":
      return { fn: (r) => encodePtr(r.ev), kind };
    default:
      return { fn: (r) => r.fields()[name], kind };
  }
}

type PtrSource = Pick<LogEvent, "accountId" | "logGroup" | "logStream" | "timestampMs" | "ingestionTimeMs" | "eventId">;

/** @ptr: opaque to clients; here base64 of the event's coordinates (and eventId when given). */
export function encodePtr(ev: PtrSource): string {
  const parts = [ev.accountId, ev.logGroup, ev.logStream, ev.timestampMs, ev.ingestionTimeMs, ev.eventId ?? null];
  return Buffer.from(JSON.stringify(parts)).toString("base64");
}

export function decodePtr(ptr: string): PtrSource | undefined {
  try {
    const [accountId, logGroup, logStream, timestampMs, ingestionTimeMs, eventId] = JSON.parse(Buffer.from(ptr, "base64").toString("utf8"));
    return { accountId, logGroup, logStream, timestampMs, ingestionTimeMs, eventId: eventId ?? undefined };
  } catch {
    return undefined;
  }
}
