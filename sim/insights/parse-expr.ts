// Expression grammar, loosest binding first:
//   or → and → not → comparison (= != < <= > >=, like, =~, not like, in, not in)
//   → + - → * / % → unary - → ^ → primary (number, string, period, field, call, ( … ))
// `like` and `=~` take "substring" or /regex/ (AWS CWL_QuerySyntax "Regular Expressions in the
// Filter Command"; (?i) makes a regex case-insensitive).
import type { BinaryOp, Expr } from "./ast";
import { AGGREGATE_ARITY, SCALAR_ARITY, UNSUPPORTED_FUNCTIONS } from "./catalog";
import { locate } from "./errors";
import { Lexer, type Token } from "./lexer";
import { parsePeriod } from "./period";

const COMPARISONS = new Set(["=", "!=", "<", "<=", ">", ">="]);

/** Converts an AWS (Java-style) regex to a JavaScript RegExp: inline (?i) (?s) (?m) become flags. */
export function toRegExp(source: string): RegExp {
  let flags = "";
  const body = source.replace(/\(\?([ims]+)\)/g, (_, inline: string) => {
    for (const f of inline) if (!flags.includes(f)) flags += f;
    return "";
  });
  return new RegExp(body, flags);
}

export class ExprParser {
  protected readonly lexer: Lexer;
  protected lastEnd = 0;
  /** Aggregations are allowed in stats items only, and never nested. */
  protected aggregatesAllowed = false;

  constructor(protected readonly text: string) {
    this.lexer = new Lexer(text);
  }

  protected peek(): Token {
    return this.lexer.peek();
  }

  protected next(): Token {
    const token = this.lexer.next();
    this.lastEnd = token.end;
    return token;
  }

  protected fail(what: string, token: Token = this.peek()): never {
    return this.lexer.fail(what, token);
  }

  protected isKeyword(token: Token, word: string): boolean {
    return token.type === "ident" && !token.quoted && token.value.toLowerCase() === word;
  }

  protected isOp(token: Token, op: string): boolean {
    return token.type === "op" && token.value === op;
  }

  protected expectOp(op: string, what: string): Token {
    const token = this.peek();
    if (!this.isOp(token, op)) this.fail(what, token);
    return this.next();
  }

  protected textFrom(start: number): string {
    return this.text.slice(start, this.lastEnd).trim();
  }

  parseExpr(): Expr {
    return this.parseOr();
  }

  private parseOr(): Expr {
    const start = this.peek().start;
    let left = this.parseAnd();
    while (this.isKeyword(this.peek(), "or")) {
      this.next();
      const right = this.parseAnd();
      left = { k: "binary", op: "or", left, right, text: this.textFrom(start) };
    }
    return left;
  }

  private parseAnd(): Expr {
    const start = this.peek().start;
    let left = this.parseNot();
    while (this.isKeyword(this.peek(), "and")) {
      this.next();
      const right = this.parseNot();
      left = { k: "binary", op: "and", left, right, text: this.textFrom(start) };
    }
    return left;
  }

  private parseNot(): Expr {
    const start = this.peek().start;
    if (this.isKeyword(this.peek(), "not")) {
      this.next();
      const arg = this.parseNot();
      return { k: "not", arg, text: this.textFrom(start) };
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const start = this.peek().start;
    const left = this.parseAdditive();
    const token = this.peek();
    if (token.type === "op" && COMPARISONS.has(token.value)) {
      this.next();
      const right = this.parseAdditive();
      return { k: "binary", op: token.value as BinaryOp, left, right, text: this.textFrom(start) };
    }
    let negate = false;
    if (this.isKeyword(token, "not")) {
      this.next();
      negate = true;
    }
    const op = this.peek();
    if (this.isKeyword(op, "like") || this.isOp(op, "=~")) {
      this.next();
      return { k: "match", arg: left, negate, ...this.parsePattern(), text: this.textFrom(start) };
    }
    if (this.isKeyword(op, "in")) {
      this.next();
      return { k: "in", arg: left, list: this.parseList(), negate, text: this.textFrom(start) };
    }
    if (negate) this.fail("expected 'like' or 'in' after 'not'", op);
    return left;
  }

  private parsePattern(): { regex?: RegExp; substring?: string } {
    const token = this.peek();
    if (token.type === "string") {
      this.next();
      return { substring: token.value };
    }
    if (this.isOp(token, "/")) return { regex: this.parseRegexLiteral(token) };
    return this.fail("expected a \"substring\" or /regular expression/ after like", token);
  }

  protected parseRegexLiteral(slash: Token): RegExp {
    const token = this.lexer.regexAt(slash);
    this.lastEnd = token.end;
    try {
      return toRegExp(token.value);
    } catch (e) {
      return this.fail(`invalid regular expression: ${(e as Error).message}`, token);
    }
  }

  private parseList(): Expr[] {
    const open = this.expectOp("[", "expected '[' to start the list after 'in'");
    const list: Expr[] = [];
    const unclosed = "unbalanced brackets: the list opened with '[' is never closed";
    while (!this.isOp(this.peek(), "]")) {
      if (this.peek().type === "eof") this.fail(unclosed, open);
      list.push(this.parseAdditive());
      if (this.peek().type === "eof") this.fail(unclosed, open);
      if (!this.isOp(this.peek(), "]")) this.expectOp(",", "expected ',' or ']' in the list");
    }
    this.next();
    return list;
  }

  private parseAdditive(): Expr {
    const start = this.peek().start;
    let left = this.parseMultiplicative();
    for (let t = this.peek(); this.isOp(t, "+") || this.isOp(t, "-"); t = this.peek()) {
      this.next();
      const right = this.parseMultiplicative();
      left = { k: "binary", op: t.value as BinaryOp, left, right, text: this.textFrom(start) };
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    const start = this.peek().start;
    let left = this.parseUnary();
    for (let t = this.peek(); this.isOp(t, "*") || this.isOp(t, "/") || this.isOp(t, "%"); t = this.peek()) {
      this.next();
      const right = this.parseUnary();
      left = { k: "binary", op: t.value as BinaryOp, left, right, text: this.textFrom(start) };
    }
    return left;
  }

  private parseUnary(): Expr {
    const start = this.peek().start;
    if (this.isOp(this.peek(), "-")) {
      this.next();
      const arg = this.parseUnary();
      if (arg.k === "num") return { ...arg, value: -arg.value, text: this.textFrom(start) };
      return { k: "neg", arg, text: this.textFrom(start) };
    }
    const base = this.parsePrimary();
    if (!this.isOp(this.peek(), "^")) return base;
    this.next();
    const exponent = this.parseUnary();
    return { k: "binary", op: "^", left: base, right: exponent, text: this.textFrom(start) };
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    switch (token.type) {
      case "number":
        this.next();
        return { k: "num", value: Number(token.value), isInt: /^\d+$/.test(token.value), text: token.value };
      case "string":
        this.next();
        return { k: "str", value: token.value, text: this.text.slice(token.start, token.end) };
      case "period":
        return this.parsePeriodLiteral();
      case "ident":
        return this.parseIdentOrCall();
      case "op":
        if (token.value === "(") return this.parseParenthesized();
        if (token.value === ")") return this.fail("unbalanced parentheses: ')' has no matching '('", token);
        return this.fail(`expected a value, found '${token.value}'`, token);
      default:
        return this.fail(token.type === "eof" ? "the query ends where a value was expected" : "expected a value", token);
    }
  }

  private parsePeriodLiteral(): Expr {
    const token = this.next();
    const period = parsePeriod(token.value);
    if (!period) {
      this.fail(`bad time period '${token.value}': use a whole number and a unit ms, s, m, h, d, w, mo, q or y (e.g. 5m)`, token);
    }
    return { k: "period", period, text: token.value };
  }

  private parseParenthesized(): Expr {
    const open = this.next();
    const inner = this.parseExpr();
    if (!this.isOp(this.peek(), ")")) {
      const at = locate(this.text, open.start);
      this.fail(`unbalanced parentheses: missing ')' for the '(' at line ${at.line}, column ${at.column}`);
    }
    this.next();
    return inner;
  }

  private parseIdentOrCall(): Expr {
    const token = this.next();
    if (token.quoted || !this.isOp(this.peek(), "(")) return { k: "field", name: token.value, text: token.value };
    return this.parseCall(token);
  }

  private parseCall(nameToken: Token): Expr {
    const name = nameToken.value.toLowerCase();
    const isAggregate = name in AGGREGATE_ARITY;
    this.checkFunctionName(name, isAggregate, nameToken);
    const open = this.next();
    const outer = this.aggregatesAllowed;
    if (isAggregate) this.aggregatesAllowed = false;
    const { args, star } = this.parseArgs(name, open);
    this.aggregatesAllowed = outer;
    const call: Expr = { k: "call", name, args, star, text: this.textFrom(nameToken.start) };
    this.checkArguments(call, nameToken);
    return call;
  }

  private checkFunctionName(name: string, isAggregate: boolean, token: Token): void {
    if (UNSUPPORTED_FUNCTIONS.has(name)) this.fail(`function ${token.value}() is not supported by the demo account's engine`, token);
    if (!isAggregate && !(name in SCALAR_ARITY)) this.fail(`unknown function '${token.value}'`, token);
    if (isAggregate && !this.aggregatesAllowed) {
      this.fail(`aggregation ${token.value}() can only be used in a stats command, and not inside another aggregation`, token);
    }
  }

  private parseArgs(name: string, open: Token): { args: Expr[]; star: boolean } {
    const args: Expr[] = [];
    let star = false;
    if (name === "count" && this.isOp(this.peek(), "*")) {
      this.next();
      star = true;
    }
    while (!star && !this.isOp(this.peek(), ")")) {
      if (this.peek().type === "eof") this.fail(`unbalanced parentheses: ${name}( is never closed`, open);
      args.push(this.parseExpr());
      if (this.peek().type === "eof") this.fail(`unbalanced parentheses: ${name}( is never closed`, open);
      if (!this.isOp(this.peek(), ")")) this.expectOp(",", `expected ',' or ')' in the arguments of ${name}()`);
    }
    this.expectOp(")", `unbalanced parentheses: ${name}( is never closed`);
    return { args, star };
  }

  private checkArguments(call: Extract<Expr, { k: "call" }>, token: Token): void {
    const [min, max] = SCALAR_ARITY[call.name] ?? AGGREGATE_ARITY[call.name];
    const n = call.args.length + (call.star ? 1 : 0);
    if (n < min || n > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.fail(`${token.value}() takes ${expected} argument${min === 1 && max === 1 ? "" : "s"}, got ${n}`, token);
    }
    const periodAt = call.name === "bin" ? 0 : call.name === "datefloor" || call.name === "dateceil" ? 1 : -1;
    if (periodAt >= 0 && call.args[periodAt].k !== "period") {
      this.fail(`${token.value}() needs a time period such as 5m or 1h`, token);
    }
    if ((call.name === "pct" || call.name === "percentile") && !isPercent(call.args[1])) {
      this.fail(`${token.value}() needs a percentile between 0 and 100 as its second argument`, token);
    }
  }
}

function isPercent(e: Expr): boolean {
  return e.k === "num" && e.value >= 0 && e.value <= 100;
}
