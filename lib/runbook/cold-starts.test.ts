import { describe, expect, test } from "vitest";
import { evaluateColdStarts } from "@/lib/runbook/cold-starts";

const baseline = { invocations: 1_000, coldStarts: 10, avgInitDurationMs: 120, p50DurationMs: 200 }; // 1 %
const input = (incident: { invocations: number; coldStarts: number }, extra = {}) => ({
  incident: { ...incident, avgInitDurationMs: 130, p50DurationMs: 200 },
  baseline,
  deployInWindow: false,
  outOfMemoryKills: 0,
  ...extra,
});

describe("step 2: cold-start rate", () => {
  test("as at baseline: clear", () => {
    expect(evaluateColdStarts(input({ invocations: 1_000, coldStarts: 12 })).verdict).toBe("clear");
  });

  test("8 % against 1 % without more traffic: likely cause, environments recycled", () => {
    const r = evaluateColdStarts(input({ invocations: 1_000, coldStarts: 80 }));
    expect(r.verdict).toBe("likely cause");
    expect(r.summary).toContain("recycled without a traffic surge");
  });

  test("the same rise with traffic × 2 is explained by the surge", () => {
    const r = evaluateColdStarts(input({ invocations: 2_000, coldStarts: 160 }));
    expect(r.verdict).toBe("likely cause");
    expect(r.summary).toContain("traffic is up 100 %");
    expect(r.action).toContain("provisioned concurrency");
  });

  test("a deploy, or OOM kills, is named as the reason", () => {
    expect(evaluateColdStarts(input({ invocations: 1_000, coldStarts: 80 }, { deployInWindow: true })).summary).toContain("deploy");
    expect(evaluateColdStarts(input({ invocations: 1_000, coldStarts: 80 }, { outOfMemoryKills: 4 })).action).toContain("step 4");
  });

  test("1.6 × baseline at a low rate only contributes", () => {
    // 16 / 1,000 = 1.6 % vs 1 %: × 1.6, under the 5 % floor for a likely cause
    expect(evaluateColdStarts(input({ invocations: 1_000, coldStarts: 16 })).verdict).toBe("contributing");
  });

  test("no baseline cold starts: judged on the rate alone", () => {
    const r = evaluateColdStarts({ ...input({ invocations: 100, coldStarts: 70 }), baseline: { invocations: 100, coldStarts: 0, avgInitDurationMs: null, p50DurationMs: null } });
    expect(r.verdict).toBe("likely cause");
  });

  test("chronic: 70 % cold at baseline too is still the likely cause, with provisioned concurrency as the action", () => {
    const r = evaluateColdStarts({ ...input({ invocations: 100, coldStarts: 70 }), baseline: { invocations: 300, coldStarts: 200, avgInitDurationMs: 250, p50DurationMs: 200 } });
    expect(r.verdict).toBe("likely cause");
    expect(r.summary).toContain("too sparse or bursty");
    expect(r.action).toContain("provisioned concurrency");
    // 19 % against 18 %: below the chronic floor and no rise → clear
    expect(evaluateColdStarts({ ...input({ invocations: 100, coldStarts: 19 }), baseline: { invocations: 100, coldStarts: 18, avgInitDurationMs: 250, p50DurationMs: 200 } }).verdict).toBe("clear");
    // 24 % cold, as always, but 380 ms of init before 55 s of work: not worth a verdict (reporting-export-prod)
    const long = { invocations: 187, coldStarts: 45, avgInitDurationMs: 380, p50DurationMs: 55_000 };
    expect(evaluateColdStarts({ incident: long, baseline: { ...long, coldStarts: 46 }, deployInWindow: false, outOfMemoryKills: 0 }).verdict).toBe("clear");
  });

  test("a rare cold start is noise: 0.09 % against 0.05 % is × 1.8 but clear", () => {
    // checkout-api-prod on a busy afternoon: 9 of 10,000 against 5 of 10,000
    const r = evaluateColdStarts({ ...input({ invocations: 10_000, coldStarts: 9 }), baseline: { invocations: 10_000, coldStarts: 5, avgInitDurationMs: 90, p50DurationMs: 100 } });
    expect(r.verdict).toBe("clear");
  });

  test("logs unavailable: could not check", () => {
    expect(evaluateColdStarts(null, "logs:StartQuery denied").verdict).toBe("could not check");
  });
});
