import { expect, test } from "vitest";
import { GET } from "@/app/api/cost/estimate/route";

const get = async (qs: string) => {
  const res = GET(new Request(`http://x/api/cost/estimate?${qs}`));
  return { status: res.status, body: await res.json() };
};

test("AWS's mobile-backend example through the API: every term, rounded per line item, and the total", async () => {
  const { status, body } = await get("requests=3000000&durationMs=120&memoryMb=1536&architecture=x86_64&freeTier=true");
  expect(status).toBe(200);
  expect(body.terms.map((t: { name: string; usd: number }) => [t.name, t.usd])).toEqual([
    ["Lambda requests", 0.4],
    ["Lambda duration (x86_64)", 2.33],
  ]);
  expect(body.totalUsd).toBe(2.73);
});

test("logs, traces, ephemeral storage and provisioned concurrency each add their term", async () => {
  const { body } = await get("requests=2000000&durationMs=280&memoryMb=4096&architecture=x86_64&provisionedConcurrency=7&provisionedHours=24&ephemeralStorageMb=1024&logGb=10&xrayTraces=200000&region=us-west-2");
  expect(body.terms.map((t: { name: string }) => t.name)).toEqual([
    "Lambda requests",
    "Lambda duration (x86_64)",
    "Provisioned concurrency",
    "Duration on provisioned concurrency",
    "Ephemeral storage",
    "CloudWatch Logs ingestion",
    "X-Ray traces recorded",
  ]);
  expect(body.terms[5].usd).toBe(5);
  expect(body.terms[6].usd).toBe(1);
});

test("bad input: 400 naming the field and the reason", async () => {
  const cases: [string, string][] = [
    ["durationMs=100&memoryMb=128&architecture=x86_64", "requests"],
    ["requests=-1&durationMs=100&memoryMb=128&architecture=x86_64", "requests"],
    ["requests=1&durationMs=100&memoryMb=64&architecture=x86_64", "memoryMb"],
    ["requests=1&durationMs=100&memoryMb=128&architecture=sparc", "architecture"],
    ["requests=1&durationMs=100&memoryMb=128&architecture=arm64&region=ap-east-1", "region"],
    ["requests=1&durationMs=100&memoryMb=128&architecture=arm64&provisionedHours=5", "provisionedConcurrency"],
    ["requests=1&durationMs=100&memoryMb=128&architecture=arm64&freeTier=yes", "freeTier"],
    ["requests=1&durationMs=abc&memoryMb=128&architecture=arm64", "durationMs"],
    ["requests=1&durationMs=100&memoryMb=128&architecture=arm64&colour=red", "colour"],
  ];
  for (const [qs, field] of cases) {
    const { status, body } = await get(qs);
    expect(status, qs).toBe(400);
    expect(body.error.field, qs).toBe(field);
    expect(body.error.reason, qs).toBeTruthy();
  }
});
