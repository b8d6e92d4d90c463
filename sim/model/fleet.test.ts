import { describe, expect, test } from "vitest";
import { createFleet } from "./fleet";
import { routingAt } from "./fleet-versions";
import { ANCHOR_MS, DAY_MS, HOUR_MS } from "./test-support";

const fleet = createFleet(42, 40, ANCHOR_MS);
const fns = fleet.functions;
const prod = fns.filter((fn) => fn.name.endsWith("-prod"));

describe("default fleet", () => {
  test("40 functions over 7 services, prod and staging, in one account and region", () => {
    expect(fns).toHaveLength(40);
    expect(new Set(fns.map((fn) => fn.name)).size).toBe(40);
    expect(new Set(fns.map((fn) => fn.tags.service).filter(Boolean)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(fns.map((fn) => fn.tags.env))).toEqual(new Set(["prod", "staging", undefined]));
    expect(fns.every((fn) => fn.arn === `arn:aws:lambda:us-east-1:123456789012:function:${fn.name}`)).toBe(true);
    expect(fleet.byName.get("checkout-api-prod")).toBe(fns[0]);
  });

  test("3–4 functions have no tags, 1–2 have only some", () => {
    const untagged = fns.filter((fn) => Object.keys(fn.tags).length === 0);
    const partial = fns.filter((fn) => Object.keys(fn.tags).length > 0 && Object.keys(fn.tags).length < 3);
    expect(untagged.length).toBeGreaterThanOrEqual(3);
    expect(untagged.length).toBeLessThanOrEqual(4);
    expect(partial.map((fn) => fn.name)).toEqual(["payments-fraud-score-prod", "search-ranker-experiment"]);
  });

  test("mostly Go on provided.al2023, both architectures, memory 128–10,240 MB, timeouts 3–900 s", () => {
    const go = fns.filter((fn) => fn.runtime === "provided.al2023");
    expect(go.length / fns.length).toBeGreaterThan(0.5);
    expect(go.every((fn) => fn.handler === "bootstrap")).toBe(true);
    expect(new Set(fns.map((fn) => fn.runtime))).toEqual(new Set(["provided.al2023", "nodejs20.x", "python3.12"]));
    expect(new Set(fns.map((fn) => fn.architecture))).toEqual(new Set(["x86_64", "arm64"]));
    expect(Math.min(...fns.map((fn) => fn.memoryMb))).toBe(128);
    expect(Math.max(...fns.map((fn) => fn.memoryMb))).toBe(10_240);
    expect(Math.min(...fns.map((fn) => fn.timeoutS))).toBe(3);
    expect(Math.max(...fns.map((fn) => fn.timeoutS))).toBe(900);
  });

  test("exactly the seven incidents, one function each", () => {
    const incidents = Object.fromEntries(fns.filter((fn) => fn.incident).map((fn) => [fn.name, fn.incident]));
    expect(incidents).toEqual({
      "checkout-api-prod": "bad-deploy",
      "payments-webhook-prod": "throttled",
      "catalog-thumbnailer-prod": "over-provisioned",
      "reporting-export-prod": "near-oom",
      "notifications-email-prod": "growing-dlq",
      "search-query-prod": "slow-downstream",
      "identity-token-rotator-prod": "cold-start-heavy",
    });
  });

  test("versions and a live alias on most prod functions, dated over the past weeks", () => {
    const aliased = prod.filter((fn) => fn.aliases.some((a) => a.name === "live"));
    expect(aliased.length / prod.length).toBeGreaterThan(0.7);
    for (const fn of prod) {
      expect(fn.versions.length).toBeLessThanOrEqual(5);
      const created = fn.versions.map((v) => v.createdAtMs);
      expect(created).toEqual([...created].sort((a, b) => a - b));
      expect(created.every((t) => t < ANCHOR_MS && t > ANCHOR_MS - 60 * DAY_MS)).toBe(true);
    }
  });

  test("checkout-api-prod: canary at 10 % ~5 h before the anchor, fully shifted ~4.5 h before", () => {
    const fn = fleet.byName.get("checkout-api-prod")!;
    expect(fn.versions.map((v) => v.version)).toEqual(["1", "2", "3", "4", "5"]);
    const live = fn.aliases[0];
    expect(routingAt(live, ANCHOR_MS - 5.2 * HOUR_MS)).toMatchObject({ version: "4" });
    expect(routingAt(live, ANCHOR_MS - 4.8 * HOUR_MS)).toEqual({ fromMs: ANCHOR_MS - 5 * HOUR_MS, version: "4", additionalVersionWeights: { "5": 0.1 } });
    expect(routingAt(live, ANCHOR_MS - 1 * HOUR_MS)).toEqual({ fromMs: ANCHOR_MS - 4.5 * HOUR_MS, version: "5" });
  });

  test("concurrency, event sources, DLQs, destinations and logging settings are all present", () => {
    expect(fleet.byName.get("payments-webhook-prod")!.reservedConcurrency).toBe(10);
    expect(fns.filter((fn) => fn.reservedConcurrency !== undefined).length).toBeGreaterThanOrEqual(3);
    expect(fns.filter((fn) => fn.provisionedConcurrency).map((fn) => fn.name)).toEqual(["catalog-api-prod", "identity-auth-prod"]);
    const sources = fns.flatMap((fn) => fn.eventSourceMappings.map((m) => m.eventSourceArn.split(":")[2]));
    expect(new Set(sources)).toEqual(new Set(["sqs", "dynamodb"]));
    const email = fleet.byName.get("notifications-email-prod")!;
    expect(email).toMatchObject({ invocation: "async", deadLetterQueueName: "notifications-email-prod-dlq", maximumRetryAttempts: 2 });
    expect(fns.some((fn) => fn.onFailureDestinationArn?.startsWith("arn:aws:sqs:us-east-1:123456789012:"))).toBe(true);
    expect(fns.filter((fn) => fn.logGroup !== `/aws/lambda/${fn.name}`).map((fn) => fn.logGroup)).toEqual(["/payments/ledger-prod"]);
    expect(fns.filter((fn) => fn.logFormat === "JSON").map((fn) => fn.name)).toEqual(["identity-auth-prod", "identity-session-prod"]);
    // Log levels only with JSON; the chatty function left its application logs at DEBUG.
    expect(fns.filter((fn) => fn.applicationLogLevel !== undefined).map((fn) => [fn.name, fn.applicationLogLevel])).toEqual([["identity-auth-prod", "INFO"], ["identity-session-prod", "DEBUG"]]);
    expect(fns.filter((fn) => fn.tracing === "Active").length).toBeGreaterThanOrEqual(3);
    expect(fleet.account.unreservedConcurrentExecutions).toBe(1000 - fns.reduce((s, fn) => s + (fn.reservedConcurrency ?? 0), 0));
  });

  test("queues: every DLQ and failure destination, plus the work queues of SQS event sources", () => {
    const names = fleet.queues.map((q) => q.name);
    for (const fn of fns) if (fn.deadLetterQueueName) expect(names).toContain(fn.deadLetterQueueName);
    expect(names).toContain("catalog-thumbnailer-prod-failures");
    expect(names).toContain("payments-ledger-queue");
    expect(fleet.queues.find((q) => q.name === "notifications-email-prod-dlq")).toMatchObject({ deadLetterFor: "notifications-email-prod", url: "/123456789012/notifications-email-prod-dlq" });
  });

  test("alarms: errors, throttles and p99 duration per prod function, and one per DLQ", () => {
    for (const fn of prod) {
      const mine = fleet.alarms.filter((a) => a.dimensions[0].Value === fn.name).map((a) => a.name);
      expect(mine).toEqual([`${fn.name}-errors`, `${fn.name}-throttles`, `${fn.name}-duration-p99`]);
    }
    const p99 = fleet.alarms.find((a) => a.name === "search-query-prod-duration-p99")!;
    expect(p99).toMatchObject({ extendedStatistic: "p99", threshold: 8000, metricName: "Duration" });
    const dlqAlarms = fleet.alarms.filter((a) => a.namespace === "AWS/SQS");
    expect(dlqAlarms.length).toBe(fleet.queues.filter((q) => q.deadLetterFor).length);
    expect(dlqAlarms[0]).toMatchObject({ metricName: "ApproximateNumberOfMessagesVisible", threshold: 0, comparisonOperator: "GreaterThanThreshold" });
  });
});

describe("seeds and sizes", () => {
  test("same seed → same fleet; another seed → different dates and hashes, same names", () => {
    const again = createFleet(42, 40, ANCHOR_MS);
    expect(JSON.stringify(again.functions)).toBe(JSON.stringify(fns));
    const other = createFleet(7, 40, ANCHOR_MS);
    expect(other.functions.map((fn) => fn.name)).toEqual(fns.map((fn) => fn.name));
    expect(JSON.stringify(other.functions)).not.toBe(JSON.stringify(fns));
  });

  test("more functions: the first 40 unchanged, the rest <service>-worker-<n>-<env>", () => {
    const big = createFleet(42, 200, ANCHOR_MS);
    expect(JSON.stringify(big.functions.slice(0, 40))).toBe(JSON.stringify(fns));
    const extras = big.functions.slice(40);
    expect(extras.every((fn) => /^[a-z]+-worker-\d+-(prod|staging)$/.test(fn.name))).toBe(true);
    expect(new Set(big.functions.map((fn) => fn.name)).size).toBe(200);
    expect(extras.filter((fn) => fn.incident)).toHaveLength(0);
  });

  test("fewer than 40 keeps the seven incident functions first; fewer than 7 is refused", () => {
    const small = createFleet(42, 10, ANCHOR_MS);
    expect(small.functions.slice(0, 7).every((fn) => fn.incident)).toBe(true);
    expect(() => createFleet(42, 6, ANCHOR_MS)).toThrow(/functionCount/);
  });
});
