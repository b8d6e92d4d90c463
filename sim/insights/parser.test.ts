import { describe, expect, it } from "vitest";
import { MalformedQueryError, parseQuery } from "./index";

function malformed(query: string): MalformedQueryError {
  try {
    parseQuery(query);
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedQueryError);
    expect((e as Error).name).toBe("MalformedQueryException");
    return e as MalformedQueryError;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be malformed`);
}

describe("parseQuery: commands", () => {
  it("splits on |, skips # comments, spans lines, ignores keyword case", () => {
    const q = parseQuery('# cold starts\nFILTER @type = "REPORT"  # only reports\n| Stats count(*) BY bin(1h)\n| sort `count(*)` DESC\n| limit 5');
    expect(q.commands.map((c) => c.k)).toEqual(["filter", "stats", "sort", "limit"]);
  });

  it("names unaliased columns after the expression as written", () => {
    const q = parseQuery("stats count(*), pct(@duration, 99), avg(@duration) as avgMs by bin(5m)");
    const stats = q.commands[0];
    expect(stats.k === "stats" && stats.items.map((i) => i.name)).toEqual(["count(*)", "pct(@duration, 99)", "avgMs"]);
    expect(stats.k === "stats" && stats.by.map((b) => b.name)).toEqual(["bin(5m)"]);
  });

  it("accepts 'sort by', a by-alias, backticked names, count() and both quote styles", () => {
    const q = parseQuery("fields `foo-bar`, 'single' as s | sort by `foo-bar` desc | stats count() by bin(1h) as t");
    expect(q.commands[0].k === "fields" && q.commands[0].items.map((i) => i.name)).toEqual(["foo-bar", "s"]);
    expect(q.commands[2].k === "stats" && q.commands[2].by[0].name).toBe("t");
  });

  it("parse: glob with as-names, regex with named groups, source field optional", () => {
    const q = parseQuery('parse @message "user=*, method:*" as user, method | parse /(?<code>\\d{3})/ | parse url "/api/*/users/*" as v, id');
    expect(q.commands.map((c) => c.k === "parse" && c.names)).toEqual([["user", "method"], ["code"], ["v", "id"]]);
    const first = q.commands[0];
    expect(first.k === "parse" && first.regex.exec("x user=ann, method:GET")?.slice(1)).toEqual(["ann", "GET"]);
  });

  it("(?i) becomes a case-insensitive flag; precedence of and/or/not and arithmetic", () => {
    const q = parseQuery("filter @message like /(?i)exception/ and not x = 1 or 2 + 3 * 4 ^ 2 = 50");
    const filter = q.commands[0];
    expect(filter.k === "filter" && filter.expr.k === "binary" && filter.expr.op).toBe("or");
  });
});

describe("parseQuery: malformed queries say what and where", () => {
  it("unknown command, with line and column", () => {
    const e = malformed('filter @type = "REPORT"\n| fitler x = 1');
    expect(e.message).toMatch(/unknown command 'fitler'/);
    expect(e.location).toEqual({ line: 2, column: 3, token: "fitler" });
  });

  it("unbalanced quotes, parentheses, brackets and regex", () => {
    expect(malformed('filter @type = "REPORT').message).toMatch(/unbalanced quotes/);
    expect(malformed("filter (a = 1 and (b = 2)").message).toMatch(/unbalanced parentheses: missing '\)'/);
    expect(malformed("filter a = 1)").message).toMatch(/unbalanced parentheses: '\)' has no matching/);
    expect(malformed("stats count(*").message).toMatch(/unbalanced parentheses/);
    expect(malformed('filter a in ["x", "y"').message).toMatch(/unbalanced brackets/);
    expect(malformed("filter @message like /abc").message).toMatch(/unbalanced regular expression/);
    expect(malformed("fields `foo").message).toMatch(/unbalanced backtick/);
  });

  it("stats without an aggregate", () => {
    expect(malformed("stats by @type").message).toMatch(/stats needs an aggregate function/);
    expect(malformed("stats @duration * 2 by bin(1h)").message).toMatch(/uses no aggregate function/);
  });

  it("bad bin unit or missing period", () => {
    expect(malformed("stats count(*) by bin(5x)").message).toMatch(/bad time period '5x'/);
    expect(malformed("stats count(*) by bin(0m)").message).toMatch(/bad time period '0m'/);
    expect(malformed("stats count(*) by bin(@duration)").message).toMatch(/bin\(\) needs a time period/);
  });

  it("unknown function, wrong argument count, aggregations outside stats or nested", () => {
    expect(malformed("fields round(@duration)").message).toMatch(/unknown function 'round'/);
    expect(malformed("fields median(@duration)").message).toMatch(/median\(\) can only be used|unknown function/);
    expect(malformed("fields substr(@message)").message).toMatch(/substr\(\) takes 2 to 3 arguments, got 1/);
    expect(malformed("filter count(*) > 1").message).toMatch(/only be used in a stats command/);
    expect(malformed("stats max(avg(@duration))").message).toMatch(/not inside another aggregation/);
    expect(malformed("stats pct(@duration, 150)").message).toMatch(/percentile between 0 and 100/);
  });

  it("documented but unsupported commands and functions are named as such", () => {
    expect(malformed("unnest x into y").message).toMatch(/command 'unnest' is not supported/);
    expect(malformed("fields jsonParse(@message)").message).toMatch(/jsonParse\(\) is not supported/);
  });

  it("empty query, dangling pipe, junk after a command, bad limit, third stats", () => {
    expect(malformed("   # nothing\n").message).toMatch(/empty/);
    expect(malformed("fields a |").message).toMatch(/expected a command after '\|'/);
    expect(malformed("fields a b").message).toMatch(/unexpected 'b' after the fields command/);
    expect(malformed("limit 0").message).toMatch(/limit needs a whole number/);
    expect(malformed("stats count(*) as a | stats count(*) as b | stats count(*) as c").message).toMatch(/at most two stats/);
  });

  it("parse glob needs as many names as wildcards, regex needs named groups", () => {
    expect(malformed('parse @message "a=* b=*" as a').message).toMatch(/2 \* wildcard\(s\) but 1 field name/);
    expect(malformed("parse @message /(\\d+)/").message).toMatch(/named groups/);
  });
});

describe("parseQuery checks the whole pipeline before any event", () => {
  it("a stats item reading a field outside an aggregation, a period outside bin()", () => {
    expect(malformed("stats count(*) + @duration as bad").message).toMatch(/'@duration' must be inside an aggregate function/);
    expect(malformed("fields 5m as five").message).toMatch(/time period such as 5m can only be an argument/);
  });
});
