import { describe, expect, test } from "vitest";
import { baselineSpans, incidentSpan, spanLabel } from "@/lib/runbook/windows";

const NOW = Date.UTC(2026, 10, 23, 11, 53, 27); // 11:53:27 UTC
const at = (h: number, m = 0) => Date.UTC(2026, 10, 23, h, m);

describe("incidentSpan", () => {
  test("a preset ends at the current minute", () => {
    expect(incidentSpan({ kind: "preset", window: "1h" }, NOW)).toEqual({ startMs: at(10, 53), endMs: at(11, 53) });
    expect(incidentSpan({ kind: "preset", window: "15m" }, NOW)).toEqual({ startMs: at(11, 38), endMs: at(11, 53) });
  });

  test("from/to is minute-aligned and never reaches past now", () => {
    expect(incidentSpan({ kind: "range", fromMs: at(9, 0) + 30_000, toMs: at(10, 0) + 59_000 }, NOW)).toEqual({ startMs: at(9, 0), endMs: at(10, 0) });
    expect(incidentSpan({ kind: "range", fromMs: at(11, 0), toMs: at(13, 0) }, NOW)).toEqual({ startMs: at(11, 0), endMs: at(11, 53) });
  });

  test("an alarm's window starts at its state change, capped to a day", () => {
    expect(incidentSpan({ kind: "alarm", alarm: "x", sinceMs: at(7, 22) }, NOW)).toEqual({ startMs: at(7, 22), endMs: at(11, 53) });
    expect(incidentSpan({ kind: "alarm", alarm: "x", sinceMs: at(7, 22) - 3 * 86_400_000 }, NOW).startMs).toBe(at(11, 53) - 86_400_000);
  });

  test("an alarm that changed state a minute ago still gets 5 minutes", () => {
    expect(incidentSpan({ kind: "alarm", alarm: "x", sinceMs: at(11, 52) }, NOW)).toEqual({ startMs: at(11, 48), endMs: at(11, 53) });
  });
});

test("baselines are the same span on each previous day, most recent first", () => {
  const spans = baselineSpans({ startMs: at(10, 53), endMs: at(11, 53) }, 3);
  expect(spans.map(spanLabel)).toEqual(["2026-11-22 10:53–11:53 UTC", "2026-11-21 10:53–11:53 UTC", "2026-11-20 10:53–11:53 UTC"]);
});

test("a span across midnight is labelled with both dates", () => {
  expect(spanLabel({ startMs: Date.UTC(2026, 10, 22, 23, 30), endMs: Date.UTC(2026, 10, 23, 0, 30) })).toBe("2026-11-22 23:30–2026-11-23 00:30 UTC");
});
