// Logs Insights QL commands, joined by `|` (AWS CWL_QuerySyntax). Command and function names and
// keywords are case-insensitive (AWS's own examples write FIELDS, STATS, PARSE, DISPLAY).
import type { Command, Expr, NamedExpr, ParsedQuery, SortKey } from "./ast";
import { fieldRefs, walkExpr } from "./ast";
import { COMMANDS, isAggregateName, UNSUPPORTED_COMMANDS } from "./catalog";
import { MalformedQueryError } from "./errors";
import { ExprParser, toRegExp } from "./parse-expr";

export function parseQuery(text: string): ParsedQuery {
  return new QueryParser(text).parse();
}

class QueryParser extends ExprParser {
  parse(): ParsedQuery {
    if (this.peek().type === "eof") throw new MalformedQueryError("the query is empty");
    const commands: Command[] = [];
    for (;;) {
      commands.push(this.parseCommand());
      const token = this.peek();
      if (token.type === "eof") break;
      if (!this.isOp(token, "|")) this.unexpectedAfter(commands[commands.length - 1], token);
      this.next();
      if (this.peek().type === "eof") this.fail("expected a command after '|'");
    }
    if (commands.filter((c) => c.k === "stats").length > 2) {
      // "Up to two stats commands can be used in a single query" (AWS CWL_QuerySyntax-Stats).
      throw new MalformedQueryError("a query can have at most two stats commands");
    }
    return { text: this.text, commands };
  }

  private unexpectedAfter(command: Command, token: ReturnType<ExprParser["peek"]>): never {
    if (this.isOp(token, ")")) this.fail("unbalanced parentheses: ')' has no matching '('", token);
    return this.fail(`unexpected '${this.text.slice(token.start, token.end)}' after the ${command.k} command; separate commands with |`, token);
  }

  private parseCommand(): Command {
    const token = this.peek();
    const name = token.type === "ident" && !token.quoted ? token.value.toLowerCase() : "";
    if (UNSUPPORTED_COMMANDS.has(name)) this.fail(`command '${token.value}' is not supported by the demo account's engine`, token);
    if (!(COMMANDS as readonly string[]).includes(name)) {
      this.fail(`unknown command '${this.text.slice(token.start, token.end)}'; commands are ${COMMANDS.join(", ")}`, token);
    }
    this.next();
    switch (name) {
      case "fields":
      case "display":
        return { k: name, items: this.parseNamedList(name) };
      case "filter":
        return { k: "filter", expr: this.parseExpr() };
      case "stats":
        return this.parseStats();
      case "sort":
        return { k: "sort", keys: this.parseSortKeys() };
      case "limit":
        return { k: "limit", count: this.parseLimitCount() };
      case "parse":
        return this.parseParse();
      default:
        return { k: "dedup", names: this.parseFieldNames("dedup") };
    }
  }

  private atCommandEnd(): boolean {
    const token = this.peek();
    return token.type === "eof" || this.isOp(token, "|");
  }

  private parseNamedItem(): NamedExpr {
    const expr = this.parseExpr();
    if (this.isKeyword(this.peek(), "as")) {
      this.next();
      const alias = this.next();
      if (alias.type !== "ident") this.fail("expected a field name after 'as'", alias);
      return { expr, name: alias.value };
    }
    return { expr, name: expr.k === "field" ? expr.name : expr.text };
  }

  private parseNamedList(command: string): NamedExpr[] {
    if (this.atCommandEnd()) this.fail(`${command} needs at least one field`);
    const items = [this.parseNamedItem()];
    while (this.isOp(this.peek(), ",")) {
      this.next();
      items.push(this.parseNamedItem());
    }
    return items;
  }

  private parseStats(): Command {
    if (this.atCommandEnd() || this.isKeyword(this.peek(), "by")) {
      this.fail("stats needs an aggregate function such as count(*), sum(), avg(), min(), max() or pct()");
    }
    const items: NamedExpr[] = [];
    do {
      if (items.length > 0) this.next();
      this.aggregatesAllowed = true;
      const start = this.peek();
      const item = this.parseNamedItem();
      this.aggregatesAllowed = false;
      checkStatsItem(item, items, () => this.fail(`stats item '${item.expr.text}' uses no aggregate function (count, sum, avg, min, max, pct, …)`, start));
      items.push(item);
    } while (this.isOp(this.peek(), ","));
    const by: NamedExpr[] = [];
    if (this.isKeyword(this.peek(), "by")) {
      this.next();
      by.push(this.parseNamedItem());
      while (this.isOp(this.peek(), ",")) {
        this.next();
        by.push(this.parseNamedItem());
      }
    }
    return { k: "stats", items, by };
  }

  private parseSortKeys(): SortKey[] {
    if (this.isKeyword(this.peek(), "by")) this.next(); // "sort by @billedDuration desc" (AWS samples)
    if (this.atCommandEnd()) this.fail("sort needs a field");
    const keys: SortKey[] = [];
    do {
      if (keys.length > 0) this.next();
      const expr = this.parseExpr();
      let desc = false;
      if (this.isKeyword(this.peek(), "desc")) (desc = true), this.next();
      else if (this.isKeyword(this.peek(), "asc")) this.next();
      keys.push({ expr, desc });
    } while (this.isOp(this.peek(), ","));
    return keys;
  }

  private parseLimitCount(): number {
    const token = this.next();
    if (token.type !== "number" || !/^\d+$/.test(token.value) || Number(token.value) < 1) {
      this.fail("limit needs a whole number of at least 1", token);
    }
    return Number(token.value);
  }

  private parseFieldNames(command: string): string[] {
    const names: string[] = [];
    do {
      if (names.length > 0) this.next();
      const token = this.next();
      if (token.type !== "ident") this.fail(`${command} needs field names`, token);
      names.push(token.value);
    } while (this.isOp(this.peek(), ","));
    return names;
  }

  // parse [field] "glob with * wildcards" as a, b  |  parse [field] /(?<name>regex)/
  // "If fieldName is omitted, @message is used by default" (AWS CWL_QuerySyntax-Parse).
  private parseParse(): Command {
    let source: Expr = { k: "field", name: "@message", text: "@message" };
    const first = this.peek();
    if (first.type === "ident") {
      this.next();
      source = { k: "field", name: first.value, text: first.value };
    }
    const pattern = this.peek();
    if (pattern.type === "string") {
      this.next();
      return this.parseGlob(source, pattern.value);
    }
    if (this.isOp(pattern, "/")) {
      const regex = this.parseRegexLiteral(pattern);
      const names = [...regex.source.matchAll(/\(\?<([A-Za-z_@$][\w@$.]*)>/g)].map((m) => m[1]);
      if (names.length === 0) this.fail("parse with a regular expression needs named groups such as (?<name>…)", pattern);
      return { k: "parse", source, regex, names, named: true };
    }
    return this.fail("parse needs a \"glob * pattern\" or a /regular expression/", pattern);
  }

  private parseGlob(source: Expr, glob: string): Command {
    if (!this.isKeyword(this.peek(), "as")) this.fail("a parse glob pattern needs 'as' and the names of its * fields");
    this.next();
    const names = this.parseFieldNames("parse … as");
    const wildcards = glob.split("*").length - 1;
    if (wildcards !== names.length) {
      throw new MalformedQueryError(`parse pattern "${glob}" has ${wildcards} * wildcard(s) but ${names.length} field name(s)`);
    }
    return { k: "parse", source, regex: globToRegExp(glob), names, named: false };
  }
}

/** "user=*, method:*" → /user=([\s\S]*?), method:([\s\S]*)/: each * lazy, a trailing * takes the rest. */
export function globToRegExp(glob: string): RegExp {
  const parts = glob.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  let source = parts[0];
  for (let i = 1; i < parts.length; i++) {
    const last = i === parts.length - 1 && parts[i] === "";
    source += (last ? "([\\s\\S]*)" : "([\\s\\S]*?)") + parts[i];
  }
  return toRegExp(source);
}

/** A stats item must use an aggregation, or combine aliases defined earlier in the same stats. */
function checkStatsItem(item: NamedExpr, earlier: NamedExpr[], fail: () => never): void {
  let aggregate = false;
  walkExpr(item.expr, (e) => {
    if (e.k === "call" && isAggregateName(e.name)) aggregate = true;
  });
  if (aggregate) return;
  const aliases = new Set(earlier.map((i) => i.name));
  const refs = [...fieldRefs(item.expr)];
  if (refs.length === 0 || !refs.every((r) => aliases.has(r))) fail();
}

