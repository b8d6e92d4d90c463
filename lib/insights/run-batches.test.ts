import { afterAll, beforeAll, expect, test } from "vitest";
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CostLedger } from "@/lib/cost/observation-cost";
import { runOverLogGroups } from "@/lib/insights/run-batches";
import { Semaphore } from "@/lib/insights/semaphore";
import { startSim, type RunningSim } from "@/sim/server";
import { CREDENTIALS, control, fixedModel, NOW_MS } from "@/sim/test/helpers";

let sim: RunningSim;
let client: CloudWatchLogsClient;

// 120 log groups of real-shaped REPORT lines: more than two StartQuery calls can hold.
const GROUPS = Array.from({ length: 120 }, (_, i) => `/aws/lambda/imported-${String(i).padStart(3, "0")}`);

beforeAll(async () => {
  sim = await startSim({ port: 0, model: fixedModel() });
  client = new CloudWatchLogsClient({ endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS });
  for (const [i, logGroupName] of GROUPS.entries()) {
    await client.send(new CreateLogGroupCommand({ logGroupName }));
    await client.send(new CreateLogStreamCommand({ logGroupName, logStreamName: "2026/11/20/[$LATEST]0123456789abcdef" }));
    const events = Array.from({ length: (i % 3) + 1 }, (_, k) => ({
      timestamp: NOW_MS - 60_000 + k,
      message: `REPORT RequestId: 3604209a-e9a3-11e6-939a-754dd98c7be${k}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 18 MB\t`,
    }));
    await client.send(new PutLogEventsCommand({ logGroupName, logStreamName: "2026/11/20/[$LATEST]0123456789abcdef", logEvents: events }));
  }
});
afterAll(() => sim.close());

test("120 log groups run as ceil(120/50) = 3 queries whose per-group rows are joined", async () => {
  await control(sim, "DELETE", "meter");
  const progress: number[] = [];
  const result = await runOverLogGroups(
    client,
    { logGroupNames: GROUPS, queryString: 'filter @type = "REPORT" | stats count(*) as invocations by @log', startMs: NOW_MS - 3_600_000, endMs: NOW_MS },
    { ledger: new CostLedger(), semaphore: new Semaphore(2), deadlineMs: Date.now() + 60_000, onProgress: (p) => progress.push(p.recordsScanned) },
  );
  expect(result.queries).toBe(3);
  expect(result.rows).toHaveLength(120);
  // groups i = 0,1,2 mod 3 hold 1,2,3 lines: 40 × (1 + 2 + 3) = 240
  expect(result.rows.reduce((a, r) => a + Number(r.invocations), 0)).toBe(240);
  expect(result.statistics.recordsScanned).toBe(240);
  expect(Math.max(...progress)).toBe(240);
  const meter = (await control<{ requests: Record<string, number> }>(sim, "GET", "meter")).json;
  expect(meter.requests["logs:StartQuery"]).toBe(3);
});
