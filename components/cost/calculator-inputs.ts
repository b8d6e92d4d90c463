// The calculator's inputs as they sit in the URL. Shared by the page (a server component, which
// checks them with zod: zod is ~34 kB gzip the browser need not load) and the form (a client one).
import type { EstimateInput } from "@/lib/cost/lambda-cost";

// The defaults are AWS's own first pricing example (mobile backend), so the page opens on a sum
// anyone can check against https://aws.amazon.com/lambda/pricing/.
const DEFAULTS: Record<string, string> = { requests: "3000000", durationMs: "120", memoryMb: "1536", architecture: "x86_64", freeTier: "true" };
export const FIELDS: { key: string; label: string; hint: string }[] = [
  { key: "requests", label: "Requests a month", hint: "" },
  { key: "durationMs", label: "Billed duration (ms)", hint: "average per invocation, INIT included" },
  { key: "memoryMb", label: "Memory (MB)", hint: "128–10,240" },
  { key: "ephemeralStorageMb", label: "Ephemeral storage (MB)", hint: "512 free" },
  { key: "provisionedConcurrency", label: "Provisioned concurrency", hint: "environments" },
  { key: "provisionedHours", label: "…enabled hours", hint: "of 730" },
  { key: "logGb", label: "Logs ingested (GB)", hint: "" },
  { key: "xrayTraces", label: "X-Ray traces", hint: "recorded" },
];
export const INPUT_KEYS = [...FIELDS.map((f) => f.key), "architecture", "freeTier", "region"];

/** The inputs the URL sets, defaults filled in, empty ones left out. */
export const calculatorInputs = (params: { get(key: string): string | null }): Record<string, string> =>
  Object.fromEntries(INPUT_KEYS.map((k) => [k, params.get(k) ?? DEFAULTS[k] ?? ""]).filter(([, v]) => v !== ""));

/** Either the checked input or the first problem with it, as plain props. */
export type ParsedInputs = { input: EstimateInput; error: null } | { input: null; error: { field: string; message: string } };
