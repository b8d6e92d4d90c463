// Scalar functions (AWS CWL_QuerySyntax "Supported Operations and Functions").
import { compileExpr, type CallExpr, type Compiled, type Getter, joinKinds, type Scope } from "./compile";
import { ceilToPeriod, fixedPeriodMs, floorToPeriod, type Period } from "./period";
import { type Kind, toNum, toText, type Value } from "./values";

type Make = (args: Compiled[], periods: Period[], scope: Scope) => Compiled;

const finite = (x: number): number | undefined => (Number.isFinite(x) ? x : undefined);

function numeric1(op: (x: number) => number, kind: (k: Kind) => Kind): Make {
  return ([a]) => {
    const fn = a.fn;
    return { fn: (r) => finite(op(toNum(fn(r)))), kind: kind(a.kind) };
  };
}

const keepNumberKind = (k: Kind): Kind => (k === "double" || k === "long" ? k : "num");

function extreme(pick: (x: number, best: number) => boolean): Make {
  return (args) => {
    const fns = args.map((a) => a.fn);
    const fn: Getter = (r) => {
      let best: number | undefined;
      for (const f of fns) {
        const x = toNum(f(r));
        if (!Number.isNaN(x) && (best === undefined || pick(x, best))) best = x;
      }
      return best;
    };
    return { fn, kind: joinKinds(args.map((a) => keepNumberKind(a.kind))) };
  };
}

function text1(op: (s: string) => Value, kind: Kind): Make {
  return ([a]) => {
    const fn = a.fn;
    return { fn: (r) => { const s = toText(fn(r)); return s === undefined ? undefined : op(s); }, kind };
  };
}

// ltrim("xyZfooxyZ","xyZ") → "fooxyZ": the second argument is a set of characters to strip.
function trimmer(left: boolean, right: boolean): Make {
  return ([a, chars]) => {
    const fn = a.fn;
    const charsFn = chars?.fn;
    const fnOut: Getter = (r) => {
      const s = toText(fn(r));
      if (s === undefined) return undefined;
      if (!charsFn) return left && right ? s.trim() : left ? s.trimStart() : s.trimEnd();
      const set = toText(charsFn(r)) ?? "";
      let start = 0;
      let end = s.length;
      while (left && start < end && set.includes(s[start])) start++;
      while (right && end > start && set.includes(s[end - 1])) end--;
      return s.slice(start, end);
    };
    return { fn: fnOut, kind: "string" };
  };
}

// substr("xyZfooxyZ", 3, 3) → "foo": zero-based start, optional length.
const substr: Make = ([a, start, length]) => {
  const [fn, startFn, lengthFn] = [a.fn, start.fn, length?.fn];
  const out: Getter = (r) => {
    const s = toText(fn(r));
    const from = toNum(startFn(r));
    if (s === undefined || Number.isNaN(from)) return undefined;
    const chars = Array.from(s);
    const count = lengthFn ? toNum(lengthFn(r)) : chars.length;
    return chars.slice(Math.max(0, from), Math.max(0, from) + Math.max(0, count)).join("");
  };
  return { fn: out, kind: "string" };
};

// replace("foo","o","0") → "f00": every literal occurrence.
const replace: Make = ([a, b, c]) => {
  const out: Getter = (r) => {
    const s = toText(a.fn(r));
    const find = toText(b.fn(r));
    const by = toText(c.fn(r)) ?? "";
    if (s === undefined || !find) return s;
    return s.split(find).join(by);
  };
  return { fn: out, kind: "string" };
};

// bin(period): "Rounds the value of @timestamp to the given period and then truncates."
const bin: Make = (_args, [period], scope) => {
  const ts = scope.field("@timestamp").fn;
  const fixed = fixedPeriodMs(period);
  if (fixed !== undefined && period.unit !== "w") {
    return { fn: (r) => { const t = ts(r); return typeof t === "number" ? Math.floor(t / fixed) * fixed : undefined; }, kind: "timestamp" };
  }
  return { fn: (r) => { const t = ts(r); return typeof t === "number" ? floorToPeriod(t, period) : undefined; }, kind: "timestamp" };
};

function dateRound(round: (ms: number, p: Period) => number): Make {
  return ([a], [period]) => {
    const fn = a.fn;
    return { fn: (r) => { const t = toNum(fn(r)); return Number.isNaN(t) ? undefined : round(t, period); }, kind: "timestamp" };
  };
}

const SCALARS: Record<string, Make> = {
  abs: numeric1(Math.abs, keepNumberKind),
  ceil: numeric1(Math.ceil, () => "num"),
  floor: numeric1(Math.floor, () => "num"),
  log: numeric1(Math.log, () => "double"),
  sqrt: numeric1(Math.sqrt, () => "double"),
  greatest: extreme((x, best) => x > best),
  least: extreme((x, best) => x < best),
  ispresent: ([a]) => ({ fn: (r) => a.fn(r) !== undefined, kind: "bool" }),
  coalesce: (args) => ({
    fn: (r) => { for (const a of args) { const v = a.fn(r); if (v !== undefined) return v; } return undefined; },
    kind: joinKinds(args.map((a) => a.kind)),
  }),
  isempty: ([a]) => ({ fn: (r) => { const v = a.fn(r); return v === undefined || v === ""; }, kind: "bool" }),
  isblank: ([a]) => ({ fn: (r) => { const v = a.fn(r); return v === undefined || String(v).trim() === ""; }, kind: "bool" }),
  concat: (args) => ({
    fn: (r) => { let s: string | undefined; for (const a of args) { const t = toText(a.fn(r)); if (t !== undefined) s = (s ?? "") + t; } return s; },
    kind: "string",
  }),
  ltrim: trimmer(true, false),
  rtrim: trimmer(false, true),
  trim: trimmer(true, true),
  strlen: text1((s) => Array.from(s).length, "long"), // "length of the string in Unicode code points"
  toupper: text1((s) => s.toUpperCase(), "string"),
  tolower: text1((s) => s.toLowerCase(), "string"),
  substr,
  replace,
  // "Returns 1 if string1 contains string2 and 0 otherwise", so sum(strcontains(…)) counts.
  strcontains: ([a, b]) => ({ fn: (r) => ((toText(a.fn(r)) ?? "").includes(toText(b.fn(r)) ?? "\u0000") ? 1 : 0), kind: "long" }),
  bin,
  datefloor: dateRound(floorToPeriod),
  dateceil: dateRound(ceilToPeriod),
  frommillis: ([a]) => ({ fn: (r) => finite(toNum(a.fn(r))), kind: "timestamp" }),
  tomillis: ([a]) => ({ fn: (r) => finite(toNum(a.fn(r))), kind: "long" }),
};

export function compileCall(call: CallExpr, scope: Scope): Compiled {
  const args: Compiled[] = [];
  const periods: Period[] = [];
  for (const arg of call.args) {
    if (arg.k === "period") periods.push(arg.period);
    else args.push(compileExpr(arg, scope));
  }
  return SCALARS[call.name](args, periods, scope);
}
