import "server-only";
import { GetAccountSettingsCommand } from "@aws-sdk/client-lambda";
import type { AwsClients } from "@/lib/aws/clients";
import { panel, type AwsFailure, type Panel } from "@/lib/aws/errors";
import { CostLedger } from "@/lib/cost/observation-cost";
import { listAliases, listVersions } from "@/lib/functions/function-detail";
import { logsInsightsUrl, requestLogsUrl } from "@/lib/insights/console-links";
import { toHealth } from "@/lib/insights/health";
import type { InsightsRow } from "@/lib/insights/parse-results";
import { runQuery } from "@/lib/insights/run-query";
import { savedQueries } from "@/lib/insights/saved-queries";
import type { Slots } from "@/lib/insights/semaphore";
import { evaluateColdStarts } from "@/lib/runbook/cold-starts";
import { evaluateDownstream, slowedDependencies } from "@/lib/runbook/downstream";
import { toDownstreamInput, type SpanRows } from "@/lib/runbook/downstream-data";
import { toErrorGroups } from "@/lib/runbook/error-groups-data";
import { evaluateErrors } from "@/lib/runbook/error-samples";
import {
  DEPLOY_LOOKBACK_MS,
  errorOrLatencyOnset,
  fetchRunbookMetrics,
  maxIn,
  runbookChart,
  toThrottleInput,
  trafficShifts,
  versionSeriesId,
  versionStats,
  type RunbookMetrics,
} from "@/lib/runbook/metrics-data";
import { evaluateProfile } from "@/lib/runbook/profile";
import { deployedIn, evaluateRecentDeploy } from "@/lib/runbook/recent-deploy";
import type { RunbookResult, RunbookStep } from "@/lib/runbook/result";
import { mostLikelyCause, runbookMarkdown } from "@/lib/runbook/summary";
import { evaluateThrottles } from "@/lib/runbook/throttles";
import { couldNotCheck, median, type Span, type StepResult } from "@/lib/runbook/types";
import { baselineLabel, spanLabel } from "@/lib/runbook/windows";
import type { FunctionConfig } from "@/lib/types";

const HOUR_MS = 3_600_000;
/** The newest versions compared per ExecutedVersion: the new one, the one it replaced, one more. */
const VERSIONS_COMPARED = 3;

export type RunbookRequest = {
  clients: Pick<AwsClients, "cloudwatch" | "lambda" | "logs">;
  region: string;
  config: FunctionConfig;
  incident: Span;
  baselines: Span[];
  alarm: RunbookResult["alarm"];
  semaphore: Slots;
  deadlineMs: number;
};

const reason = (f: AwsFailure) => `${f.action} failed (${f.code}): ${f.hint}`;

/** The charts show the window and what led up to it: at least 5 h before it (a deploy's canary phase). */
export const chartSpan = (incident: Span): Span => ({ startMs: incident.startMs - Math.max(5 * HOUR_MS, incident.endMs - incident.startMs), endMs: incident.endMs });

/**
 * Gathers every step's data in parallel (one GetMetricData request, a handful of Logs Insights
 * queries, three Lambda reads) and judges each step with its evaluator. A failed fetch turns only
 * the steps that need it into "could not check".
 */
export async function runRunbook(r: RunbookRequest): Promise<RunbookResult> {
  const started = Date.now();
  const ledger = new CostLedger();
  const { clients, config, incident, baselines } = r;
  const logGroup = config.logGroup;
  const chart = chartSpan(incident);

  const rowsOf = (queryId: string, span: Span) =>
    runQuery(clients.logs, { logGroupNames: [logGroup], queryString: savedQueries().get(queryId)!.queryString, startMs: span.startMs, endMs: span.endMs }, { ledger, semaphore: r.semaphore, deadlineMs: r.deadlineMs }).then((q) => q.rows);
  const overSpans = (queryId: string): Promise<Panel<SpanRows>> =>
    panel("logs:StartQuery", async () => {
      const [incidentRows, ...baselineRows] = await Promise.all([incident, ...baselines].map((s) => rowsOf(queryId, s)));
      return { incident: incidentRows, baselines: baselineRows };
    });

  const versionsP = panel("lambda:ListVersionsByFunction", () => listVersions(clients.lambda, config.name, ledger));
  const aliasesP = panel("lambda:ListAliases", () => listAliases(clients.lambda, config.name, ledger));
  const settingsP = panel("lambda:GetAccountSettings", async () => {
    ledger.count("lambda:GetAccountSettings");
    return (await clients.lambda.send(new GetAccountSettingsCommand({}))).AccountLimit?.UnreservedConcurrentExecutions ?? null;
  });
  const healthP = overSpans("function-health");
  const warmP = overSpans("warm-duration");
  const downstreamP = overSpans("downstream-latency");
  const errorsP = panel("logs:StartQuery", () => rowsOf("error-groups", incident));
  const [versions, aliases] = await Promise.all([versionsP, aliasesP]);

  // Per-version metrics: the alias that carries the traffic, and the newest versions behind it.
  const alias = aliases.ok ? (aliases.data.find((a) => a.name === "live") ?? aliases.data[0] ?? null) : null;
  const newest = versions.ok ? versions.data.slice(0, VERSIONS_COMPARED).map((v) => v.version) : [];
  const metricsStart = Math.min(...baselines.map((b) => b.startMs), chart.startMs - 24 * HOUR_MS, incident.endMs - DEPLOY_LOOKBACK_MS);
  const metrics = await panel("cloudwatch:GetMetricData", () =>
    fetchRunbookMetrics(clients.cloudwatch, { functionName: config.name, alias: alias?.name ?? null, versions: newest, span: { startMs: metricsStart, endMs: incident.endMs } }, ledger),
  );
  const [settings, health, warm, downstream, errorRows] = await Promise.all([settingsP, healthP, warmP, downstreamP, errorsP]);

  const lookback = { startMs: incident.endMs - DEPLOY_LOOKBACK_MS, endMs: incident.endMs };
  const shifts = metrics.ok ? trafficShifts(metrics.data, lookback) : [];
  const errorGroups = errorRows.ok ? toErrorGroups(errorRows.data) : [];
  const oomKills = errorGroups.filter((g) => g.kind === "out of memory").reduce((a, g) => a + g.count, 0);
  const withChart = (step: StepResult, draw?: (m: RunbookMetrics) => RunbookStep["chart"]): RunbookStep => (step.verdict !== "could not check" && metrics.ok && draw ? { ...step, chart: draw(metrics.data) } : step);

  // Step 1: throttles (metrics + the account's pool).
  const step1 = withChart(
    !metrics.ok ? evaluateThrottles(null, reason(metrics.error)) : !settings.ok ? evaluateThrottles(null, reason(settings.error)) : evaluateThrottles(toThrottleInput(metrics.data, incident, { name: config.name, reservedConcurrency: config.reservedConcurrency }, settings.data)),
    (m) => ({
      ...runbookChart(m, chart, [{ id: "conc", label: "Peak concurrency" }, { id: "thr", label: "Throttles", zero: true, axis: "right" }], "count"),
      reference: config.reservedConcurrency !== null ? { value: config.reservedConcurrency, label: `reserved ${config.reservedConcurrency}` } : undefined,
    }),
  );

  // Step 2: cold starts (logs), with the deploys and OOM kills that recycle environments.
  const deployInWindow = deployedIn(incident, versions.ok ? versions.data.map((v) => Date.parse(v.lastModified)) : [], shifts);
  const step2 = withChart(
    health.ok
      ? evaluateColdStarts({
          incident: summaryOf([health.data.incident]),
          baseline: summaryOf(health.data.baselines),
          deployInWindow,
          outOfMemoryKills: oomKills,
        })
      : evaluateColdStarts(null, reason(health.error)),
    (m) => runbookChart(m, chart, [{ id: "inv", label: "Invocations", zero: true, baseline: true }], "count"),
  );

  // Step 3: downstream latency (logs), with concurrency from the metrics.
  const concurrency = metrics.ok
    ? { incidentPeak: maxIn(metrics.data.results.get("conc"), incident), baselinePeak: median(baselines.map((b) => maxIn(metrics.data.results.get("conc"), b)).filter((v): v is number => v !== null)) }
    : { incidentPeak: null, baselinePeak: null };
  const failedLogs = !warm.ok ? warm.error : !downstream.ok ? downstream.error : null;
  const downstreamInput = warm.ok && downstream.ok ? toDownstreamInput({ warm: warm.data, dependencies: downstream.data, concurrency }) : null;
  const step3: RunbookStep = {
    ...withChart(evaluateDownstream(downstreamInput, failedLogs ? reason(failedLogs) : undefined), (m) => runbookChart(m, chart, [{ id: "p99", label: "Duration p99", baseline: true }], "ms")),
    links: [{ label: "Downstream latency in Logs Insights", href: logsInsightsUrl({ region: r.region, queryString: savedQueries().get("downstream-latency")!.queryString, logGroupNames: [logGroup], ...incident }) }],
  };

  // Step 4: error samples (logs), with the peak memory from the REPORT lines.
  const incidentHealth = health.ok ? toHealth(health.data.incident).summary : null;
  const step4: RunbookStep = {
    ...withChart(
      errorRows.ok && incidentHealth
        ? evaluateErrors({ invocations: incidentHealth.invocations, errors: errorGroups.reduce((a, g) => a + g.count, 0), groups: errorGroups, maxMemoryUtilisationPct: incidentHealth.maxUtilisationPct })
        : evaluateErrors(null, reason(!errorRows.ok ? errorRows.error : (health as { ok: false; error: AwsFailure }).error)),
      (m) => runbookChart(m, chart, [{ id: "err", label: "Errors", zero: true, baseline: true }], "count"),
    ),
    links: errorGroups.slice(0, 5).flatMap((g) =>
      g.sampleRequestIds.slice(0, 3).flatMap((id) => {
        const href = requestLogsUrl({ region: r.region, logGroup, requestId: id, atMs: g.lastSeenMs });
        return href ? [{ label: `${id} (${g.message.slice(0, 40)})`, href }] : [];
      }),
    ),
  };

  // Step 5: recent deploy (versions, aliases, per-version metrics).
  const deployFailure = !versions.ok ? versions.error : !aliases.ok ? aliases.error : !metrics.ok ? metrics.error : null;
  const step5 = withChart(
    deployFailure
      ? evaluateRecentDeploy(null, reason(deployFailure))
      : evaluateRecentDeploy({
          functionName: config.name,
          versions: (versions as { ok: true; data: { version: string; lastModified: string }[] }).data.map((v) => ({ version: v.version, publishedMs: Date.parse(v.lastModified) })),
          alias: alias && { name: alias.name, version: alias.version, additionalVersionWeights: alias.additionalVersionWeights },
          byVersion: versionStats((metrics as { ok: true; data: RunbookMetrics }).data, lookback),
          shifts,
          onsetMs: errorOrLatencyOnset((metrics as { ok: true; data: RunbookMetrics }).data, incident, baselines),
        }),
    (m) => runbookChart(m, chart, m.versions.length ? m.versions.map((v) => ({ id: versionSeriesId(v), label: `v${v} invocations`, zero: true })) : [{ id: "inv", label: "Invocations", zero: true }], "count"),
  );

  // Step 6: profile, from step 3's figures.
  const step6 =
    downstreamInput === null
      ? couldNotCheck(6, "Profile", `needs step 3's figures: ${step3.summary}`)
      : evaluateProfile({
          runtime: config.runtime,
          warmP99Rise: downstreamInput.warmP99Ms.incident !== null && downstreamInput.warmP99Ms.baseline ? downstreamInput.warmP99Ms.incident / downstreamInput.warmP99Ms.baseline : null,
          downstreamExplains: slowedDependencies(downstreamInput).length > 0,
          cpuBound: null, // needs the Lambda Insights extension's cpu_total_time; not read yet
        });

  const steps = [step1, step2, step3, step4, step5, step6];
  const windowLabel = spanLabel(incident);
  const baseLabel = baselineLabel(baselines.length);
  return {
    functionName: config.name,
    incident,
    baselines,
    windowLabel,
    baselineLabel: baseLabel,
    alarm: r.alarm,
    headline: mostLikelyCause(steps).headline,
    steps,
    markdown: runbookMarkdown({ functionName: config.name, windowLabel, baselineLabel: baseLabel, steps }),
    cost: ledger.total(),
    elapsedMs: Date.now() - started,
  };
}

/** Cold-start figures of one or more spans' function-health rows, averaged per span. */
function summaryOf(spans: InsightsRow[][]) {
  const { points, summary: s } = toHealth(spans.flat());
  const n = Math.max(spans.length, 1);
  const p50DurationMs = median(points.map((p) => p.p50DurationMs).filter((v): v is number => v !== null));
  return { invocations: Math.round(s.invocations / n), coldStarts: Math.round(s.coldStarts / n), avgInitDurationMs: s.avgInitDurationMs, p50DurationMs };
}
