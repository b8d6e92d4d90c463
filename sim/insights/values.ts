// Runtime values and their comparison rules.
/** A field value; `undefined` is a missing field (AWS leaves it out of the result row). */
export type Value = number | string | boolean | undefined;

/**
 * Static type of an expression, used to print its values as AWS does (see format.ts):
 * double → Java double text (15.0, 6.7E7); long → integer; timestamp → "yyyy-MM-dd HH:mm:ss.SSS";
 * num/any → decided per value.
 */
export type Kind = "double" | "long" | "num" | "string" | "bool" | "timestamp" | "any";

export const isNumericKind = (k: Kind) => k === "double" || k === "long" || k === "num" || k === "timestamp";

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** A number, or NaN when the value has none (strings are parsed: `parse` extracts text). */
export function toNum(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string" && NUMERIC_TEXT.test(v)) return Number(v);
  return NaN;
}

export function toText(v: Value): string | undefined {
  if (v === undefined) return undefined;
  return typeof v === "string" ? v : String(v);
}

/** Truthiness of a filter condition. */
export function truthy(v: Value): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
  return typeof v === "string" && v !== "";
}

/**
 * Compares for = != < <= > >=: numerically when both sides are numbers (or numeric text next
 * to a number), otherwise as strings. Undefined when either side is missing: every comparison
 * with a missing field is false.
 */
export function compareForFilter(a: Value, b: Value): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  const x = toNum(a);
  const y = toNum(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : 0;
  const s = String(a);
  const t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

// AWS sort (CWL_QuerySyntax-Sort): "All non-number values come before all number values. Number
// values are values that include only numbers ... For non-number values, the algorithm groups
// consecutive numeric characters and consecutive alphabetic characters into separate chunks for
// comparison. It orders non-numeric portions by their Unicode values, and it orders numeric
// portions by their length first and then by their numerical value."
// Missing values sort before everything (first in asc, last in desc): AWS does not say; our choice.
export function naturalCompare(a: Value, b: Value): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const x = sortNumber(a);
  const y = sortNumber(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : plainCompare(String(a), String(b));
  if (x !== undefined) return 1;
  if (y !== undefined) return -1;
  return chunkCompare(String(a), String(b));
}

function sortNumber(v: Value): number | undefined {
  if (typeof v === "number") return Number.isNaN(v) ? undefined : v;
  if (typeof v !== "string") return undefined;
  return NUMERIC_TEXT.test(v) ? Number(v) : undefined;
}

const plainCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const CHUNK = /\d+|\D+/g;

function chunkCompare(a: string, b: string): number {
  const ca = a.match(CHUNK) ?? [];
  const cb = b.match(CHUNK) ?? [];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const p = ca[i];
    const q = cb[i];
    if (p === q) continue;
    const pDigits = p.charCodeAt(0) <= 57 && p.charCodeAt(0) >= 48;
    const qDigits = q.charCodeAt(0) <= 57 && q.charCodeAt(0) >= 48;
    if (pDigits && qDigits && p.length !== q.length) return p.length - q.length;
    return plainCompare(p, q);
  }
  return ca.length - cb.length;
}

/** Equality for `=` and `in`. */
export function valuesEqual(a: Value, b: Value): boolean {
  return compareForFilter(a, b) === 0;
}
