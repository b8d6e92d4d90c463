import { describe, expect, test } from "vitest";
import { evaluateDownstream } from "@/lib/runbook/downstream";

const deps = [
  { dependency: "dynamodb", target: "products", incidentP99Ms: 250, baselineP99Ms: 40, calls: 9_000 },
  { dependency: "http", target: "ranking-api.internal", incidentP99Ms: 31, baselineP99Ms: 30, calls: 9_000 },
];
const input = (incident: number, baseline = 120) => ({ warmP99Ms: { incident, baseline }, dependencies: deps, concurrency: { incidentPeak: 3, baselinePeak: 3 } });

describe("step 3: downstream latency", () => {
  test("p99 × 2.9 with the products table 6× slower: likely cause, the table is named", () => {
    const r = evaluateDownstream(input(350));
    expect(r.verdict).toBe("likely cause");
    expect(r.summary).toContain("dynamodb products p99 went from 40 ms to 250 ms");
    expect(r.action).toContain("dynamodb products");
  });

  test("× 1.3 contributes; × 1.1 is clear", () => {
    expect(evaluateDownstream(input(156)).verdict).toBe("contributing");
    expect(evaluateDownstream(input(132)).verdict).toBe("clear");
  });

  test("slower with no dependency slower: the code itself, profile it", () => {
    const r = evaluateDownstream({ ...input(350), dependencies: [deps[1]] });
    expect(r.action).toContain("step 6");
  });

  test("no baseline: clear, not a division by zero", () => {
    expect(evaluateDownstream({ ...input(350), warmP99Ms: { incident: 350, baseline: null } }).verdict).toBe("clear");
  });
});
