// The costs that bite teams, found in a function's own terms. Pure, shared with the browser.
import type { CostTerm } from "@/lib/cost/lambda-cost";

/** Lambda's own START, END and REPORT lines: ~300 bytes an invocation that no log level removes. */
export const PLATFORM_BYTES_PER_INVOCATION = 300;
/** Traces worth a look once they cost this share of the compute. */
export const TRACE_SHARE_OF_COMPUTE = 0.25;

export type HiddenCost = { kind: "logs" | "traces"; title: string; detail: string; monthlyUsd: number; savingUsd: number };

const usd = (v: number) => `$${v.toFixed(2)}`;
const sumOf = (terms: readonly CostTerm[], test: (t: CostTerm) => boolean) => terms.filter(test).reduce((a, t) => a + t.exactUsd, 0);

export function hiddenCosts(p: {
  terms: readonly CostTerm[];
  invocations: number; // in the sample the terms were projected from
  logBytes: number | null; // in the sample
  logLevel: string | null; // ApplicationLogLevel (JSON format only), else null
  sampling: { rule: string; fixedRate: number; reservoirSize: number } | null;
  tracesRecorded: number | null; // in the sample, under that sampling
  tracesAtLambdaDefault: number | null; // in the sample, had Lambda's own 1/s + 5 % applied
}): HiddenCost[] {
  const compute = sumOf(p.terms, (t) => t.name.startsWith("Lambda ") || t.name.includes("rovisioned"));
  const logs = sumOf(p.terms, (t) => t.name === "CloudWatch Logs ingestion");
  const traces = p.terms.find((t) => t.name === "X-Ray traces recorded");
  const found: HiddenCost[] = [];
  if (p.logBytes !== null && logs > compute && p.invocations > 0) {
    const perInvocation = p.logBytes / p.invocations;
    const saving = logs * Math.max(0, 1 - PLATFORM_BYTES_PER_INVOCATION / perInvocation);
    found.push({
      kind: "logs",
      title: "Logs cost more than the compute",
      detail: `${Math.round(perInvocation).toLocaleString("en-US")} bytes of logs per invocation (log level ${p.logLevel ?? "not set: Text format logs everything"}) cost ${usd(logs)} a month against ${usd(compute)} of compute. Debug logging left on is the usual cause: with only Lambda's own ~${PLATFORM_BYTES_PER_INVOCATION} bytes an invocation, logs would cost ${usd(logs - saving)}.`,
      monthlyUsd: logs,
      savingUsd: saving,
    });
  }
  if (traces && p.sampling && traces.exactUsd >= TRACE_SHARE_OF_COMPUTE * compute && traces.exactUsd > 0) {
    const everything = p.sampling.fixedRate >= 0.5;
    const atDefault = p.tracesRecorded && p.tracesAtLambdaDefault !== null ? traces.exactUsd * (p.tracesAtLambdaDefault / p.tracesRecorded) : traces.exactUsd;
    found.push({
      kind: "traces",
      title: everything ? "Every request is traced" : "X-Ray costs a large share of the compute",
      detail: `X-Ray traces cost ${usd(traces.exactUsd)} a month against ${usd(compute)} of compute; sampling: ${p.sampling.rule} (${Math.round(p.sampling.fixedRate * 100)} % after ${p.sampling.reservoirSize}/s).${everything ? ` At Lambda's default (1 a second + 5 %) they would cost ${usd(atDefault)}.` : ""}`,
      monthlyUsd: traces.exactUsd,
      savingUsd: everything ? traces.exactUsd - atDefault : 0,
    });
  }
  return found;
}
