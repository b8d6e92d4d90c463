// Shared by the logs-*.test.ts files: a CloudWatch Logs client on the demo account and a query
// runner that polls GetQueryResults until a terminal status, keeping every poll's answer.
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  type GetQueryResultsCommandOutput,
  type StartQueryCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";
import type { RunningSim } from "../server";
import { CREDENTIALS, MINUTE_MS } from "./helpers";

export function logsClient(sim: RunningSim, extra: { maxAttempts?: number } = {}) {
  return new CloudWatchLogsClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS, ...extra });
}

export const seconds = (ms: number) => Math.floor(ms / 1000);
export const groupOf = (sim: RunningSim, fn: string) => sim.model.fleet.byName.get(fn)!.logGroup;

const TERMINAL = new Set(["Complete", "Failed", "Cancelled", "Timeout", "Unknown"]);

export interface QueryRun {
  queryId: string;
  final: GetQueryResultsCommandOutput;
  polls: GetQueryResultsCommandOutput[];
}

export async function runQuery(logs: CloudWatchLogsClient, input: StartQueryCommandInput, pollMs = 50): Promise<QueryRun> {
  const { queryId } = await logs.send(new StartQueryCommand(input));
  const polls: GetQueryResultsCommandOutput[] = [];
  for (;;) {
    const out = await logs.send(new GetQueryResultsCommand({ queryId }));
    polls.push(out);
    if (TERMINAL.has(out.status ?? "Unknown")) return { queryId: queryId!, final: out, polls };
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** The rows of a result as plain objects (values stay strings, as on the wire). */
export function rows(out: GetQueryResultsCommandOutput): Record<string, string>[] {
  return (out.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field!, f.value!])));
}

/** A window of whole minutes ending `endMs`, as StartQuery's epoch seconds. */
export function window(endMs: number, minutes: number) {
  const end = Math.floor(endMs / MINUTE_MS) * MINUTE_MS;
  return { startMs: end - minutes * MINUTE_MS, endMs: end, startTime: seconds(end - minutes * MINUTE_MS), endTime: seconds(end) };
}
