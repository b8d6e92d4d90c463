import { expect, test } from "vitest";
import { evaluateProfile } from "@/lib/runbook/profile";

test("step 6: a Go function 2× slower with no downstream cause gets the pprof steps", () => {
  const r = evaluateProfile({ runtime: "provided.al2023", warmP99Rise: 2, downstreamExplains: false, cpuBound: true });
  expect(r.verdict).toBe("likely cause");
  expect(r.action).toContain("go tool pprof");
});

test("step 6: explained downstream, or not slower: clear", () => {
  expect(evaluateProfile({ runtime: "provided.al2023", warmP99Rise: 2.9, downstreamExplains: true, cpuBound: null }).verdict).toBe("clear");
  expect(evaluateProfile({ runtime: "nodejs20.x", warmP99Rise: 1.05, downstreamExplains: false, cpuBound: null }).verdict).toBe("clear");
});

test("step 6: slower without evidence of CPU only contributes; other runtimes get their profiler", () => {
  const r = evaluateProfile({ runtime: "nodejs20.x", warmP99Rise: 1.6, downstreamExplains: false, cpuBound: null });
  expect(r.verdict).toBe("contributing");
  expect(r.action).toContain("--cpu-prof");
});
