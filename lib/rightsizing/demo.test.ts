import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { CostLedger } from "@/lib/cost/observation-cost";
import { listFunctions } from "@/lib/functions/list-functions";
import { Semaphore } from "@/lib/insights/semaphore";
import { rowsFrom, scanFleet, type RightsizingRow } from "@/lib/rightsizing/data";
import { durationRatio } from "@/lib/rightsizing/model";
import { invocationsOfMinute, type FunctionSpec } from "@/sim/model";
import { startSim, type RunningSim } from "@/sim/server";
import { CREDENTIALS, DAY_MS, HOUR_MS, MINUTE_MS, NOW_MS, fixedModel } from "@/sim/test/helpers";

// Right-sizing of the demo fleet over its last day, against the demo account's own model.
const model = fixedModel();
let sim: RunningSim;
let rows: Map<string, RightsizingRow>;

beforeAll(async () => {
  sim = await startSim({ port: 0, model });
  const config = { endpoint: sim.url, region: "us-east-1", credentials: CREDENTIALS };
  const clients = { lambda: new LambdaClient(config), cloudwatch: new CloudWatchClient(config), logs: new CloudWatchLogsClient(config) };
  const ledger = new CostLedger();
  const functions = await listFunctions(clients.lambda, ledger);
  const window = { startMs: NOW_MS - DAY_MS, endMs: NOW_MS };
  const scanned = await scanFleet(clients, functions, window, new Semaphore(8), ledger);
  rows = new Map(rowsFrom(functions, scanned, 1, "us-east-1", null, null).map((r) => [r.name, r]));
}, 180_000);
afterAll(() => sim.close());

/** Mean duration of `name` over six hours of the window, had it run at `memoryMb`: the demo account's truth. */
function trueMeanMs(name: string, memoryMb: number): number {
  const spec = model.fleet.byName.get(name)!;
  const copy: FunctionSpec = { ...spec, memoryMb, versions: spec.versions.map((v) => ({ ...v, memoryMb })) };
  let sum = 0;
  let n = 0;
  for (let m = NOW_MS - 6 * HOUR_MS; m < NOW_MS; m += MINUTE_MS) invocationsOfMinute(model, copy, m, (r) => void ((sum += r.durationMs), n++));
  return sum / n;
}

const projectedMeanMs = (r: RightsizingRow, memoryMb: number) => r.stats!.avgDurationMs * durationRatio(r.stats!.memoryMb, memoryMb, r.recommendation!.split.share, r.recommendation!.split.threads);

describe("the demo fleet", () => {
  test("the over-provisioned thumbnailer gets a much smaller size and the largest saving", () => {
    const thumb = rows.get("catalog-thumbnailer-prod")!.recommendation!;
    expect(thumb.finding).toBe("over-provisioned");
    expect(thumb.split.source).toBe("lambda-insights");
    expect(thumb.recommendedMb).toBeLessThan(1024);
    const largest = [...rows.values()].reduce((a, b) => ((b.recommendation?.savingUsd ?? 0) > (a.recommendation?.savingUsd ?? 0) ? b : a));
    expect(largest.name).toBe("catalog-thumbnailer-prod");
  });

  test("the near-OOM export gets more memory", () => {
    const r = rows.get("reporting-export-prod")!.recommendation!;
    expect(r.finding).toBe("under-provisioned");
    expect(r.recommendedMb).toBeGreaterThan(1024);
    expect(r.risk).toBe("High");
  });

  test("healthy functions are left alone", () => {
    for (const name of ["checkout-cart-prod", "identity-auth-prod"]) {
      const r = rows.get(name)!.recommendation!;
      expect(r.finding, name).toBe("optimal");
      expect(r.recommendedMb, name).toBe(r.currentMb);
    }
  });

  test("the projected duration at the recommended size is within 10 % of the demo account's model", () => {
    for (const name of ["catalog-thumbnailer-prod", "reporting-export-prod"]) {
      const row = rows.get(name)!;
      const mb = row.recommendation!.recommendedMb!;
      const projected = projectedMeanMs(row, mb);
      const truth = trueMeanMs(name, mb);
      console.log(`[rightsizing] ${name}: ${row.recommendation!.currentMb} → ${mb} MB, mean duration projected ${projected.toFixed(1)} ms, demo model ${truth.toFixed(1)} ms (${((projected / truth - 1) * 100).toFixed(1)} %)`);
      expect(Math.abs(projected / truth - 1), `${name} at ${mb} MB: projected ${projected.toFixed(1)} ms, model ${truth.toFixed(1)} ms`).toBeLessThan(0.1);
    }
  });
});
