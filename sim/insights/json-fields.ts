// JSON field discovery (AWS CWL_AnalyzeLogData-discoverable-fields, "Fields in JSON Logs"):
// nested fields use dot notation (userIdentity.type), arrays flatten by index
// (requestParameters.instancesSet.items.0.instanceId), at most 100 fields are extracted, and a
// field whose name starts with @ is shown with an extra @ (@example.com → @@example.com).
// For Lambda logs only "the first embedded JSON fragment in each log event" is used.

export const MAX_JSON_FIELDS = 100;

type Fields = Record<string, string | number>;

function flatten(value: unknown, path: string, out: Fields, budget: { left: number }): void {
  if (budget.left <= 0 || value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(item, path ? `${path}.${i}` : String(i), out, budget));
    return;
  }
  if (typeof value === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      flatten(child, path ? `${path}.${key}` : key, out, budget);
    }
    return;
  }
  const name = path.startsWith("@") ? `@${path}` : path;
  out[name] = typeof value === "number" ? value : String(value);
  budget.left--;
}

/** Fields of a JSON object text; {} when it is not a JSON object. */
export function jsonFields(text: string): Fields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  const out: Fields = {};
  if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) flatten(parsed, "", out, { left: MAX_JSON_FIELDS });
  return out;
}

/** End (exclusive) of the JSON object starting at `start` ('{'), or -1 if it never closes. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Fields of the first JSON object embedded anywhere in the message (e.g. after a runtime prefix). */
export function firstJsonFragmentFields(message: string): Fields {
  const start = message.indexOf("{");
  if (start < 0) return {};
  if (start === 0) {
    const whole = jsonFields(message);
    if (Object.keys(whole).length > 0) return whole;
  }
  const end = objectEnd(message, start);
  return end < 0 ? {} : jsonFields(message.slice(start, end));
}
