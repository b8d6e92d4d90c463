// The per-event part of a query: the leading fields / parse / filter / display commands, compiled
// into one closure over a reused EventRow (no allocation per event unless a command computes).
import type { Command } from "./ast";
import { compileCondition, compileExpr, type Compiled, type Scope } from "./compile";
import { eventFieldGetter, EventRow } from "./event";
import { toText, type Kind } from "./values";

type Step = (r: EventRow) => boolean;

/** Names → getters at one point of the per-event pipeline. A (re)defined name gets a fresh slot. */
export class StreamScope implements Scope {
  private readonly slots = new Map<string, number>();
  private readonly kinds = new Map<string, Kind>();
  slotCount = 0;

  field(name: string): Compiled {
    const slot = this.slots.get(name);
    if (slot === undefined) return eventFieldGetter(name);
    return { fn: (r: EventRow) => r.slots[slot], kind: this.kinds.get(name) ?? "any" };
  }

  define(name: string, kind: Kind): number {
    const slot = this.slotCount++;
    this.slots.set(name, slot);
    this.kinds.set(name, kind);
    return slot;
  }
}

export interface StreamPlan {
  scope: StreamScope;
  /** Runs the per-event commands; false when a filter drops the event. */
  accept: (r: EventRow) => boolean;
  /** How many leading commands are per-event. */
  consumed: number;
  newRow(): EventRow;
}

const PER_EVENT = new Set(["fields", "display", "filter", "parse"]);

export function planStream(commands: readonly Command[]): StreamPlan {
  const scope = new StreamScope();
  const steps: Step[] = [];
  let consumed = 0;
  while (consumed < commands.length && PER_EVENT.has(commands[consumed].k)) {
    steps.push(...compileStep(commands[consumed], scope));
    consumed++;
  }
  return { scope, accept: chain(steps), consumed, newRow: () => new EventRow(scope.slotCount) };
}

function chain(steps: Step[]): (r: EventRow) => boolean {
  if (steps.length === 0) return () => true;
  if (steps.length === 1) return steps[0];
  return (r) => {
    for (let i = 0; i < steps.length; i++) if (!steps[i](r)) return false;
    return true;
  };
}

function compileStep(cmd: Command, scope: StreamScope): Step[] {
  switch (cmd.k) {
    case "filter": {
      const test = compileCondition(cmd.expr, scope);
      return [(r) => test(r)];
    }
    case "fields":
    case "display":
      return cmd.items.flatMap((item): Step[] => {
        if (item.expr.k === "field" && item.expr.name === item.name) return []; // only shown, not computed
        const { fn, kind } = compileExpr(item.expr, scope);
        const slot = scope.define(item.name, kind);
        return [(r) => ((r.slots[slot] = fn(r)), true)];
      });
    case "parse":
      return [compileParse(cmd, scope)];
    default:
      return [];
  }
}

// "If a log event doesn't match the specified pattern, you still see it in the results, but
// without the extracted fields" (AWS CWL_QuerySyntax-Parse). Extracted values are strings.
function compileParse(cmd: Extract<Command, { k: "parse" }>, scope: StreamScope): Step {
  const source = compileExpr(cmd.source, scope).fn;
  const regex = cmd.regex;
  const named = cmd.named;
  const slots = cmd.names.map((name) => scope.define(name, "any"));
  const names = cmd.names;
  return (r) => {
    const text = toText(source(r));
    const match = text === undefined ? null : regex.exec(text);
    if (match) {
      for (let i = 0; i < slots.length; i++) r.slots[slots[i]] = named ? match.groups?.[names[i]] : match[i + 1];
    }
    return true;
  };
}
