import { describe, expect, it } from "vitest";
import { discoverFields } from "./discover";
import jsonLines from "./fixtures/json-lines.json";
import text from "./fixtures/text-platform-lines.json";
import { MAX_JSON_FIELDS } from "./json-fields";

const LAMBDA = "/aws/lambda/checkout";

describe("discoverFields: Lambda text platform lines (real lines, fixtures/text-platform-lines.json)", () => {
  it("REPORT of a warm invocation: durations in ms, memory ×1,000,000 (128 MB → 1.28E8)", () => {
    expect(discoverFields(text["embr-report-warm"].message, LAMBDA)).toEqual({
      "@type": "REPORT",
      "@requestId": "76269889-7d50-4d6d-a3f1-9b4f5322f47c",
      "@duration": 14.97,
      "@billedDuration": 15,
      "@memorySize": 128_000_000,
      "@maxMemoryUsed": 67_000_000,
    });
  });

  it("REPORT of a cold start adds @initDuration, decimals kept", () => {
    const f = discoverFields(text["embr-report-cold"].message, LAMBDA);
    expect(f["@initDuration"]).toBe(145.69);
    expect(f["@duration"]).toBe(5.93);
    expect(f["@billedDuration"]).toBe(6);
  });

  it("START and END carry @type and @requestId; INIT_START and runtime text lines nothing", () => {
    expect(discoverFields(text["embr-start"].message, LAMBDA)).toEqual({ "@type": "START", "@requestId": "76269889-7d50-4d6d-a3f1-9b4f5322f47c" });
    expect(discoverFields(text["embr-end"].message, LAMBDA)).toEqual({ "@type": "END", "@requestId": "76269889-7d50-4d6d-a3f1-9b4f5322f47c" });
    expect(discoverFields(text["embr-init-start"].message, LAMBDA)).toEqual({});
    expect(discoverFields(text["embr-node-info"].message, LAMBDA)).toEqual({});
  });

  it("2017 line with 'Billed Duration: 100 ms \\t' and a trailing tab", () => {
    expect(discoverFields(text["old-2017-billed-space-tab"].message, LAMBDA)).toEqual({
      "@type": "REPORT",
      "@requestId": "3604209a-e9a3-11e6-939a-754dd98c7be3",
      "@duration": 12.34,
      "@billedDuration": 100,
      "@memorySize": 128e6,
      "@maxMemoryUsed": 18e6,
    });
  });

  it("timeout line: Status is not a discovered field, the rest is", () => {
    const f = discoverFields(text["timeout-cold"].message, LAMBDA);
    expect(f).toEqual({
      "@type": "REPORT",
      "@requestId": "1f60b20c-8ed7-41ed-9945-08dcafcc74ee",
      "@duration": 3000,
      "@billedDuration": 3403,
      "@memorySize": 128e6,
      "@maxMemoryUsed": 73e6,
      "@initDuration": 402.04,
    });
  });

  it("X-Ray line after a newline gives @xrayTraceId and @xraySegmentId", () => {
    const f = discoverFields(text["timeout-xray"].message, LAMBDA);
    expect(f["@xrayTraceId"]).toBe("1-6ac7d74a-019546e11f8bb3cd382c293c");
    expect(f["@xraySegmentId"]).toBe("f8f17b1699891cfe");
    expect(f["@duration"]).toBe(600000);
    expect(f["@maxMemoryUsed"]).toBe(f["@memorySize"]);
  });

  it("out-of-memory line: 10,239 MB → 1.0239E10 bytes, Error Type not discovered", () => {
    const f = discoverFields(text["out-of-memory"].message, LAMBDA);
    expect(f["@memorySize"]).toBe(10_239_000_000);
    expect(f["@maxMemoryUsed"]).toBe(10_239_000_000);
    expect(f["@duration"]).toBe(376256.59);
    expect(Object.keys(f)).not.toContain("@errorType");
  });

  it("SnapStart: Restore Duration is not mistaken for Duration and there is no @initDuration", () => {
    const f = discoverFields(text["snapstart-restore"].message, LAMBDA);
    expect(f["@duration"]).toBe(306.34);
    expect(f["@billedDuration"]).toBe(610);
    expect(f["@memorySize"]).toBe(3_009_000_000);
    expect(f["@initDuration"]).toBeUndefined();
  });

  it("a copy with spaces instead of tabs parses the same way, X-Ray included", () => {
    expect(discoverFields(text["snapstart-spaces-xray"].message, LAMBDA)).toEqual({
      "@type": "REPORT",
      "@requestId": "24addd09-6e64-49fb-b187-94ba9b60b59a",
      "@duration": 127.1,
      "@billedDuration": 154,
      "@memorySize": 2048e6,
      "@maxMemoryUsed": 212e6,
      "@xrayTraceId": "1-66d978e5-56c7378e556e94b5461da07c",
      "@xraySegmentId": "29c3839e6ecb5895",
    });
  });
});

describe("discoverFields: JSON (fixtures/json-lines.json)", () => {
  it("platform.report records give dotted JSON fields, not @duration", () => {
    const f = discoverFields(jsonLines["platform-report-cold"].message, LAMBDA);
    expect(f).toEqual({
      time: "2026-10-08T07:30:29.470Z",
      type: "platform.report",
      "record.requestId": "79b5e81f-9cdd-4145-b1f6-7c50ef8a2a36",
      "record.metrics.durationMs": 1233.96,
      "record.metrics.billedDurationMs": 1698,
      "record.metrics.memorySizeMB": 256,
      "record.metrics.maxMemoryUsedMB": 123,
      "record.metrics.initDurationMs": 463.512,
      "record.status": "success",
    });
  });

  it("nested tracing objects flatten too; platform.start has record.version", () => {
    expect(discoverFields(jsonLines["platform-report-tracing"].message, LAMBDA)["record.tracing.spanId"]).toBe("24cd7d670fa455f0");
    expect(discoverFields(jsonLines["platform-start"].message, LAMBDA)).toEqual({
      time: "2026-08-09T08:37:29.512Z",
      type: "platform.start",
      "record.requestId": "8f1c",
      "record.version": "$LATEST",
    });
  });

  it("slog lines: dot notation, arrays by index, @key → @@key, booleans as text", () => {
    expect(discoverFields(jsonLines["go-slog-error"].message, LAMBDA)).toEqual({
      time: "2026-11-20T12:00:00.000Z",
      level: "ERROR",
      msg: "charge failed",
      requestId: "2b68f3d0-d201-4466-898e-1a7fe124494e",
      "downstream.service": "dynamodb",
      "downstream.ms": 12.5,
      "retries.0.after_ms": 100,
      "retries.1.after_ms": 200,
      "@@kind": "app",
      ok: "false",
    });
  });

  it("only the first JSON fragment of a Lambda line, even after a runtime prefix", () => {
    expect(discoverFields(jsonLines["node-runtime-json-fragment"].message, LAMBDA)).toEqual({ severity: "debug", message: "stderr log here" });
  });

  it("at most 100 fields are extracted", () => {
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i])));
    const f = discoverFields(wide, LAMBDA);
    expect(Object.keys(f)).toHaveLength(MAX_JSON_FIELDS);
    expect(f.k99).toBe(99);
    expect(f.k100).toBeUndefined();
  });

  it("outside Lambda log groups only a message that is JSON is parsed; broken JSON gives nothing", () => {
    expect(discoverFields('prefix {"a":1}', "/ecs/app")).toEqual({});
    expect(discoverFields('{"a":1}', "/ecs/app")).toEqual({ a: 1 });
    expect(discoverFields('{"a":', LAMBDA)).toEqual({});
    expect(discoverFields("plain text", LAMBDA)).toEqual({});
  });
});
