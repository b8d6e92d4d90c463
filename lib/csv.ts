// CSV as RFC 4180 writes it (shared with the browser): fields with a comma, quote or line break are
// quoted and their quotes doubled; lines end with CRLF. Cells starting with = + - @ are prefixed
// with ' so a spreadsheet does not run them as formulas (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && FORMULA_START.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, string | number | null | undefined>[]): string {
  return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** Columns in order of first appearance across rows (Logs Insights rows may differ in their fields). */
export function columnsOf(rows: readonly Record<string, unknown>[], skip: readonly string[] = ["@ptr"]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!skip.includes(k)) seen.add(k);
  return [...seen];
}
