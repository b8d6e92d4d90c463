import { describe, expect, test } from "vitest";
import { evaluateColdStarts } from "@/lib/runbook/cold-starts";

const baseline = { invocations: 1_000, coldStarts: 10, avgInitDurationMs: 120 }; // 1 %
const input = (incident: { invocations: number; coldStarts: number }, extra = {}) => ({
  incident: { ...incident, avgInitDurationMs: 130 },
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
    const r = evaluateColdStarts({ ...input({ invocations: 100, coldStarts: 70 }), baseline: { invocations: 100, coldStarts: 0, avgInitDurationMs: null } });
    expect(r.verdict).toBe("likely cause");
  });

  test("logs unavailable: could not check", () => {
    expect(evaluateColdStarts(null, "logs:StartQuery denied").verdict).toBe("could not check");
  });
});
