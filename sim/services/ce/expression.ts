// Cost Explorer's Filter Expression, compiled to a predicate over line items. Each node has exactly
// one of And / Or / Not / Dimensions / Tags / CostCategories; And and Or need two operands or more.
// GetCostAndUsage allows MatchOptions EQUALS and CASE_SENSITIVE on Dimensions, and EQUALS, ABSENT
// and CASE_SENSITIVE on Tags and CostCategories (GetCostAndUsage API reference, Filter).
import type { LineItem } from "../../billing/line-items";
import { type DimensionReader, SUPPORTED_DIMENSIONS, costCategoryValue, tagValue } from "./dimensions";
import { validation } from "./errors";

export type Predicate = (item: LineItem) => boolean;

const ROOTS = ["And", "Or", "Not", "Dimensions", "Tags", "CostCategories"] as const;
const DIMENSION_MATCH_OPTIONS = ["EQUALS", "CASE_SENSITIVE"];
const TAG_MATCH_OPTIONS = ["EQUALS", "ABSENT", "CASE_SENSITIVE"];
const MAX_DEPTH = 32;

type Node = Record<string, unknown>;

export function compileFilter(filter: unknown, readers: Record<string, DimensionReader>): Predicate {
  if (filter === undefined || filter === null) return () => true;
  return compile(filter, readers, 0);
}

function compile(value: unknown, readers: Record<string, DimensionReader>, depth: number): Predicate {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw validation("Expression must be an object with one of: And, Or, Not, Dimensions, Tags, CostCategories");
  if (depth > MAX_DEPTH) throw validation(`Expression is nested deeper than ${MAX_DEPTH} levels`);
  const node = value as Node;
  const roots = ROOTS.filter((r) => node[r] !== undefined && node[r] !== null);
  // AWS's text (GetCostAndUsage API reference, Expression).
  if (roots.length > 1) throw validation("Expression has more than one roots. Only one root operator is allowed for each expression: And, Or, Not, Dimensions, Tags, CostCategories");
  if (roots.length === 0) throw validation("Expression has no root operator. One of these is required: And, Or, Not, Dimensions, Tags, CostCategories");
  const root = roots[0];
  switch (root) {
    case "And":
    case "Or": {
      const operands = node[root];
      // AWS: "And expression must have at least 2 operands".
      if (!Array.isArray(operands) || operands.length < 2) throw validation(`${root} expression must have at least 2 operands`);
      const parts = operands.map((o) => compile(o, readers, depth + 1));
      return root === "And" ? (i) => parts.every((p) => p(i)) : (i) => parts.some((p) => p(i));
    }
    case "Not": {
      const inner = compile(node.Not, readers, depth + 1);
      return (i) => !inner(i);
    }
    case "Dimensions":
      return dimensionPredicate(node.Dimensions, readers);
    case "Tags":
      return keyedPredicate(node.Tags, "Tags", tagValue);
    default:
      return keyedPredicate(node.CostCategories, "CostCategories", costCategoryValue);
  }
}

function matchOptions(value: unknown, allowed: string[], what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((o) => !allowed.includes(o as string))) {
    throw validation(`MatchOptions for ${what} must be among ${allowed.join(", ")} in GetCostAndUsage`);
  }
  return value as string[];
}

function stringList(value: unknown, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw validation(`${what} Values must be a list of strings`);
  return value as string[];
}

function dimensionPredicate(value: unknown, readers: Record<string, DimensionReader>): Predicate {
  const d = (value ?? {}) as Node;
  const key = d.Key;
  if (typeof key !== "string" || !readers[key]) {
    throw validation(`Dimension ${String(key)} is invalid or not available in the demo account. Valid values are ${SUPPORTED_DIMENSIONS.join(", ")}`);
  }
  matchOptions(d.MatchOptions, DIMENSION_MATCH_OPTIONS, "Dimensions");
  const values = stringList(d.Values, "Dimensions");
  if (!values || values.length === 0) throw validation(`Dimensions ${key} must have at least one value`);
  const read = readers[key];
  const wanted = new Set(values);
  return (i) => wanted.has(read(i));
}

/**
 * Tags and CostCategories: a value in Values matches; ABSENT (or "" among the Values) matches costs
 * without the key; a Key without Values means ABSENT; no Key at all matches costs with no tags.
 */
function keyedPredicate(value: unknown, what: "Tags" | "CostCategories", read: (i: LineItem, key: string) => string | undefined): Predicate {
  const t = (value ?? {}) as Node;
  const options = matchOptions(t.MatchOptions, TAG_MATCH_OPTIONS, what);
  const values = stringList(t.Values, what);
  if (t.Key === undefined) {
    if (what === "Tags") return (i) => Object.keys(i.tags).length === 0;
    return () => false;
  }
  if (typeof t.Key !== "string" || t.Key === "") throw validation(`${what} Key must be a non-empty string`);
  const key = t.Key;
  const absent = options.includes("ABSENT") || values === undefined || values.includes("");
  const wanted = new Set((values ?? []).filter((v) => v !== ""));
  return (i) => {
    const v = read(i, key);
    return v === undefined ? absent : wanted.has(v);
  };
}
