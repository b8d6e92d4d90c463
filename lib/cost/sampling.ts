// Which X-Ray sampling applies to a function's traces. Pure, shared with the browser.
//
// Lambda does not read sampling rules: invoked directly, an Active-tracing function records the
// first request each second and 5 % of the rest, and "you can't configure the X-Ray sampling rate
// for your functions" (Lambda Developer Guide, services-xray). Sampling is parent-based, so a rule
// on the entry point in front of it (an API Gateway stage, AppSync) decides instead (X-Ray Developer
// Guide, xray-console-sampling). We match a rule to a function when its ServiceName names an entry
// point `<api>/<stage>` whose `<api>-<stage>` is the function's name — a naming convention, stated.

export type SamplingRule = { name: string; priority: number; fixedRate: number; reservoirSize: number; serviceName: string; serviceType: string };

/** Lambda's own sampling, and the X-Ray Default rule: 1 request a second, then 5 %. */
export const LAMBDA_DEFAULT: SamplingRule = { name: "Lambda (fixed)", priority: Infinity, fixedRate: 0.05, reservoirSize: 1, serviceName: "*", serviceType: "*" };

const globToRegExp = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);

/** The rule of the entry point in front of `functionName`, if a non-wildcard rule names one; else Lambda's fixed sampling. */
export function samplingFor(functionName: string, rules: readonly SamplingRule[]): SamplingRule {
  const entryRules = rules
    .filter((r) => r.serviceName !== "*" && r.serviceName.includes("/"))
    .filter((r) => globToRegExp(r.serviceName.replace("/", "-")).test(functionName))
    .sort((a, b) => a.priority - b.priority);
  return entryRules[0] ?? LAMBDA_DEFAULT;
}

/** Traces recorded from hourly invocation counts: the reservoir (per second) first, then the fixed rate. */
export function tracesRecorded(invocationsPerHour: readonly number[], rule: SamplingRule): number {
  const reservoir = rule.reservoirSize * 3600;
  return invocationsPerHour.reduce((a, n) => a + Math.min(n, reservoir) + rule.fixedRate * Math.max(0, n - reservoir), 0);
}
