// Talks to the demo account's control path (/_sim/) and, through the real SDK, to its AWS API:
// tests check what the dashboard shows against what the account holds.
import { LambdaClient, paginateListFunctions } from "@aws-sdk/client-lambda";

export const SIM_URL = process.env.E2E_SIM_URL ?? "http://127.0.0.1:4610";

export async function injectFault(action: string, fault: "throttle" | "accessDenied" | "latency" | "error5xx", extra: Record<string, unknown> = {}) {
  const res = await fetch(`${SIM_URL}/_sim/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action, fault, ...extra }) });
  if (!res.ok) throw new Error(`fault injection failed: ${res.status} ${await res.text()}`);
}

export const clearFaults = () => fetch(`${SIM_URL}/_sim/faults`, { method: "DELETE" });

export async function meter(): Promise<{ requests: Record<string, number>; getMetricData: { calls: number; metricsRequested: number } }> {
  return (await fetch(`${SIM_URL}/_sim/meter`)).json();
}

export const resetMeter = () => fetch(`${SIM_URL}/_sim/meter`, { method: "DELETE" });

export async function functionNames(): Promise<string[]> {
  const client = new LambdaClient({ endpoint: SIM_URL, region: "us-east-1", credentials: { accessKeyId: "demo", secretAccessKey: "demo" } });
  const names: string[] = [];
  for await (const page of paginateListFunctions({ client }, {})) names.push(...(page.Functions ?? []).map((f) => f.FunctionName!));
  return names;
}
