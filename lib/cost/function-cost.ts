import "server-only";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import { panel, type Panel } from "@/lib/aws/errors";
import { getConfig } from "@/lib/config";
import { durationCost, gbOfMb, logsIngestionCost, provisionedConcurrencyCost, provisionedDurationCost, requestsCost, roundCents, xrayCost, type CostTerm } from "@/lib/cost/lambda-cost";
import { CostLedger } from "@/lib/cost/observation-cost";
import { PRICE_LISTS, type Architecture } from "@/lib/cost/prices";
import { numberOf } from "@/lib/insights/parse-results";
import { runQuery } from "@/lib/insights/run-query";
import { insightsSemaphore } from "@/lib/insights/runs";
import { savedQueries } from "@/lib/insights/saved-queries";
import { getMetricData, sumValues } from "@/lib/metrics/get-metric-data";
import type { FunctionDetail, ObservationCost } from "@/lib/types";

const HOUR_MS = 3_600_000;
/** The sample: the last 7 days, a whole week of traffic, projected to AWS's 730-hour month. */
export const SAMPLE_HOURS = 168;
export const MONTH_HOURS = 730;
const BYTES_PER_GB = 1024 ** 3; // AWS bills data in GB of 2^30 bytes
const COST_TTL_MS = 15 * 60_000; // a week's sample barely moves in 15 minutes, and the scan is the dear part

export type MeasuredInputs = {
  invocations: number; // REPORT lines in the sample (= the Invocations metric)
  coldStarts: number;
  avgDurationMs: number | null;
  avgBilledDurationMs: number | null; // INIT included: billed since 1 Aug 2025
  gbSeconds: number; // Σ billed duration × memory size, from the REPORT lines
  memorySizeMb: number;
  logBytes: number | null; // AWS/Logs IncomingBytes of the log group; null when unavailable
  tracesRecorded: number | null; // null: tracing off
  provisionedConcurrency: number; // allocated on the function's qualifiers now
};

export type FunctionCost = {
  sample: { startMs: number; endMs: number; hours: number };
  inputs: Panel<MeasuredInputs>;
  architecture: Architecture;
  terms: CostTerm[]; // projected month, list prices, without the account's free tier
  monthlyUsd: number;
  note: string;
  cost: ObservationCost;
};

/** X-Ray's default rule: the first request each second (reservoir 1/s), then 5 % of the rest; applied per hour. */
export function defaultRuleTraces(invocationsPerHour: readonly number[]): number {
  return invocationsPerHour.reduce((a, n) => a + Math.min(n, 3600) + 0.05 * Math.max(0, n - 3600), 0);
}

/** The week's measured usage → every term of a projected month. Pure. */
export function projectMonth(m: MeasuredInputs, architecture: Architecture, region: string): CostTerm[] {
  const prices = PRICE_LISTS[region] ?? PRICE_LISTS["us-east-1"];
  const k = MONTH_HOURS / SAMPLE_HOURS;
  const gbSeconds = m.gbSeconds * k;
  // Provisioned environments serve what fits in them, at the lower rate; the overflow is on demand.
  const onProvisioned = Math.min(gbSeconds, m.provisionedConcurrency * gbOfMb(m.memorySizeMb) * MONTH_HOURS * 3600);
  const terms = [requestsCost({ requests: m.invocations * k, prices }), durationCost({ gbSeconds: gbSeconds - onProvisioned, architecture, prices })];
  if (m.provisionedConcurrency > 0) {
    terms.push(provisionedConcurrencyCost({ concurrency: m.provisionedConcurrency, memoryMb: m.memorySizeMb, seconds: MONTH_HOURS * 3600, architecture, prices }));
    terms.push(provisionedDurationCost({ gbSeconds: onProvisioned, architecture, prices }));
  }
  if (m.logBytes !== null) terms.push(logsIngestionCost({ gb: (m.logBytes * k) / BYTES_PER_GB, prices }));
  if (m.tracesRecorded !== null) terms.push(xrayCost({ traces: m.tracesRecorded * k, prices }));
  return terms;
}

async function measure(detail: FunctionDetail, sample: { startMs: number; endMs: number }, ledger: CostLedger): Promise<MeasuredInputs> {
  const { cloudwatch, logs } = awsClients();
  const name = detail.config.name;
  const [metrics, report] = await Promise.all([
    getMetricData(
      cloudwatch,
      [
        { id: "inv", namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: name }, stat: "Sum" },
        { id: "logbytes", namespace: "AWS/Logs", metricName: "IncomingBytes", dimensions: { LogGroupName: detail.config.logGroup }, stat: "Sum" },
      ],
      { ...sample, periodS: 3600 },
    ),
    runQuery(logs, { logGroupNames: [detail.config.logGroup], queryString: savedQueries().get("billed-duration")!.queryString, ...sample }, { ledger, semaphore: insightsSemaphore, deadlineMs: Date.now() + 120_000 }),
  ]);
  ledger.countMetrics(metrics.cost.calls, metrics.cost.metricsRequested);
  const row = report.rows[0] ?? {};
  const logbytes = metrics.results.get("logbytes");
  const inv = metrics.results.get("inv");
  return {
    invocations: numberOf(row.invocations) ?? 0,
    coldStarts: numberOf(row.coldStarts) ?? 0,
    avgDurationMs: numberOf(row.avgDurationMs) ?? null,
    avgBilledDurationMs: numberOf(row.avgBilledDurationMs) ?? null,
    gbSeconds: numberOf(row.gbSeconds) ?? 0,
    memorySizeMb: numberOf(row.memorySizeMb) ?? detail.config.memoryMb,
    logBytes: logbytes && logbytes.values.length ? sumValues(logbytes) : null,
    tracesRecorded: detail.config.tracingMode === "Active" ? defaultRuleTraces(inv?.values ?? []) : null,
    provisionedConcurrency: detail.provisionedConcurrency.ok ? detail.provisionedConcurrency.data.reduce((a, p) => a + p.allocated, 0) : 0,
  };
}

/** What the function costs a month at list prices, projected from its last 7 days, term by term. */
export async function getFunctionCost(detail: FunctionDetail, nowMs = Date.now()): Promise<FunctionCost> {
  const endMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const sample = { startMs: endMs - SAMPLE_HOURS * HOUR_MS, endMs };
  const ledger = new CostLedger();
  const inputs = await panel("logs:StartQuery", async () => {
    const { value, cost } = await cachedFetch(`cost|${detail.config.name}|${endMs}`, COST_TTL_MS, (l) => measure(detail, sample, l));
    ledger.merge(cost);
    return value;
  });
  const architecture = detail.config.architecture === "arm64" ? "arm64" : "x86_64";
  const terms = inputs.ok ? projectMonth(inputs.data, architecture, getConfig().region) : [];
  return {
    sample: { ...sample, hours: SAMPLE_HOURS },
    inputs,
    architecture,
    terms,
    monthlyUsd: roundCents(terms.reduce((a, t) => a + t.usd, 0)),
    note:
      "List prices, without the account's free tier (shared by every function) or Savings Plans; the week is scaled to a 730-hour month. Duration is Σ billed duration × memory from the REPORT lines, INIT included. X-Ray assumes the default sampling rule.",
    cost: ledger.total(),
  };
}
