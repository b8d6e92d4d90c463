// Timings are printed, not asserted: this 2-core VM is shared and its numbers vary by ±30 %.
import { expect, test } from "vitest";
import { createModel, modelStats } from "./index";
import { ANCHOR_MS, DAY_MS } from "./test-support";

const OVERVIEW: [string, string][] = [["Invocations", "Sum"], ["Errors", "Sum"], ["Throttles", "Sum"], ["Duration", "p99"], ["ConcurrentExecutions", "Maximum"]];

function overview(functionCount: number, maxBlocks?: number) {
  const model = createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS, functionCount, maxBlocks });
  const startedMs = performance.now();
  let datapoints = 0;
  for (const fn of model.fleet.functions) {
    for (const [metricName, stat] of OVERVIEW) {
      const s = model.metricSeries({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: fn.name }, stat, startMs: ANCHOR_MS - DAY_MS, endMs: ANCHOR_MS, periodS: 300 });
      datapoints += s!.values.length;
    }
  }
  return { model, elapsedMs: performance.now() - startedMs, datapoints };
}

test("timing: 24 h of the overview metrics for 40 and 1,000 functions, cold cache", { timeout: 120_000 }, () => {
  // The first run also pays for JIT warm-up; the second 40 shows a fresh cache in a warm process.
  for (const functionCount of [40, 40, 1000]) {
    const before = process.memoryUsage();
    const { model, elapsedMs, datapoints } = overview(functionCount);
    const after = process.memoryUsage();
    const stats = modelStats(model);
    const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);
    console.log(
      `[sim/model] ${functionCount} functions × 24 h × ${OVERVIEW.length} metrics: ${elapsedMs.toFixed(0)} ms cold, ` +
        `${datapoints} datapoints, ${stats.blocksComputed} blocks; heap +${mb(after.heapUsed - before.heapUsed)} MB, ` +
        `array buffers +${mb(after.arrayBuffers - before.arrayBuffers)} MB, rss ${mb(after.rss)} MB`,
    );
    expect(stats.blocksComputed).toBe(functionCount * 24);
  }
});

test("the block cache stays within its bound", () => {
  const { model } = overview(40, 100);
  expect(modelStats(model).blocksCached).toBe(100);
  expect(modelStats(model).blocksComputed).toBeGreaterThan(100);
});
