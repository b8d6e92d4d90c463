// Number and time formatting for generated log lines, each paired with an arithmetic length so a
// scan can count the bytes of lines it never builds (bytesScanned, see generated.ts). Every line
// we generate is ASCII except Python's tracebacks (U+00A0, 2 bytes in UTF-8), so lengths are bytes.

/** Decimal digits of a non-negative integer. */
export function intLen(n: number): number {
  if (n < 10) return 1;
  if (n < 100) return 2;
  if (n < 1_000) return 3;
  if (n < 10_000) return 4;
  if (n < 100_000) return 5;
  if (n < 1_000_000) return 6;
  let len = 7;
  for (let x = Math.floor(n / 10_000_000); x >= 1; x = Math.floor(x / 10)) len++;
  return len;
}

/** `x.toFixed(2)` for a value held as integer hundredths (REPORT lines: "Duration: 102.25 ms"). */
export function fixed2(centi: number): string {
  const whole = Math.floor(centi / 100);
  const frac = centi % 100;
  return `${whole}.${frac < 10 ? "0" : ""}${frac}`;
}

export const fixed2Len = (centi: number) => intLen(Math.floor(centi / 100)) + 3;

/**
 * JSON / JavaScript shortest form of hundredths (Telemetry-API JSON: "durationMs":1233.96, 12.1,
 * 15): Go's encoding/json and JSON.stringify both print the shortest round-trip digits.
 */
export function shortCenti(centi: number): string {
  if (centi % 100 === 0) return String(centi / 100);
  if (centi % 10 === 0) return `${Math.floor(centi / 100)}.${(centi % 100) / 10}`;
  return fixed2(centi);
}

export function shortCentiLen(centi: number): number {
  const whole = intLen(Math.floor(centi / 100));
  if (centi % 100 === 0) return whole;
  return centi % 10 === 0 ? whole + 2 : whole + 3;
}

/** Shortest form of tenths ("durationMs":12.4 in an slog line; 12 when the tenth is 0). */
export const shortTenths = (tenths: number) => (tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}.${tenths % 10}`);
export const shortTenthsLen = (tenths: number) => intLen(Math.floor(tenths / 10)) + (tenths % 10 === 0 ? 0 : 2);

// The "yyyy-mm-ddThh:mm:ss" part of a time is cached per second (toISOString costs more than the
// rest of a line); a scan's lines are nearly in time order, so a small direct-mapped cache hits.
const SLOTS = 256;
const cachedSeconds = new Float64Array(SLOTS).fill(NaN);
const cachedPrefixes: string[] = new Array(SLOTS).fill("");
function secondPrefix(ms: number): string {
  const second = Math.floor(ms / 1000);
  const slot = second & (SLOTS - 1);
  if (cachedSeconds[slot] !== second) {
    cachedSeconds[slot] = second;
    cachedPrefixes[slot] = new Date(second * 1000).toISOString().slice(0, 19);
  }
  return cachedPrefixes[slot];
}
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));

/** "2026-11-20T12:00:00.123Z": JavaScript's toISOString, used by the Node runtime and Lambda's JSON records. */
export const isoMs = (ms: number) => `${secondPrefix(ms)}.${PAD3[ms - Math.floor(ms / 1000) * 1000]}Z`;
export const ISO_MS_LEN = 24;

/**
 * Go's time.RFC3339Nano, which log/slog's JSONHandler writes for "time" (Go source,
 * log/slog/json_handler.go appendJSONTime). RFC3339Nano drops trailing zeros of the fraction;
 * callers pass sub-millisecond nanos whose last digit is never 0, so the fraction always has 9 digits.
 */
export function rfc3339Nano(ms: number, subMsNanos: number): string {
  const hi = Math.floor(subMsNanos / 1000);
  return `${secondPrefix(ms)}.${PAD3[ms - Math.floor(ms / 1000) * 1000]}${PAD3[hi]}${PAD3[subMsNanos - hi * 1000]}Z`;
}
export const RFC3339_NANO_LEN = 30;

/**
 * Python runtime's default log format "[%(levelname)s]\t%(asctime)s.%(msecs)dZ\t…" with asctime
 * "%Y-%m-%dT%H:%M:%S" (awslambdaric bootstrap.py): milliseconds are printed without padding.
 */
export const pythonTime = (ms: number) => `${secondPrefix(ms)}.${ms % 1000}Z`;
export const pythonTimeLen = (ms: number) => 21 + intLen(ms % 1000);

const HEX2 = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/** Hex digits from 32-bit hashes, for X-Ray ids and stream names. */
export function hex32(words: number[], length: number): string {
  let out = "";
  for (const w of words) out += HEX2[w >>> 24] + HEX2[(w >>> 16) & 255] + HEX2[(w >>> 8) & 255] + HEX2[w & 255];
  return out.length === length ? out : out.slice(0, length);
}

/** UTF-8 byte length of a constant string (computed once per catalogue entry, never per line). */
export const utf8Len = (text: string) => Buffer.byteLength(text, "utf8");

/** A JSON string literal's text without the quotes, and its byte length. */
export function jsonInner(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.slice(1, -1);
}
