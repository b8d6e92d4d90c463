// stats: group rows by the `by` expressions and aggregate. Items may combine aggregations with
// arithmetic (sum(x) / count(*) * 100) and use aliases defined earlier in the same stats — AWS's
// "overprovisioned memory" sample ends with `provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB`.
import { type AggregateSpec, type Accumulator, createAccumulators } from "./aggregates";
import type { Command, NamedExpr } from "./ast";
import { type CallExpr, compileExpr, type Compiled, type Getter, type Scope } from "./compile";
import { MalformedQueryError } from "./errors";
import { type Kind, naturalCompare, type Value } from "./values";

export interface TableRow {
  v: Record<string, Value>;
  /** The log event behind a non-aggregated row (for @ptr). */
  ev?: { accountId: string; logGroup: string; logStream: string; timestampMs: number; ingestionTimeMs: number; eventId?: string };
  /** Arrival order of the event, for ties. */
  seq?: number;
}

interface FinalContext {
  aggs: Value[];
  out: Record<string, Value>;
}

interface StatsPlan {
  keys: { name: string; fn: Getter; kind: Kind }[];
  specs: AggregateSpec[];
  items: { name: string; fn: (ctx: FinalContext) => Value; kind: Kind }[];
  /** Index of the first bin() key: its value is also the row's @timestamp, so a later stats can bin again. */
  timeKey: number;
}

function aggregateKind(call: CallExpr, argKind: Kind | undefined): Kind {
  switch (call.name) {
    case "count":
    case "count_distinct":
      return "long";
    case "avg":
    case "stddev":
      return "double";
    case "sum":
      return argKind === "double" ? "double" : argKind === "long" || argKind === "bool" ? "long" : "num";
    default:
      return argKind ?? "any";
  }
}

function planStats(cmd: Extract<Command, { k: "stats" }>, rowScope: Scope): StatsPlan {
  const specs: AggregateSpec[] = [];
  const itemKinds = new Map<string, Kind>();
  const finalScope: Scope = {
    field(name) {
      const kind = itemKinds.get(name);
      if (kind === undefined) throw new MalformedQueryError(`in stats, '${name}' must be inside an aggregate function such as max(${name})`);
      return { fn: (ctx: FinalContext) => ctx.out[name], kind };
    },
    aggregate(call) {
      const arg: Compiled | undefined = call.args[0] ? compileExpr(call.args[0], rowScope) : undefined;
      const index = specs.length;
      specs.push({
        name: call.name === "percentile" ? "pct" : call.name,
        arg: arg?.fn,
        argText: call.args[0]?.text,
        p: call.args[1]?.k === "num" ? call.args[1].value : undefined,
        timestamp: call.name === "earliest" || call.name === "latest" ? rowScope.field("@timestamp").fn : undefined,
      });
      return { fn: (ctx: FinalContext) => ctx.aggs[index], kind: aggregateKind(call, arg?.kind) };
    },
  };
  const items = cmd.items.map((item: NamedExpr) => {
    const compiled = compileExpr(item.expr, finalScope);
    itemKinds.set(item.name, compiled.kind);
    return { name: item.name, fn: compiled.fn as (ctx: FinalContext) => Value, kind: compiled.kind };
  });
  const keys = cmd.by.map((by) => ({ name: by.name, ...compileExpr(by.expr, rowScope) }));
  const timeKey = cmd.by.findIndex((by) => by.expr.k === "call" && by.expr.name === "bin");
  return { keys, specs, items, timeKey };
}

interface Group {
  keyValues: Value[];
  accs: Accumulator[];
}

/** Feeds rows into groups; rows() reads the current aggregates (callable again after more rows). */
export class StatsTable {
  readonly columns: string[];
  readonly kinds = new Map<string, Kind>();
  private readonly plan: StatsPlan;
  private readonly groups = new Map<unknown, Group>();
  private lastKey: unknown = {};
  private lastGroup: Group | undefined;

  constructor(cmd: Extract<Command, { k: "stats" }>, rowScope: Scope) {
    this.plan = planStats(cmd, rowScope);
    this.columns = [...this.plan.keys.map((k) => k.name), ...this.plan.items.map((i) => i.name)];
    for (const k of this.plan.keys) this.kinds.set(k.name, k.kind);
    for (const i of this.plan.items) this.kinds.set(i.name, i.kind);
    if (this.plan.timeKey >= 0 && !this.kinds.has("@timestamp")) this.kinds.set("@timestamp", "timestamp");
  }

  add(row: unknown): void {
    const key = this.groupKey(row);
    // Events arrive roughly in time order, so consecutive rows usually share a bin().
    const group = key === this.lastKey && this.lastGroup ? this.lastGroup : this.findGroup(key, row);
    const accs = group.accs;
    for (let i = 0; i < accs.length; i++) accs[i].add(row);
  }

  private groupKey(row: unknown): unknown {
    const keys = this.plan.keys;
    if (keys.length === 0) return 0;
    if (keys.length === 1) return keys[0].fn(row);
    let composite = "";
    for (let i = 0; i < keys.length; i++) {
      const v = keys[i].fn(row);
      composite += (typeof v === "number" ? "n" : typeof v === "string" ? "s" : typeof v === "boolean" ? "b" : "u") + String(v) + "\u0000";
    }
    return composite;
  }

  private findGroup(key: unknown, row: unknown): Group {
    let group = this.groups.get(key);
    if (!group) {
      group = { keyValues: this.plan.keys.map((k) => k.fn(row)), accs: createAccumulators(this.plan.specs) };
      this.groups.set(key, group);
    }
    this.lastKey = key;
    this.lastGroup = group;
    return group;
  }

  /** One row per group, ordered by the group keys (AWS does not document an order; ours is ascending). */
  rows(): TableRow[] {
    const { keys, items, timeKey } = this.plan;
    const groups = [...this.groups.values()].sort((a, b) => compareKeys(a.keyValues, b.keyValues));
    return groups.map((group) => {
      const ctx: FinalContext = { aggs: group.accs.map((a) => a.result()), out: {} };
      keys.forEach((k, i) => (ctx.out[k.name] = group.keyValues[i]));
      for (const item of items) ctx.out[item.name] = item.fn(ctx);
      if (timeKey >= 0 && !("@timestamp" in ctx.out)) ctx.out["@timestamp"] = group.keyValues[timeKey];
      return { v: ctx.out };
    });
  }
}

function compareKeys(a: Value[], b: Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = naturalCompare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}
