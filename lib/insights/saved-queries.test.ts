import { describe, expect, test } from "vitest";
import { parseSavedQuery, savedQueries } from "@/lib/insights/saved-queries";

describe("saved queries", () => {
  test("every file in queries/ has a complete header and a query", () => {
    const queries = savedQueries();
    expect([...queries.keys()]).toEqual(expect.arrayContaining(["cold-start-rate", "p99-duration", "errors-with-request-ids", "memory-utilisation", "function-health"]));
    for (const q of queries.values()) {
      expect(q.name.length).toBeGreaterThan(3);
      expect(q.queryString.startsWith("#"), `${q.id}: the header is not sent`).toBe(false);
      expect(q.columns.length).toBeGreaterThan(0);
    }
  });

  test("the combined health query has the figures of the cold-start, p99 and memory queries", () => {
    const health = savedQueries().get("function-health")!.columns;
    expect(health).toEqual(expect.arrayContaining(["invocations", "coldStarts", "coldStartPct", "avgInitDurationMs", "p50DurationMs", "p99DurationMs", "maxDurationMs", "maxUtilisationPct", "p99UtilisationPct", "memorySizeMb"]));
  });

  test("a file without a name says which file and which key", () => {
    expect(() => parseSavedQuery("broken", "# answers: x\n# parameters: y\n# columns: a\nfields @message")).toThrow('queries/broken.insights: header "# name: …" is missing');
  });
});
