import { describe, expect, test } from "vitest";
import { createModel, invocationsOfMinute } from "./index";
import { ANCHOR_MS, DAY_MS, HOUR_MS, MINUTE_MS, series, total } from "./test-support";

const model = createModel({ anchorMs: ANCHOR_MS, fixedNowMs: ANCHOR_MS });
const fn = (name: string) => ({ FunctionName: name });
const LAST_DAY = [ANCHOR_MS - DAY_MS, ANCHOR_MS] as const;
const INCIDENT_NAMES = new Set(model.fleet.functions.filter((f) => f.incident).map((f) => f.name));

function coldShare(name: string, fromMs: number, toMs: number): { cold: number; invocations: number } {
  const out = { cold: 0, invocations: 0 };
  for (let m = fromMs; m < toMs; m += MINUTE_MS) {
    invocationsOfMinute(model, name, m, (r) => {
      out.invocations++;
      if (r.coldStart) out.cold++;
    });
  }
  return out;
}

describe("scripted incidents", () => {
  test("throttled: payments-webhook-prod has Throttles in the last 24 h, every other function none", () => {
    for (const spec of model.fleet.functions) {
      const throttles = total(series(model, "Throttles", fn(spec.name), "Sum", ...LAST_DAY, 3600));
      if (spec.name === "payments-webhook-prod") expect(throttles).toBeGreaterThan(1000);
      else expect(throttles, spec.name).toBe(0);
    }
    // Busy hours only: none at 06:00 UTC (US night), many at 18:00 UTC.
    const night = total(series(model, "Throttles", fn("payments-webhook-prod"), "Sum", ANCHOR_MS - 12 * HOUR_MS, ANCHOR_MS - 11 * HOUR_MS, 3600));
    const busy = total(series(model, "Throttles", fn("payments-webhook-prod"), "Sum", ANCHOR_MS - HOUR_MS, ANCHOR_MS, 3600));
    expect(night).toBe(0);
    expect(busy).toBeGreaterThan(500);
  });

  test("bad-deploy: new version errors > 5 %, old < 1 %, both seen during the canary", () => {
    const d = (v: string) => ({ FunctionName: "checkout-api-prod", Resource: "checkout-api-prod:live", ExecutedVersion: v });
    const canary = [ANCHOR_MS - 5 * HOUR_MS, ANCHOR_MS - 4.5 * HOUR_MS] as const;
    const rate = (v: string, from: number, to: number) => series(model, "Errors", d(v), "Average", from, to, to - from > 0 ? (to - from) / 1000 : 60).values[0];
    expect(rate("5", ...canary)).toBeGreaterThan(0.05);
    expect(rate("4", ...canary)).toBeLessThan(0.01);
    expect(rate("5", ANCHOR_MS - 4 * HOUR_MS, ANCHOR_MS)).toBeGreaterThan(0.05);
    expect(rate("4", ANCHOR_MS - 11 * HOUR_MS, ANCHOR_MS - 5 * HOUR_MS)).toBeLessThan(0.01);
    const canaryShare = total(series(model, "Invocations", d("5"), "Sum", ...canary, 1800)) / total(series(model, "Invocations", fn("checkout-api-prod"), "Sum", ...canary, 1800));
    expect(canaryShare).toBeGreaterThan(0.08);
    expect(canaryShare).toBeLessThan(0.12);
  });

  test("growing-dlq: the incident DLQ's depth and oldest-message age grow over 3 days", () => {
    const q = { QueueName: "notifications-email-prod-dlq" };
    const depth = series(model, "ApproximateNumberOfMessagesVisible", q, "Maximum", ANCHOR_MS - 3 * DAY_MS, ANCHOR_MS, 86_400, "AWS/SQS").values;
    expect(depth).toHaveLength(3);
    expect(depth[0]).toBeGreaterThan(100);
    expect(depth[1]).toBeGreaterThan(depth[0]);
    expect(depth[2]).toBeGreaterThan(depth[1]);
    const ageS = series(model, "ApproximateAgeOfOldestMessage", q, "Maximum", ANCHOR_MS - 3 * DAY_MS, ANCHOR_MS, 86_400, "AWS/SQS").values;
    expect(ageS[2]).toBeGreaterThan(ageS[0] + 2 * 86_400 - 60);
    const sent = total(series(model, "NumberOfMessagesSent", q, "Sum", ANCHOR_MS - 3 * DAY_MS, ANCHOR_MS, 3600, "AWS/SQS"));
    expect(sent).toBeGreaterThan(depth[2] - depth[0]);
    const healthy = series(model, "ApproximateNumberOfMessagesVisible", { QueueName: "payments-refunds-prod-dlq" }, "Maximum", ANCHOR_MS - 3 * DAY_MS, ANCHOR_MS, 86_400, "AWS/SQS");
    expect(healthy.values).toEqual([0, 0, 0]);
  });

  test("slow-downstream: search-query-prod p99 ≥ 2× the same hours a day earlier; cold starts similar", () => {
    const p99 = (endMs: number) => series(model, "Duration", fn("search-query-prod"), "p99", endMs - 3 * HOUR_MS, endMs, 3 * 3600).values[0];
    expect(p99(ANCHOR_MS)).toBeGreaterThanOrEqual(2 * p99(ANCHOR_MS - DAY_MS));
    const now = coldShare("search-query-prod", ANCHOR_MS - 3 * HOUR_MS, ANCHOR_MS);
    const before = coldShare("search-query-prod", ANCHOR_MS - DAY_MS - 3 * HOUR_MS, ANCHOR_MS - DAY_MS);
    expect(Math.abs(now.invocations / before.invocations - 1)).toBeLessThan(0.1); // same traffic
    expect(Math.abs(now.cold - before.cold)).toBeLessThanOrEqual(Math.max(5, before.cold)); // cold starts stay few
    expect(now.cold / now.invocations).toBeLessThan(0.001);
  });

  test("cold-start-heavy: most of identity-token-rotator-prod's invocations start cold", () => {
    const { cold, invocations } = coldShare("identity-token-rotator-prod", ...LAST_DAY);
    expect(invocations).toBeGreaterThan(50);
    expect(cold / invocations).toBeGreaterThan(0.3);
  });

  test("near-oom: max memory used within a few % of 1,024 MB, and some Runtime.OutOfMemory", () => {
    let ooms = 0;
    let nearLimit = 0;
    for (let m = LAST_DAY[0]; m < LAST_DAY[1]; m += MINUTE_MS) {
      invocationsOfMinute(model, "reporting-export-prod", m, (r) => {
        if (r.errorType === "Runtime.OutOfMemory") ooms++;
        else if (r.maxMemoryUsedMb >= 0.95 * r.memorySizeMb) nearLimit++;
      });
    }
    expect(ooms).toBeGreaterThan(0);
    expect(nearLimit).toBeGreaterThan(0);
  });

  test("every other function is healthy: errors ≪ 1 %, no throttles, p99 well under the timeout", () => {
    for (const spec of model.fleet.functions.filter((f) => !INCIDENT_NAMES.has(f.name))) {
      const invocations = total(series(model, "Invocations", fn(spec.name), "Sum", ...LAST_DAY, 86_400));
      const errors = total(series(model, "Errors", fn(spec.name), "Sum", ...LAST_DAY, 86_400));
      const p99Ms = series(model, "Duration", fn(spec.name), "p99", ...LAST_DAY, 86_400).values[0];
      expect(errors / invocations, spec.name).toBeLessThan(0.005);
      expect(p99Ms, spec.name).toBeLessThan(0.5 * spec.timeoutS * 1000);
    }
  });
});

describe("alarms", () => {
  const alarm = (name: string) => model.fleet.alarms.find((a) => a.name === name)!;

  test("the incidents' alarms fire, with AWS-shaped reasons", () => {
    const errors = model.alarmState(alarm("checkout-api-prod-errors"), ANCHOR_MS);
    expect(errors.value).toBe("ALARM");
    expect(errors.updatedAtMs).toBeGreaterThanOrEqual(ANCHOR_MS - 5 * HOUR_MS);
    expect(errors.updatedAtMs).toBeLessThanOrEqual(ANCHOR_MS - 4 * HOUR_MS);
    expect(errors.reason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints \[\d+\.0 \(20\/11\/25 \d\d:\d\d:00\)\] was greater than the threshold \(\d+\.0\) \(minimum 1 datapoint for OK -> ALARM transition\)\.$/);
    expect(model.alarmState(alarm("payments-webhook-prod-throttles"), ANCHOR_MS).value).toBe("ALARM");
    expect(model.alarmState(alarm("notifications-email-prod-dlq-not-empty"), ANCHOR_MS).value).toBe("ALARM");
  });

  test("healthy functions' alarms are OK, and the throttles alarm is OK at night", () => {
    for (const name of ["search-suggest-prod-errors", "identity-auth-prod-duration-p99", "payments-refunds-prod-dlq-not-empty"]) {
      const state = model.alarmState(alarm(name), ANCHOR_MS);
      expect(state.value, name).toBe("OK");
      expect(state.reason).toMatch(/^Threshold Crossed: /);
    }
    const night = model.alarmState(alarm("payments-webhook-prod-throttles"), ANCHOR_MS - 12 * HOUR_MS);
    expect(night.value).toBe("OK");
  });

  test("treatMissingData: missing → INSUFFICIENT_DATA, breaching → ALARM", () => {
    const base = alarm("reporting-daily-rollup-prod-duration-p99"); // one invocation an hour
    const atMs = ANCHOR_MS - 30 * MINUTE_MS;
    expect(model.alarmState({ ...base, treatMissingData: "missing" }, atMs).value).toBe("INSUFFICIENT_DATA");
    expect(model.alarmState({ ...base, treatMissingData: "breaching" }, atMs).value).toBe("ALARM");
    expect(model.alarmState({ ...base, treatMissingData: "notBreaching" }, atMs).value).toBe("OK");
  });
});
