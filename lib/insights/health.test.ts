import { describe, expect, test } from "vitest";
import { toErrorSamples, toHealth } from "@/lib/insights/health";

// Rows as GetQueryResults returns them: every value a string, doubles in Java notation.
const row = (hour: string, invocations: string, coldStarts: string, maxUtil: string, avgInit: string) => ({
  hour, invocations, coldStarts, avgInitDurationMs: avgInit, coldStartPct: String((100 * Number(coldStarts)) / Number(invocations)),
  p99DurationMs: "412.5", maxUtilisationPct: maxUtil, p99UtilisationPct: "61.0", memorySizeMb: "1024.0",
});

describe("toHealth", () => {
  test("sorts hours, sums counts, and takes the overall cold-start rate from the sums", () => {
    const { points, summary } = toHealth([row("2026-11-20 11:00:00.000", "300.0", "3.0", "70.3125", "100.0"), row("2026-11-20 10:00:00.000", "100.0", "25.0", "50.0", "200.0")]);
    expect(points.map((p) => p.t)).toEqual([Date.UTC(2026, 10, 20, 10), Date.UTC(2026, 10, 20, 11)]);
    // (25 + 3) / (100 + 300) = 7 %, not the mean of 25 % and 1 % (13 %)
    expect(summary.coldStartPct).toBeCloseTo(7, 10);
    expect(summary.invocations).toBe(400);
    // init weighted by cold starts: (25 × 200 + 3 × 100) / 28 ms
    expect(summary.avgInitDurationMs).toBeCloseTo((25 * 200 + 3 * 100) / 28, 10);
    // 1,024 MB × (1 − 0.703125) = 304 MB never used at the peak
    expect(summary.maxUtilisationPct).toBe(70.3125);
    expect(summary.headroomMb).toBeCloseTo(304, 10);
  });

  test("no REPORT lines: no rate, no headroom, not zeros", () => {
    expect(toHealth([]).summary).toMatchObject({ invocations: 0, coldStartPct: null, headroomMb: null });
  });
});

describe("toErrorSamples", () => {
  test("names timeouts and OOM kills, strips the account from @log", () => {
    const [timeout, oom, app] = toErrorSamples([
      { "@timestamp": "2026-11-20 12:00:01.000", "@requestId": "a1b2c3d4-0000-4000-8000-000000000001", "@log": "123456789012:/aws/lambda/x", "@message": "2026-11-20T12:00:01.000Z a1b2c3d4-0000-4000-8000-000000000001 Task timed out after 30.00 seconds" },
      { "@timestamp": "2026-11-20 12:00:00.500", "@requestId": "a1b2c3d4-0000-4000-8000-000000000002", "@message": "REPORT RequestId: a1b2…\tStatus: error\tError Type: Runtime.OutOfMemory" },
      { "@timestamp": "2026-11-20 12:00:00.000", requestId: "a1b2c3d4-0000-4000-8000-000000000003", msg: "charge failed: card_declined", "@message": "{…}" },
    ]);
    expect(timeout).toMatchObject({ kind: "timeout", logGroup: "/aws/lambda/x", timestampMs: Date.UTC(2026, 10, 20, 12, 0, 1) });
    expect(oom.kind).toBe("out of memory");
    expect(app).toMatchObject({ kind: "error", message: "charge failed: card_declined", requestId: "a1b2c3d4-0000-4000-8000-000000000003" });
  });
});
