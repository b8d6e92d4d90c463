// Function names of Logs Insights QL and their argument counts.
// Scalar functions: AWS CWL_QuerySyntax "Supported Operations and Functions" (numeric, general,
// string, datetime); fromMillis/toMillis from the current operations-functions page.
// Aggregations: "Aggregation Functions in the Stats Command" (avg, count, count_distinct, max, min,
// pct, stddev, sum) and "non-aggregation functions" earliest, latest, sortsFirst, sortsLast;
// percentile() is accepted too (AWS's serverless-snippets use it, e.g. aws-samples/serverless-snippets).

type Arity = readonly [min: number, max: number];

export const SCALAR_ARITY: Readonly<Record<string, Arity>> = {
  abs: [1, 1], ceil: [1, 1], floor: [1, 1], greatest: [1, Infinity], least: [1, Infinity], log: [1, 1], sqrt: [1, 1],
  ispresent: [1, 1], coalesce: [1, Infinity],
  isempty: [1, 1], isblank: [1, 1], concat: [1, Infinity], ltrim: [1, 2], rtrim: [1, 2], trim: [1, 2],
  strlen: [1, 1], toupper: [1, 1], tolower: [1, 1], substr: [2, 3], replace: [3, 3], strcontains: [2, 2],
  bin: [1, 1], datefloor: [2, 2], dateceil: [2, 2], frommillis: [1, 1], tomillis: [1, 1],
};

export const AGGREGATE_ARITY: Readonly<Record<string, Arity>> = {
  avg: [1, 1], count: [0, 1], count_distinct: [1, 1], max: [1, 1], min: [1, 1], pct: [2, 2], percentile: [2, 2],
  stddev: [1, 1], sum: [1, 1], earliest: [1, 1], latest: [1, 1], sortsfirst: [1, 1], sortslast: [1, 1],
};

export const isAggregateName = (name: string): boolean => name in AGGREGATE_ARITY;

/** Documented by AWS but not implemented here: the parser says so instead of "unknown function". */
export const UNSUPPORTED_FUNCTIONS = new Set([
  "now", "isvalidip", "isvalidipv4", "isvalidipv6", "isipinsubnet", "isipv4insubnet", "isipv6insubnet",
  "jsonparse", "jsonstringify",
]);

export const COMMANDS = ["fields", "filter", "stats", "sort", "limit", "parse", "display", "dedup"] as const;

/** Documented commands this engine does not run. */
export const UNSUPPORTED_COMMANDS = new Set([
  "unnest", "lookup", "join", "anomaly", "pattern", "diff", "unmask", "filterindex", "source", "addtotals",
  "head", "tail",
]);
