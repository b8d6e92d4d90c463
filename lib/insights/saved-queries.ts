import "server-only";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** A saved Logs Insights query from queries/<id>.insights: a `# key: value` header, then the query. */
export type SavedQuery = {
  id: string; // the file name without .insights
  name: string;
  answers: string;
  parameters: string;
  columns: string[];
  queryString: string; // the query without its header, as sent to StartQuery
};

const HEADER_KEYS = ["name", "answers", "parameters", "columns"] as const;
export const QUERIES_DIR = path.join(process.cwd(), "queries");

/** Parses one query file; throws naming the file and the missing header key. */
export function parseSavedQuery(id: string, text: string): SavedQuery {
  const lines = text.split("\n");
  const header: Record<string, string> = {};
  let body = 0;
  for (; body < lines.length && lines[body].startsWith("#"); body++) {
    const m = /^#\s*([a-z]+):\s*(.*)$/.exec(lines[body]);
    if (m) header[m[1]] = m[2].trim();
  }
  for (const key of HEADER_KEYS) if (!header[key]) throw new Error(`queries/${id}.insights: header "# ${key}: …" is missing`);
  const queryString = lines.slice(body).join("\n").trim();
  if (!queryString) throw new Error(`queries/${id}.insights: no query after the header`);
  return {
    id,
    name: header.name,
    answers: header.answers,
    parameters: header.parameters,
    columns: header.columns.split(",").map((c) => c.trim()),
    queryString,
  };
}

let cache: Map<string, SavedQuery> | undefined;

/** Every saved query, read once per process (the files ship with the app). */
export function savedQueries(dir = QUERIES_DIR): Map<string, SavedQuery> {
  if (cache && dir === QUERIES_DIR) return cache;
  const queries = new Map<string, SavedQuery>();
  // Not traced (it would pull in the whole project): next.config.ts ships queries/ with the server.
  for (const file of readdirSync(/*turbopackIgnore: true*/ dir).filter((f) => f.endsWith(".insights")).sort()) {
    const id = file.slice(0, -".insights".length);
    queries.set(id, parseSavedQuery(id, readFileSync(path.join(/*turbopackIgnore: true*/ dir, file), "utf8")));
  }
  if (dir === QUERIES_DIR) cache = queries;
  return queries;
}
