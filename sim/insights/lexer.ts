// Tokens of Logs Insights QL. Comments run from `#` to the end of the line; field names may hold
// letters, digits, `_`, `@` and `.`, anything else needs backticks (AWS CWL_QuerySyntax: "Any log
// field named in a query that has characters other than the @ sign, the period, and alphanumeric
// characters must be surrounded by backtick characters").
import { MalformedQueryError, locate } from "./errors";

export type TokenType = "ident" | "number" | "period" | "string" | "regex" | "op" | "eof";

export interface Token {
  type: TokenType;
  /** Identifier name, number text, decoded string, regex source, or operator. */
  value: string;
  start: number;
  end: number;
  /** A backticked identifier: never a keyword. */
  quoted?: boolean;
}

const TWO_CHAR_OPS = new Set(["!=", "<=", ">=", "=~", "=="]);
const ONE_CHAR_OPS = new Set(["|", ",", "(", ")", "[", "]", "=", "<", ">", "+", "-", "*", "/", "%", "^"]);

const isDigit = (c: string) => c >= "0" && c <= "9";
const isLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isIdentStart = (c: string) => isLetter(c) || c === "_" || c === "@" || c === "$";
const isIdentPart = (c: string) => isIdentStart(c) || isDigit(c) || c === ".";

export class Lexer {
  private pos = 0;
  private peeked: Token | null = null;

  constructor(readonly text: string) {}

  peek(): Token {
    if (this.peeked === null) this.peeked = this.scan();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  /** Re-reads the text at a `/` operator token as a regex literal `/…/`. */
  regexAt(token: Token): Token {
    this.peeked = null;
    this.pos = token.start;
    return this.scanRegex();
  }

  fail(what: string, token: Token): never {
    const shown = token.type === "eof" ? "" : this.text.slice(token.start, token.end);
    throw new MalformedQueryError(what, locate(this.text, token.start, shown));
  }

  private failAt(what: string, offset: number): never {
    throw new MalformedQueryError(what, locate(this.text, offset, this.text.slice(offset, offset + 12)));
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === "#") {
        while (this.pos < text.length && text[this.pos] !== "\n") this.pos++;
      } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
        this.pos++;
      } else {
        return;
      }
    }
  }

  private scan(): Token {
    this.skipSpaceAndComments();
    const start = this.pos;
    if (start >= this.text.length) return { type: "eof", value: "", start, end: start };
    const c = this.text[start];
    if (isDigit(c)) return this.scanNumber(start);
    if (isIdentStart(c)) return this.scanIdent(start);
    if (c === "`") return this.scanBackticked(start);
    if (c === '"' || c === "'") return this.scanString(start, c);
    const two = this.text.slice(start, start + 2);
    if (TWO_CHAR_OPS.has(two)) {
      this.pos += 2;
      return { type: "op", value: two === "==" ? "=" : two, start, end: this.pos };
    }
    if (ONE_CHAR_OPS.has(c)) {
      this.pos += 1;
      return { type: "op", value: c, start, end: this.pos };
    }
    return this.failAt(`unexpected character '${c}'`, start);
  }

  private scanNumber(start: number): Token {
    const text = this.text;
    let p = start;
    while (p < text.length && isDigit(text[p])) p++;
    if (text[p] === "." && isDigit(text[p + 1] ?? "")) {
      p++;
      while (p < text.length && isDigit(text[p])) p++;
    }
    const exponent = /^[eE][+-]?\d/.exec(text.slice(p, p + 3));
    if (exponent) {
      p += exponent[0].length;
      while (p < text.length && isDigit(text[p])) p++;
    } else if (p < text.length && isLetter(text[p])) {
      // A time period such as 5m, 1h, 100ms (used by bin, datefloor, dateceil).
      while (p < text.length && isLetter(text[p])) p++;
      this.pos = p;
      return { type: "period", value: text.slice(start, p), start, end: p };
    }
    this.pos = p;
    return { type: "number", value: text.slice(start, p), start, end: p };
  }

  private scanIdent(start: number): Token {
    let p = start;
    while (p < this.text.length && isIdentPart(this.text[p])) p++;
    this.pos = p;
    return { type: "ident", value: this.text.slice(start, p), start, end: p };
  }

  private scanBackticked(start: number): Token {
    const close = this.text.indexOf("`", start + 1);
    if (close < 0) this.failAt("unbalanced backtick: this field name is never closed", start);
    this.pos = close + 1;
    return { type: "ident", value: this.text.slice(start + 1, close), start, end: this.pos, quoted: true };
  }

  private scanString(start: number, quote: string): Token {
    const text = this.text;
    let value = "";
    let p = start + 1;
    while (p < text.length && text[p] !== quote) {
      if (text[p] === "\\" && p + 1 < text.length) {
        const e = text[p + 1];
        value += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
        p += 2;
      } else {
        value += text[p++];
      }
    }
    if (p >= text.length) this.failAt(`unbalanced quotes: the string opened with ${quote} is never closed`, start);
    this.pos = p + 1;
    return { type: "string", value, start, end: this.pos };
  }

  private scanRegex(): Token {
    const text = this.text;
    const start = this.pos;
    let p = start + 1;
    let inClass = false;
    while (p < text.length) {
      const c = text[p];
      if (c === "\\") p += 2;
      else if (c === "[") (inClass = true), p++;
      else if (c === "]") (inClass = false), p++;
      else if (c === "/" && !inClass) break;
      else p++;
    }
    if (p >= text.length) this.failAt("unbalanced regular expression: the pattern opened with / is never closed", start);
    this.pos = p + 1;
    return { type: "regex", value: text.slice(start + 1, p), start, end: this.pos };
  }
}
