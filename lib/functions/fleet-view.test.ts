import { describe, expect, test } from "vitest";
import { filterRows, sortRows, tagValues, UNTAGGED } from "@/lib/functions/fleet-view";
import type { FleetRow } from "@/lib/types";

const row = (name: string, extra: Partial<FleetRow>): FleetRow => ({
  name, arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`, runtime: "provided.al2023", architecture: "arm64",
  region: "us-east-1", memoryMb: 128, timeoutS: 3, lastModified: "", description: "", logGroup: `/aws/lambda/${name}`, ephemeralStorageMb: 512, lambdaInsights: false, tags: {}, statusReasons: [], ...extra,
});

const rows = [
  row("b-api", { tags: { service: "checkout", env: "prod" }, invocations: 50, status: "ok" }),
  row("a-worker", { tags: { service: "payments", env: "prod" }, invocations: 900, status: "degraded" }),
  row("c-cron", { tags: {}, invocations: undefined, status: undefined }),
  row("d-api", { tags: { service: "checkout", env: "staging" }, invocations: 50, status: "warning" }),
];

describe("overview sorting", () => {
  test("numbers descending, missing values last, ties by name", () => {
    expect(sortRows(rows, "invocations", "desc").map((r) => r.name)).toEqual(["a-worker", "b-api", "d-api", "c-cron"]);
    expect(sortRows(rows, "invocations", "asc").map((r) => r.name)).toEqual(["b-api", "d-api", "a-worker", "c-cron"]);
  });
  test("status sorts worst first", () => {
    expect(sortRows(rows, "status", "asc").map((r) => r.name)).toEqual(["a-worker", "d-api", "b-api", "c-cron"]);
  });
  test("does not reorder the caller's array", () => {
    const before = rows.map((r) => r.name);
    sortRows(rows, "name", "desc");
    expect(rows.map((r) => r.name)).toEqual(before);
  });
});

describe("overview filtering", () => {
  test("by name substring, case-insensitive", () => expect(filterRows(rows, { q: "API", tags: {} }).map((r) => r.name)).toEqual(["b-api", "d-api"]));
  test("by tag value, combined", () => expect(filterRows(rows, { tags: { service: "checkout", env: "prod" } }).map((r) => r.name)).toEqual(["b-api"]));
  test("untagged finds functions missing the tag", () => expect(filterRows(rows, { tags: { service: UNTAGGED } }).map((r) => r.name)).toEqual(["c-cron"]));
  test("by status", () => expect(filterRows(rows, { status: "degraded", tags: {} }).map((r) => r.name)).toEqual(["a-worker"]));
  test("tag values for the menus are distinct and sorted", () => expect(tagValues(rows, "service")).toEqual(["checkout", "payments"]));
});
