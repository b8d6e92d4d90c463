// Expressions compile once into closures over a row; nothing is interpreted per event.
import type { BinaryOp, Expr } from "./ast";
import { MalformedQueryError } from "./errors";
import { compileCall } from "./functions";
import { isAggregateName } from "./catalog";
import { compareForFilter, isNumericKind, type Kind, toNum, toText, truthy, type Value, valuesEqual } from "./values";

/** Reads a value from a row: an EventRow while streaming, a TableRow later (hence `any`). */
export type Getter = (row: any) => Value;

export interface Compiled {
  fn: Getter;
  kind: Kind;
}

export type CallExpr = Extract<Expr, { k: "call" }>;

/** What a name means at one point of the pipeline. */
export interface Scope {
  field(name: string): Compiled;
  /** Present only while compiling stats items: the group's value of an aggregation. */
  aggregate?(call: CallExpr): Compiled;
}

export function compileExpr(expr: Expr, scope: Scope): Compiled {
  switch (expr.k) {
    case "num": {
      const value = expr.value;
      return { fn: () => value, kind: expr.isInt ? "long" : "double" };
    }
    case "str": {
      const value = expr.value;
      return { fn: () => value, kind: "string" };
    }
    case "field":
      return scope.field(expr.name);
    case "period":
      throw new MalformedQueryError(`a time period such as ${expr.text} can only be an argument of bin(), datefloor() or dateceil()`);
    case "neg": {
      const arg = compileExpr(expr.arg, scope);
      const fn = arg.fn;
      return { fn: (r) => finite(-toNum(fn(r))), kind: numericKind(arg.kind) };
    }
    case "not": {
      const fn = compileCondition(expr.arg, scope);
      return { fn: (r) => !fn(r), kind: "bool" };
    }
    case "binary":
      return compileBinary(expr.op, expr.left, expr.right, scope);
    case "match":
      return compileMatch(expr, scope);
    case "in":
      return compileIn(expr, scope);
    case "call":
      if (isAggregateName(expr.name)) {
        if (!scope.aggregate) throw new MalformedQueryError(`aggregation ${expr.name}() can only be used in stats`);
        return scope.aggregate(expr);
      }
      return compileCall(expr, scope);
  }
}

/** A filter condition as a boolean closure. */
export function compileCondition(expr: Expr, scope: Scope): (row: unknown) => boolean {
  const { fn, kind } = compileExpr(expr, scope);
  if (kind === "bool") return (r) => fn(r) === true;
  return (r) => truthy(fn(r));
}

const finite = (x: number): number | undefined => (Number.isFinite(x) ? x : undefined);

function numericKind(kind: Kind): Kind {
  if (kind === "timestamp" || kind === "bool") return "long";
  return kind === "double" || kind === "long" ? kind : "num";
}

function arithmeticKind(op: BinaryOp, left: Kind, right: Kind): Kind {
  if (op === "/" || op === "^") return "double";
  const a = numericKind(left);
  const b = numericKind(right);
  if (a === "double" || b === "double") return "double";
  return a === "long" && b === "long" ? "long" : "num";
}

function compileBinary(op: BinaryOp, leftExpr: Expr, rightExpr: Expr, scope: Scope): Compiled {
  if (op === "and" || op === "or") {
    const a = compileCondition(leftExpr, scope);
    const b = compileCondition(rightExpr, scope);
    return { fn: op === "and" ? (r) => a(r) && b(r) : (r) => a(r) || b(r), kind: "bool" };
  }
  const left = compileExpr(leftExpr, scope);
  const right = compileExpr(rightExpr, scope);
  if (op === "=" || op === "!=" || op === "<" || op === "<=" || op === ">" || op === ">=") {
    return { fn: comparison(op, left, right, rightExpr), kind: "bool" };
  }
  return { fn: arithmetic(op, left.fn, right.fn), kind: arithmeticKind(op, left.kind, right.kind) };
}

function arithmetic(op: BinaryOp, a: Getter, b: Getter): Getter {
  switch (op) {
    case "+":
      return (r) => finite(toNum(a(r)) + toNum(b(r)));
    case "-":
      return (r) => finite(toNum(a(r)) - toNum(b(r)));
    case "*":
      return (r) => finite(toNum(a(r)) * toNum(b(r)));
    case "/":
      return (r) => finite(toNum(a(r)) / toNum(b(r)));
    case "%":
      return (r) => finite(toNum(a(r)) % toNum(b(r)));
    default:
      return (r) => finite(toNum(a(r)) ** toNum(b(r)));
  }
}

function comparison(op: BinaryOp, left: Compiled, right: Compiled, rightExpr: Expr): Getter {
  const a = left.fn;
  const b = right.fn;
  // Fast path for `field = "text"`: a non-numeric literal can only equal the same string.
  if ((op === "=" || op === "!=") && rightExpr.k === "str" && Number.isNaN(toNum(rightExpr.value))) {
    const literal = rightExpr.value;
    return op === "=" ? (r) => a(r) === literal : (r) => { const v = a(r); return v !== undefined && v !== literal; };
  }
  switch (op) {
    case "=":
      return (r) => compareForFilter(a(r), b(r)) === 0;
    case "!=":
      return (r) => { const c = compareForFilter(a(r), b(r)); return c !== undefined && c !== 0; };
    case "<":
      return (r) => (compareForFilter(a(r), b(r)) ?? 0) < 0;
    case "<=":
      return (r) => { const c = compareForFilter(a(r), b(r)); return c !== undefined && c <= 0; };
    case ">":
      return (r) => (compareForFilter(a(r), b(r)) ?? 0) > 0;
    default:
      return (r) => { const c = compareForFilter(a(r), b(r)); return c !== undefined && c >= 0; };
  }
}

function compileMatch(expr: Extract<Expr, { k: "match" }>, scope: Scope): Compiled {
  const arg = compileExpr(expr.arg, scope).fn;
  const negate = expr.negate;
  if (expr.regex) {
    const regex = expr.regex; // no g flag: test() keeps no state between events
    return { fn: (r) => { const t = toText(arg(r)); return (t !== undefined && regex.test(t)) !== negate; }, kind: "bool" };
  }
  const needle = expr.substring ?? "";
  return { fn: (r) => { const t = toText(arg(r)); return (t !== undefined && t.includes(needle)) !== negate; }, kind: "bool" };
}

function compileIn(expr: Extract<Expr, { k: "in" }>, scope: Scope): Compiled {
  const arg = compileExpr(expr.arg, scope).fn;
  const list = expr.list.map((e) => compileExpr(e, scope).fn);
  const negate = expr.negate;
  return {
    fn: (r) => {
      const v = arg(r);
      for (const item of list) if (valuesEqual(v, item(r))) return !negate;
      return negate;
    },
    kind: "bool",
  };
}

/** One kind for values that may come from several expressions (coalesce, greatest). */
export function joinKinds(kinds: Kind[]): Kind {
  if (kinds.every((k) => k === kinds[0])) return kinds[0];
  return kinds.every(isNumericKind) ? "num" : "any";
}
