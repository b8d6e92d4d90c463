// How GetQueryResults prints values: every value is a string.
// Real captured rows (AWS-FACTS §1, https://github.com/oslabs-beta/Embr primary-app/src/app/retrievedData.js):
//   @billedDuration '15.0', @duration '14.97', @maxMemoryUsed '6.7E7', @memorySize '1.28E8',
//   @timestamp / @ingestionTime '2023-12-05 22:14:43.877'
// and the AWS CLI example (aws/aws-cli awscli/examples/logs/get-query-results.rst):
//   @timestamp '2024-05-19 06:10:35.743'.
// The numbers are Java's Double.toString; timestamps are UTC "yyyy-MM-dd HH:mm:ss.SSS".
import type { Kind, Value } from "./values";

/**
 * Java's Double.toString: plain decimal with at least one fraction digit when
 * 10^-3 <= |x| < 10^7, otherwise computerized scientific notation ("6.7E7", "1.0E-4").
 * JavaScript's shortest round-trip digits are the same digits Java (JDK 19+) prints.
 */
export function formatJavaDouble(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(x);
    return plain.includes(".") ? plain : `${plain}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent.replace("+", "")}`;
}

/** "2026-11-20 12:00:00.000" (UTC), the form of @timestamp, @ingestionTime and bin() in results. */
export function formatTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-20T12:00:00.000Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** An integer-valued number prints without a fraction (counts: "42"); others as Java doubles. */
function formatLooseNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  return formatJavaDouble(x);
}

export function formatValue(v: Exclude<Value, undefined>, kind: Kind): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  switch (kind) {
    case "double":
      return formatJavaDouble(v);
    case "long":
      return Number.isFinite(v) ? String(Math.trunc(v)) : formatJavaDouble(v);
    case "timestamp":
      return Number.isFinite(v) ? formatTimestamp(v) : formatJavaDouble(v);
    default:
      return formatLooseNumber(v);
  }
}
