"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { getJson } from "@/components/api";
import { ChartFrame, ChartLoading } from "@/components/charts/ChartFrame";
import { calculatorHref } from "@/components/cost/CostPanel";
import { WhatIfPanel } from "@/components/rightsizing/WhatIfPanel";
import { calculatorInputs, FIELDS, INPUT_KEYS, type ParsedInputs } from "@/components/cost/calculator-inputs";
import { TermsTable } from "@/components/cost/TermsTable";
import { useUrlState } from "@/components/useUrlState";
import { estimateMonthlyCost } from "@/lib/cost/lambda-cost";
import { actualLoad, breakEvenLoad, comparisonRows, DEFAULT_CONTAINER } from "@/lib/cost/lambda-vs-container";
import { ARCHITECTURES, HOURS_PER_MONTH, PRICED_REGIONS } from "@/lib/cost/prices";
import type { FunctionCost } from "@/lib/cost/function-cost";
import { formatUsd } from "@/lib/format";

const LoadChart = dynamic(() => import("@/components/cost/LoadChart").then((m) => m.LoadChart), { ssr: false, loading: ChartLoading });

type Inventory = { functions: { name: string }[] };

/** `parsed`: the URL's inputs checked on the server (app/calculator/page.tsx), so zod stays out of the browser. */
export function Calculator({ parsed }: { parsed: ParsedInputs }) {
  const { params, set } = useUrlState();
  const raw = calculatorInputs(params);
  const { input, error } = parsed;
  const estimate = input ? estimateMonthlyCost(input) : null;
  const containerText = params.get("containerUsdPerHour") ?? DEFAULT_CONTAINER.usdPerHour.toFixed(5);
  const containerUsdPerHour = Number(containerText) > 0 ? Number(containerText) : DEFAULT_CONTAINER.usdPerHour;
  const fn = params.get("fn") ?? "";
  const memoryFn = params.get("memoryFn") ?? "";

  const inventory = useQuery({ queryKey: ["inventory"], queryFn: ({ signal }) => getJson<Inventory>("/api/inventory", signal), staleTime: 300_000 });
  const prefill = async (name: string) => {
    if (!name) return set({ fn: null });
    const c = await getJson<FunctionCost>(`/api/functions/${encodeURIComponent(name)}/cost`);
    const href = calculatorHref(name, c);
    if (!href) return set({ fn: name });
    const next = Object.fromEntries(new URLSearchParams(href.split("?")[1]));
    set({ ...Object.fromEntries(INPUT_KEYS.map((k) => [k, null])), freeTier: "false", ...next });
  };

  return (
    <>
      <section className="panel" aria-label="Cost formula">
        <h2>Cost formula</h2>
        <div className="toolbar">
          <label>
            prefill from a function
            <select value={fn} onChange={(e) => void prefill(e.target.value)} aria-label="Prefill from a function" data-testid="prefill">
              <option value="">—</option>
              {(inventory.data?.functions ?? []).map((f) => (
                <option key={f.name}>{f.name}</option>
              ))}
            </select>
          </label>
          {fn && <span className="muted">its last 7 days, projected to a 730-hour month</span>}
        </div>
        <div className="calc-grid">
          {FIELDS.map((f) => (
            <label key={f.key}>
              {f.label}
              <input inputMode="decimal" value={raw[f.key] ?? ""} placeholder={f.hint} aria-label={f.label} data-field={f.key} onChange={(e) => set({ [f.key]: e.target.value, fn: null })} />
            </label>
          ))}
          <label>
            Architecture
            <select value={raw.architecture} onChange={(e) => set({ architecture: e.target.value })} aria-label="Architecture" data-field="architecture">
              {ARCHITECTURES.map((a) => (
                <option key={a}>{a}</option>
              ))}
            </select>
          </label>
          <label>
            Region
            <select value={raw.region ?? "us-east-1"} onChange={(e) => set({ region: e.target.value })} aria-label="Region">
              {PRICED_REGIONS.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={raw.freeTier === "true"} onChange={(e) => set({ freeTier: e.target.checked ? "true" : "false" })} data-field="freeTier" /> apply the account&apos;s free tier
          </label>
        </div>
        {error && (
          <div className="error-box" role="alert" data-testid="calc-error">
            <b>{error.field}</b>: {error.message}
          </div>
        )}
        {estimate && <TermsTable terms={estimate.terms} totalUsd={estimate.totalUsd} testId="calc-terms" />}
      </section>
      {input && <ContainerComparison input={input} containerText={containerText} containerUsdPerHour={containerUsdPerHour} onPrice={(v) => set({ containerUsdPerHour: v })} />}
      <section className="panel" aria-label="Memory what-if">
        <h2>Memory what-if</h2>
        <div className="toolbar">
          <label>
            function
            <select value={memoryFn} onChange={(e) => set({ memoryFn: e.target.value || null })} aria-label="Memory what-if function" data-testid="memory-fn">
              <option value="">—</option>
              {(inventory.data?.functions ?? []).map((f) => (
                <option key={f.name}>{f.name}</option>
              ))}
            </select>
          </label>
          <span className="muted">duration and cost at any memory size, projected from the function&apos;s own REPORT lines (see the right-sizing model in the README)</span>
        </div>
      </section>
      {memoryFn && <WhatIfPanel name={memoryFn} eager />}
    </>
  );
}

function ContainerComparison(p: { input: Parameters<typeof estimateMonthlyCost>[0]; containerText: string; containerUsdPerHour: number; onPrice: (v: string) => void }) {
  const { input, containerUsdPerHour } = p;
  const fn = { durationMs: input.durationMs, memoryMb: input.memoryMb, architecture: input.architecture, region: input.region };
  const rows = comparisonRows(fn, containerUsdPerHour);
  const breakEven = breakEvenLoad(fn, containerUsdPerHour);
  const load = actualLoad(input.requests, input.durationMs);
  const environments = Math.max(1, Math.ceil(load));
  const perEnvironmentLoad = load / environments;
  return (
    <section className="panel" aria-label="Lambda or a container">
      <h2>Lambda or an always-on container</h2>
      <div className="toolbar">
        <label>
          container $ / hour
          <input value={p.containerText} onChange={(e) => p.onPrice(e.target.value)} aria-label="Container price per hour" style={{ width: 90 }} />
        </label>
        <span className="muted">
          default: a Fargate task, 1 vCPU + 2 GB, x86, us-east-1 (${DEFAULT_CONTAINER.usdPerHour.toFixed(5)}/h = {formatUsd(DEFAULT_CONTAINER.usdPerHour * HOURS_PER_MONTH)} a month)
        </span>
      </div>
      <p data-testid="break-even">
        {breakEven === null ? (
          <>Lambda stays cheaper than this container even at 100 % load.</>
        ) : (
          <>
            Break-even at <b>{(breakEven * 100).toFixed(1)} %</b> load: below it Lambda is cheaper, above it the container.
          </>
        )}{" "}
        These inputs keep {environments === 1 ? "one environment" : `${environments} environments`} busy <b data-testid="actual-load">{(perEnvironmentLoad * 100).toFixed(1)} %</b> of the time
        {environments > 1 ? ` (compared with ${environments} containers)` : ""}.
      </p>
      <ChartFrame height={260}>
        <LoadChart rows={rows} breakEven={breakEven} perEnvironmentLoad={perEnvironmentLoad} />
      </ChartFrame>
      <p className="muted" style={{ fontSize: 12 }}>
        Load is the share of the month one execution environment is busy. Lambda&apos;s cost grows with it (requests and GB-s at list price, no free tier); the container&apos;s does not. The rule
        of thumb puts the break-even near 30 % of constant load; it moves with memory, duration and architecture, and a container needs headroom for peaks that Lambda absorbs.
      </p>
    </section>
  );
}
