import "server-only";
import { currentRegion } from "@/lib/observe/scope";
import { awsClients } from "@/lib/aws/clients";
import { cachedFetch } from "@/lib/aws/cached-fetch";
import { panel, type Panel } from "@/lib/aws/errors";
import { getConfig } from "@/lib/config";
import { roundCents, type CostTerm } from "@/lib/cost/lambda-cost";
import { projectMonth, type MeasuredInputs } from "@/lib/cost/project-month";
import { CostLedger } from "@/lib/cost/observation-cost";
import { HOURS_PER_MONTH, PRICE_LISTS, type Architecture } from "@/lib/cost/prices";

export { projectMonth, type MeasuredInputs };
import { scaledUsage } from "@/lib/cost/usage";
import { paginateGetSamplingRules } from "@aws-sdk/client-xray";
import { hiddenCosts, type HiddenCost } from "@/lib/cost/hidden-costs";
import { LAMBDA_DEFAULT, samplingFor, tracesRecorded, type SamplingRule } from "@/lib/cost/sampling";
import { logGroupOf, numberOf } from "@/lib/insights/parse-results";
import { runOverLogGroups } from "@/lib/insights/run-batches";
import { insightsSemaphore } from "@/lib/insights/runs";
import { savedQueries } from "@/lib/insights/saved-queries";
import { getMetricData, sumValues, type MetricQuery } from "@/lib/metrics/get-metric-data";
import { listProvisioned, type FunctionRef } from "@/lib/functions/function-detail";
import type { ObservationCost, ProvisionedConcurrencyInfo } from "@/lib/types";

const HOUR_MS = 3_600_000;
/** The sample: the last 7 days, a whole week of traffic, projected to AWS's 730-hour month. */
export const SAMPLE_HOURS = 168;
const COST_TTL_MS = 15 * 60_000; // a week's sample barely moves in 15 minutes, and the scan is the dear part


export type FunctionCost = {
  sample: { startMs: number; endMs: number; hours: number };
  inputs: Panel<MeasuredInputs>;
  architecture: Architecture;
  terms: CostTerm[]; // projected month, list prices, without the account's free tier
  monthlyUsd: number;
  hidden: HiddenCost[];
  periods: PeriodCost[]; // last month, this month so far
  note: string;
  cost: ObservationCost;
};

/**
 * A calendar month priced from its invocations (CloudWatch) at the sample's cost per invocation.
 * `provisionedHours`: the hours of it the current provisioned-concurrency configuration was in force.
 */
export type PeriodCost = { label: string; startMs: number; endMs: number; invocations: number; usd: number; dataFromMs: number | null; provisionedHours: number };

/**
 * Prices a period from its invocations: every term scales with invocations, except provisioned
 * concurrency, which is paid by the hour it is configured. `monthTerms` are the projected month's. Pure.
 */
export function periodCost(monthTerms: readonly CostTerm[], monthInvocations: number, periodInvocations: number, provisionedHours: number): number {
  return monthTerms.reduce((a, t) => {
    if (t.name === "Provisioned concurrency") return a + (t.exactUsd * provisionedHours) / HOURS_PER_MONTH;
    return a + (monthInvocations > 0 ? (t.exactUsd * periodInvocations) / monthInvocations : 0);
  }, 0);
}

/**
 * Hours of [startMs, endMs) under a provisioned-concurrency configuration set at `sinceMs`. The API
 * keeps only the current configuration, so before its LastModified we count none (an older, possibly
 * different allocation is unknown); with no LastModified, the whole period. Pure.
 */
export function provisionedHoursIn(startMs: number, endMs: number, sinceMs: number | null): number {
  return Math.max(0, endMs - Math.max(startMs, sinceMs ?? startMs)) / HOUR_MS;
}

/** Last month and this month so far, from hourly Invocations since the start of last month. */
async function calendarMonths(detail: FunctionRef, terms: CostTerm[], monthInvocations: number, provisionedSinceMs: number | null, nowMs: number, ledger: CostLedger): Promise<PeriodCost[]> {
  const now = new Date(nowMs);
  const thisMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const lastMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
  const endMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const { results, cost } = await getMetricData(
    awsClients().cloudwatch,
    [{ id: "inv", namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: detail.config.name }, stat: "Sum" }],
    { startMs: lastMonth, endMs, periodS: 3600 },
  );
  ledger.countMetrics(cost.calls, cost.metricsRequested);
  const inv = results.get("inv") ?? { timestampsMs: [], values: [] };
  const first = inv.timestampsMs.length ? inv.timestampsMs[0] : null;
  return [
    { label: "Last month", startMs: lastMonth, endMs: thisMonth },
    { label: "This month so far", startMs: thisMonth, endMs },
  ].map((p) => {
    const invocations = inv.values.filter((_, i) => inv.timestampsMs[i] >= p.startMs && inv.timestampsMs[i] < p.endMs).reduce((a, b) => a + b, 0);
    const provisionedHours = provisionedHoursIn(p.startMs, p.endMs, provisionedSinceMs);
    return {
      ...p,
      invocations,
      provisionedHours,
      usd: roundCents(periodCost(terms, monthInvocations, invocations, provisionedHours)),
      // Metrics that start after the period began (retention, a new function) cover only part of it.
      dataFromMs: first !== null && first > p.startMs ? first : null,
    };
  });
}


/**
 * The week's usage of several functions in one pass: one Logs Insights scan of their REPORT lines
 * (`by @log`, 50 log groups a query) and one GetMetricData request for their invocations and log bytes,
 * and their provisioned concurrency (priced by the hour): if it cannot be read, the estimate fails naming it.
 */
export async function measureFunctions(details: FunctionRef[], sample: { startMs: number; endMs: number }, ledger: CostLedger): Promise<MeasuredInputs[]> {
  const { cloudwatch, logs, lambda } = awsClients();
  const traced = details.some((d) => d.config.tracingMode === "Active");
  const [metrics, report, rules, pcs] = await Promise.all([
    getMetricData(
      cloudwatch,
      details.flatMap((d, i): MetricQuery[] => [
        { id: `inv${i}`, namespace: "AWS/Lambda", metricName: "Invocations", dimensions: { FunctionName: d.config.name }, stat: "Sum" },
        { id: `logbytes${i}`, namespace: "AWS/Logs", metricName: "IncomingBytes", dimensions: { LogGroupName: d.config.logGroup }, stat: "Sum" },
      ]),
      { ...sample, periodS: 3600 },
    ),
    runOverLogGroups(logs, { logGroupNames: details.map((d) => d.config.logGroup), queryString: savedQueries().get("billed-duration")!.queryString, ...sample }, { ledger, semaphore: insightsSemaphore, deadlineMs: Date.now() + 120_000 }),
    traced ? samplingRules(ledger) : Promise.resolve([]),
    Promise.all(details.map((d) => listProvisioned(lambda, d.config.name, ledger))),
  ]);
  ledger.countMetrics(metrics.cost.calls, metrics.cost.metricsRequested);
  const rowOf = new Map(report.rows.map((r) => [logGroupOf(r["@log"]), r]));
  return details.map((detail, i) => {
    const row = rowOf.get(detail.config.logGroup) ?? {};
    const logbytes = metrics.results.get(`logbytes${i}`);
    const inv = metrics.results.get(`inv${i}`);
    return {
      sampleHours: (sample.endMs - sample.startMs) / HOUR_MS,
      invocations: numberOf(row.invocations) ?? 0,
      coldStarts: numberOf(row.coldStarts) ?? 0,
      avgDurationMs: numberOf(row.avgDurationMs) ?? null,
      avgBilledDurationMs: numberOf(row.avgBilledDurationMs) ?? null,
      gbSeconds: numberOf(row.gbSeconds) ?? 0,
      billedSeconds: (numberOf(row.sumBilledDurationMs) ?? 0) / 1000,
      ephemeralStorageMb: detail.config.ephemeralStorageMb,
      memorySizeMb: numberOf(row.memorySizeMb) ?? detail.config.memoryMb,
      logBytes: logbytes && logbytes.values.length ? sumValues(logbytes) : null,
      ...tracing(detail, inv?.values ?? [], rules),
      ...provisioned(pcs[i]),
    };
  });
}

/** Provisioned concurrency allocated now, and since when it has been configured so. */
function provisioned(configs: ProvisionedConcurrencyInfo[]): Pick<MeasuredInputs, "provisionedConcurrency" | "provisionedSinceMs"> {
  const since = configs.map((p) => p.lastModifiedMs).filter((t): t is number => t !== null);
  return { provisionedConcurrency: configs.reduce((a, p) => a + p.allocated, 0), provisionedSinceMs: since.length ? Math.max(...since) : null };
}

/** The account's X-Ray sampling rules, every page (cached 10 minutes). */
async function samplingRules(ledger: CostLedger): Promise<SamplingRule[]> {
  const { value, cost } = await cachedFetch("xray:GetSamplingRules", 10 * 60_000, async (l) => {
    const rules: SamplingRule[] = [];
    for await (const page of paginateGetSamplingRules({ client: awsClients().xray }, {})) {
      l.count("xray:GetSamplingRules");
      for (const r of page.SamplingRuleRecords ?? []) {
        const rule = r.SamplingRule;
        if (rule) rules.push({ name: rule.RuleName ?? "", priority: rule.Priority ?? 0, fixedRate: rule.FixedRate ?? 0, reservoirSize: rule.ReservoirSize ?? 0, serviceName: rule.ServiceName ?? "*", serviceType: rule.ServiceType ?? "*" });
      }
    }
    return rules;
  });
  ledger.merge(cost);
  return value;
}

/** Traces of an Active-tracing function from its hourly invocations and the sampling that applies to it. */
function tracing(detail: FunctionRef, invocationsPerHour: number[], rules: SamplingRule[]): Pick<MeasuredInputs, "tracesRecorded" | "sampling" | "tracesAtLambdaDefault"> {
  if (detail.config.tracingMode !== "Active") return { tracesRecorded: null, sampling: null, tracesAtLambdaDefault: null };
  const rule = samplingFor(detail.config.name, rules);
  return {
    tracesRecorded: tracesRecorded(invocationsPerHour, rule),
    sampling: { rule: rule.name, fixedRate: rule.fixedRate, reservoirSize: rule.reservoirSize },
    tracesAtLambdaDefault: tracesRecorded(invocationsPerHour, LAMBDA_DEFAULT),
  };
}

/** The sample: the last 7 whole hours-aligned days. */
const sampleEndingAt = (nowMs: number) => {
  const endMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  return { startMs: endMs - SAMPLE_HOURS * HOUR_MS, endMs };
};

const architectureOf = (detail: FunctionRef): Architecture => (detail.config.architecture === "arm64" ? "arm64" : "x86_64");

/** Several functions' projected months in one scan (a tag value's drill-down). */
export async function getFunctionsCost(details: FunctionRef[], nowMs = Date.now()) {
  const sample = sampleEndingAt(nowMs);
  const ledger = new CostLedger();
  const names = details.map((d) => d.config.name).sort();
  const measured = await panel("logs:StartQuery", async () => {
    const { value, cost } = await cachedFetch(`cost|${names.join(",")}|${sample.endMs}`, COST_TTL_MS, (l) => measureFunctions(details, sample, l));
    ledger.merge(cost);
    return value;
  });
  const functions = details.map((d, i) => {
    const terms = measured.ok ? projectMonth(measured.data[i], architectureOf(d), currentRegion()) : [];
    const m = measured.ok ? measured.data[i] : null;
    const hidden = m ? hiddenCosts({ terms, invocations: m.invocations, logBytes: m.logBytes, logLevel: d.config.appLogLevel, sampling: m.sampling, tracesRecorded: m.tracesRecorded, tracesAtLambdaDefault: m.tracesAtLambdaDefault }) : [];
    return { name: d.config.name, tags: d.config.tags, inputs: m, terms, monthlyUsd: roundCents(terms.reduce((a, t) => a + t.usd, 0)), hidden };
  });
  return { sample: { ...sample, hours: SAMPLE_HOURS }, functions, failure: measured.ok ? null : measured.error, cost: ledger.total() };
}

/** What the function costs a month at list prices, projected from its last 7 days, term by term. */
export async function getFunctionCost(detail: FunctionRef, nowMs = Date.now()): Promise<FunctionCost> {
  const many = await getFunctionsCost([detail], nowMs);
  const fn = many.functions[0];
  const ledger = new CostLedger();
  ledger.merge(many.cost);
  const monthInvocations = fn.inputs ? scaledUsage(fn.inputs).invocations : 0;
  const periods = await panel("cloudwatch:GetMetricData", async () => {
    const hour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
    const { value, cost } = await cachedFetch(`cost-periods|${detail.config.name}|${hour}`, COST_TTL_MS, (l) => calendarMonths(detail, fn.terms, monthInvocations, fn.inputs?.provisionedSinceMs ?? null, nowMs, l));
    ledger.merge(cost);
    return value;
  });
  return {
    sample: many.sample,
    inputs: many.failure ? { ok: false, error: many.failure } : { ok: true, data: fn.inputs! },
    architecture: architectureOf(detail),
    terms: fn.terms,
    monthlyUsd: fn.monthlyUsd,
    hidden: fn.hidden,
    periods: periods.ok ? periods.data : [],
    note:
      (PRICE_LISTS[currentRegion()] ? "" : `No checked price list for ${currentRegion()}: these are us-east-1 list prices (Lambda's are the same in most regions; CloudWatch Logs and X-Ray often are not). `) +
      "List prices, without the account's free tier (shared by every function) or Savings Plans; the week is scaled to a 730-hour month. Duration is Σ billed duration × memory from the REPORT lines, INIT included. X-Ray traces follow the sampling that applies: Lambda's fixed 1 a second + 5 %, or a rule on the entry point in front of the function.",
    cost: ledger.total(),
  };
}
