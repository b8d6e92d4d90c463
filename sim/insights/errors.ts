// AWS answers a query it cannot parse with MalformedQueryException (HTTP 400) and a
// `queryCompileError` naming the location; the message here says what and where.
// Source: StartQuery API reference, "Errors" (MalformedQueryException).

export interface SourceLocation {
  line: number; // 1-based
  column: number; // 1-based
  token?: string;
}

export class MalformedQueryError extends Error {
  readonly location?: SourceLocation;

  constructor(what: string, location?: SourceLocation) {
    super(location ? `${what} (line ${location.line}, column ${location.column}${nearToken(location)})` : what);
    // The AWS error name, so the wire layer and callers classify it by `name` (STYLE.md §6).
    this.name = "MalformedQueryException";
    this.location = location;
  }
}

function nearToken(location: SourceLocation): string {
  if (location.token === undefined) return "";
  return location.token === "" ? ", at the end of the query" : `, near '${location.token}'`;
}

/** Line and column (1-based) of a character offset in the query text. */
export function locate(text: string, offset: number, token?: string): SourceLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, token };
}
