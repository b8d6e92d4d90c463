// The parsed form of a query. Every expression keeps its source text: AWS names an unaliased
// result column after the expression as written, e.g. "count(*)" or "bin(5m)".
import type { Period } from "./period";

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "^" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";

export type Expr =
  | { k: "num"; value: number; isInt: boolean; text: string }
  | { k: "str"; value: string; text: string }
  | { k: "field"; name: string; text: string }
  | { k: "period"; period: Period; text: string }
  | { k: "call"; name: string; args: Expr[]; star: boolean; text: string }
  | { k: "neg"; arg: Expr; text: string }
  | { k: "not"; arg: Expr; text: string }
  | { k: "binary"; op: BinaryOp; left: Expr; right: Expr; text: string }
  | { k: "match"; arg: Expr; regex?: RegExp; substring?: string; negate: boolean; text: string }
  | { k: "in"; arg: Expr; list: Expr[]; negate: boolean; text: string };

/** An output column: `expr as name`, or the field name / expression text when unaliased. */
export interface NamedExpr {
  expr: Expr;
  name: string;
}

export interface SortKey {
  expr: Expr;
  desc: boolean;
}

export type Command =
  | { k: "fields"; items: NamedExpr[] }
  | { k: "display"; items: NamedExpr[] }
  | { k: "filter"; expr: Expr }
  | { k: "stats"; items: NamedExpr[]; by: NamedExpr[] }
  | { k: "sort"; keys: SortKey[] }
  | { k: "limit"; count: number }
  | { k: "parse"; source: Expr; regex: RegExp; names: string[]; named: boolean }
  | { k: "dedup"; names: string[] };

export interface ParsedQuery {
  readonly text: string;
  readonly commands: readonly Command[];
}

/** Calls `visit` on every sub-expression, parents first. */
export function walkExpr(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  switch (expr.k) {
    case "call":
      expr.args.forEach((a) => walkExpr(a, visit));
      break;
    case "neg":
    case "not":
    case "match":
      walkExpr(expr.arg, visit);
      break;
    case "in":
      walkExpr(expr.arg, visit);
      expr.list.forEach((a) => walkExpr(a, visit));
      break;
    case "binary":
      walkExpr(expr.left, visit);
      walkExpr(expr.right, visit);
      break;
  }
}

/** Field names an expression reads. */
export function fieldRefs(expr: Expr, into = new Set<string>()): Set<string> {
  walkExpr(expr, (e) => {
    if (e.k === "field") into.add(e.name);
    // bin() and earliest()/latest() read @timestamp implicitly.
    if (e.k === "call" && (e.name === "bin" || e.name === "earliest" || e.name === "latest")) into.add("@timestamp");
  });
  return into;
}
