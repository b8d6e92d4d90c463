"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { functionQueries } from "@/components/api";
import { TimeChart, type ChartSeries } from "@/components/charts/TimeChart";
import { CostLine } from "@/components/CostLine";
import { QueryError } from "@/components/ErrorBox";
import { useUrlState } from "@/components/useUrlState";
import { formatCount, formatDurationMs, formatUtc } from "@/lib/format";
import type { RunbookResult, RunbookStep } from "@/lib/runbook/result";
import { BASELINE_DAYS, DEFAULT_RUNBOOK_WINDOW, RUNBOOK_WINDOWS } from "@/lib/runbook/windows";

const PALETTE = ["#2457c5", "#c62828", "#6f42c1", "#1a7f37", "#9a6700"];
const VERDICT_CLASS: Record<RunbookStep["verdict"], string> = { "likely cause": "degraded", contributing: "warning", clear: "ok", "could not check": "unknown" };
const PARAMS = ["window", "from", "to", "alarm", "baselineDays"] as const;

function StepChart({ step, incident }: { step: RunbookStep; incident: RunbookResult["incident"] }) {
  const chart = step.chart!;
  const colours = new Map<string, string>();
  const series: ChartSeries[] = chart.series.map((s) => {
    const base = s.key.replace(/_base$/, "");
    if (!colours.has(base)) colours.set(base, PALETTE[colours.size % PALETTE.length]);
    return { key: s.key, name: s.label, color: s.dashed ? "#98a2ad" : colours.get(base)!, dashed: s.dashed, axis: s.axis, kind: s.axis === "right" ? "bar" : "line" };
  });
  const format = chart.unit === "ms" ? formatDurationMs : formatCount;
  return (
    <TimeChart testId={`runbook-chart-${step.step}`} data={chart.rows} series={series} periodS={chart.periodS} format={format} formatRight={formatCount} reference={chart.reference} height={180}
      highlight={{ ...incident, label: "window" }} />
  );
}

function Step({ step, incident }: { step: RunbookStep; incident: RunbookResult["incident"] }) {
  return (
    <section className="panel runbook-step" data-testid={`runbook-step-${step.step}`} data-verdict={step.verdict} aria-label={`Step ${step.step}: ${step.title}`}>
      <h2>
        {step.step}. {step.title} <span className={`status ${VERDICT_CLASS[step.verdict]}`} data-testid="verdict">{step.verdict}</span>
      </h2>
      <p className="step-summary">{step.summary}</p>
      <div className="step-body">
        <div>
          {step.evidence.length > 0 && (
            <table className="data evidence">
              <tbody>
                {step.evidence.map((e, i) => (
                  <tr key={i}>
                    <th>{e.label}</th>
                    <td>{e.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="step-action" data-testid="action">
            <b>Action:</b> <ActionText text={step.action} />
          </div>
          {step.links && step.links.length > 0 && (
            <ul className="step-links">
              {step.links.map((l) => (
                <li key={l.href}>
                  <a href={l.href} target="_blank" rel="noreferrer">{l.label}</a>
                </li>
              ))}
            </ul>
          )}
          <details className="why">
            <summary>Why this verdict</summary>
            {step.why}
          </details>
        </div>
        {step.chart && <StepChart step={step} incident={incident} />}
      </div>
    </section>
  );
}

/** Shows an AWS CLI command in an action as code, so it can be selected and copied whole. */
function ActionText({ text }: { text: string }) {
  const at = text.indexOf("aws lambda "); // update-alias (step 5), put-function-concurrency (step 1)
  if (at === -1) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <code className="cli" data-testid="cli-command">{text.slice(at)}</code>
    </>
  );
}

function CopyMarkdown({ markdown }: { markdown: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(markdown);
      setState("copied");
    } catch {
      setState("failed"); // no clipboard (plain http on another host): the text is below to select
    }
  };
  return (
    <span>
      <button className="primary" onClick={copy} data-testid="copy-markdown">Copy as Markdown</button>{" "}
      {state === "copied" && <span className="muted">Copied.</span>}
      {state === "failed" && <span className="error-text">The browser refused the clipboard: select the text under “Markdown”.</span>}
    </span>
  );
}

export function RunbookView({ name }: { name: string }) {
  const { params, set } = useUrlState();
  const query = new URLSearchParams(PARAMS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))).toString();
  const q = useQuery(functionQueries.runbook(name, query));
  const explicit = params.get("from") || params.get("alarm");
  const windowValue = explicit ? null : (params.get("window") ?? DEFAULT_RUNBOOK_WINDOW);
  const days = params.get("baselineDays") ?? String(BASELINE_DAYS.default);

  return (
    <>
      <div className="toolbar">
        <span className="segmented" role="group" aria-label="Incident window">
          {RUNBOOK_WINDOWS.map((w) => (
            <button key={w} aria-pressed={windowValue === w} onClick={() => set({ window: w, from: null, to: null, alarm: null })}>
              last {w}
            </button>
          ))}
        </span>
        <label>
          baseline
          <select value={days} onChange={(e) => set({ baselineDays: e.target.value })} aria-label="Baseline days">
            {Array.from({ length: BASELINE_DAYS.max - BASELINE_DAYS.min + 1 }, (_, i) => String(i + BASELINE_DAYS.min)).map((d) => (
              <option key={d} value={d}>
                same hours, previous {d} day{d === "1" ? "" : "s"}
              </option>
            ))}
          </select>
        </label>
        {q.isFetching && <span className="muted">Checking every step…</span>}
      </div>
      {q.isPending && <div className="panel muted" data-testid="runbook-loading">Running the six steps on live data: one GetMetricData request and a few Logs Insights queries…</div>}
      {q.isError && <QueryError title="Runbook unavailable" error={q.error} />}
      {q.data && <RunbookBody data={q.data} />}
    </>
  );
}

function RunbookBody({ data }: { data: RunbookResult }) {
  return (
    <>
      <section className="panel runbook-summary" data-testid="runbook-summary" aria-label="Summary">
        <div className="muted">
          Window <b data-testid="runbook-window">{data.windowLabel}</b> against {data.baselineLabel}
          {data.alarm && (
            <>
              {" "}· from alarm <b>{data.alarm.name}</b> ({data.alarm.state}
              {data.alarm.since ? ` since ${formatUtc(data.alarm.since)}` : ""})
            </>
          )}
        </div>
        <p className="headline" data-testid="runbook-headline">{data.headline}</p>
        <CopyMarkdown markdown={data.markdown} />
        <details>
          <summary>Markdown</summary>
          <pre data-testid="runbook-markdown">{data.markdown}</pre>
        </details>
      </section>
      {data.steps.map((s) => (
        <Step key={s.step} step={s} incident={data.incident} />
      ))}
      <CostLine cost={data.cost} label={`Runbook (${(data.elapsedMs / 1000).toFixed(1)} s to gather)`} />
    </>
  );
}
