import { describe, expect, test } from "vitest";
import { deployedIn, evaluateRecentDeploy, rollbackCommand, type TrafficShift } from "@/lib/runbook/recent-deploy";

const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 12);
const base = {
  functionName: "checkout-api-prod",
  versions: [{ version: "4", publishedMs: T - 10 * 24 * H }, { version: "5", publishedMs: T - 5 * H }],
  alias: { name: "live", version: "5", additionalVersionWeights: {} },
  byVersion: [
    { version: "4", invocations: 20_000, errors: 20, p99DurationMs: 180 },
    { version: "5", invocations: 40_000, errors: 4_800, p99DurationMs: 185 },
  ],
  onsetMs: T - 5 * H + 5 * 60_000,
  shifts: [
    { fromMs: T - 24 * H, shares: { "4": 1 } },
    { fromMs: T - 5 * H, shares: { "4": 0.9, "5": 0.1 } },
    { fromMs: T - 4.5 * H, shares: { "5": 1 } },
  ] as TrafficShift[],
};

describe("step 5: recent deploy", () => {
  test("the bad deploy: v5 fails at 12 % vs 0.1 % for v4 right after it shipped → roll back to v4", () => {
    const r = evaluateRecentDeploy(base);
    expect(r.verdict).toBe("likely cause");
    expect(r.action).toContain(rollbackCommand("checkout-api-prod", "live", "4"));
    expect(r.summary).toContain("v5 12.0 % vs v4 0.1 %");
  });

  test("a deploy exactly at the onset counts, or up to 15 min after it (onsets are measured on 15-min windows); later does not", () => {
    expect(evaluateRecentDeploy({ ...base, onsetMs: T - 5 * H }).verdict).toBe("likely cause");
    expect(evaluateRecentDeploy({ ...base, onsetMs: T - 5 * H - 15 * 60_000 }).verdict).toBe("likely cause");
    expect(evaluateRecentDeploy({ ...base, onsetMs: T - 5 * H - 16 * 60_000 }).verdict).toBe("clear");
    expect(evaluateRecentDeploy({ ...base, onsetMs: T - 6 * H }).verdict).toBe("clear");
  });

  test("a deploy long before the onset is clear", () => {
    expect(evaluateRecentDeploy({ ...base, onsetMs: T - 1 * H }).verdict).toBe("clear");
  });

  test("a deploy near the onset whose version is no worse only contributes", () => {
    const healthy = { ...base, byVersion: [base.byVersion[0], { version: "5", invocations: 40_000, errors: 40, p99DurationMs: 180 }] };
    expect(evaluateRecentDeploy(healthy).verdict).toBe("contributing");
  });

  test("a slower new version is a likely cause too", () => {
    const slow = { ...base, byVersion: [base.byVersion[0], { version: "5", invocations: 40_000, errors: 40, p99DurationMs: 400 }] };
    expect(evaluateRecentDeploy(slow).verdict).toBe("likely cause");
  });

  test("the observed canary shift is evidence, with its times", () => {
    const r = evaluateRecentDeploy(base);
    expect(r.evidence).toContainEqual({ label: "Traffic from 2026-11-20 07:00 UTC", value: "v4 90 %, v5 10 %" });
    expect(r.evidence).toContainEqual({ label: "Traffic from 2026-11-20 07:30 UTC", value: "v5 100 %" });
  });

  test("the old version served nothing in the lookback: roll back to the version published before", () => {
    const r = evaluateRecentDeploy({ ...base, byVersion: [{ version: "5", invocations: 40_000, errors: 4_800, p99DurationMs: 185 }], onsetMs: T - 5 * H + 5 * 60_000 });
    expect(r.verdict).toBe("contributing"); // nothing to compare against: near the onset, but not proven worse
    expect(evaluateRecentDeploy({ ...base, byVersion: [{ version: "5", invocations: 40_000, errors: 4_800, p99DurationMs: 185 }], versions: [...base.versions] }).action).not.toContain("update-alias");
  });

  test("canary weights are shown", () => {
    const canary = { ...base, alias: { name: "live", version: "4", additionalVersionWeights: { "5": 0.1 } } };
    expect(evaluateRecentDeploy(canary).summary).toContain("10 % → v5");
  });

  test("nothing rose: clear; no versions: says so", () => {
    expect(evaluateRecentDeploy({ ...base, onsetMs: null }).verdict).toBe("clear");
    expect(evaluateRecentDeploy({ ...base, versions: [], byVersion: [] }).summary).toContain("$LATEST");
  });
});

test("a deploy exactly at the window's start is in it; one exactly at its end is not; the lookback's first segment is no deploy", () => {
  const window = { startMs: T - H, endMs: T };
  expect(deployedIn(window, [T - H], [])).toBe(true);
  expect(deployedIn(window, [T], [])).toBe(false);
  expect(deployedIn(window, [], [{ fromMs: T - 30 * 60_000, shares: { "4": 1 } }])).toBe(false);
  expect(deployedIn(window, [], [{ fromMs: T - 24 * H, shares: { "4": 1 } }, { fromMs: T - 30 * 60_000, shares: { "5": 1 } }])).toBe(true);
});
