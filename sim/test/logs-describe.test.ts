// DescribeLogGroups, DescribeLogStreams, DescribeQueries and the saved query definitions, through
// the real SDK (paging with the SDK's own paginators where it has them).
import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  DescribeQueriesCommand,
  DescribeQueryDefinitionsCommand,
  PutQueryDefinitionCommand,
  StartQueryCommand,
  paginateDescribeLogGroups,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningSim } from "../server";
import { NOW_MS, rejection, startTestSim } from "./helpers";
import { groupOf, logsClient, runQuery, window } from "./logs-support";

let sim: RunningSim;
let logs: ReturnType<typeof logsClient>;
beforeAll(async () => {
  sim = await startTestSim();
  logs = logsClient(sim);
});
afterAll(() => sim.close());

describe("DescribeLogGroups", () => {
  test("pages of `limit` groups in name order cover every function's group once", async () => {
    const pages: string[][] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 7 }, {})) pages.push(page.logGroups!.map((g) => g.logGroupName!));
    const names = pages.flat();
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    // Every function's group, and /aws/lambda-insights (the Lambda Insights events of four functions).
    expect(names).toEqual([...new Set(sim.model.fleet.functions.map((f) => f.logGroup)), "/aws/lambda-insights"].sort());
    expect(names).toContain("/payments/ledger-prod");
  });

  test("at most 50 a page; prefix and pattern narrow it; they exclude each other", async () => {
    const first = await logs.send(new DescribeLogGroupsCommand({}));
    expect(first.logGroups).toHaveLength(new Set(sim.model.fleet.functions.map((f) => f.logGroup)).size + 1); // + /aws/lambda-insights
    expect(first.nextToken).toBeUndefined();
    const g = first.logGroups!.find((x) => x.logGroupName === "/aws/lambda/checkout-api-prod")!;
    expect(g).toMatchObject({ retentionInDays: 14, metricFilterCount: 0, logGroupClass: "STANDARD", logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/checkout-api-prod", arn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/checkout-api-prod:*" });
    expect(g.storedBytes).toBeGreaterThan(1e9);
    expect((await rejection(logs.send(new DescribeLogGroupsCommand({ limit: 51 })))).name).toBe("InvalidParameterException");
    const prefixed = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/payments-" }));
    expect(prefixed.logGroups!.map((x) => x.logGroupName)).toEqual(["/aws/lambda/payments-fraud-score-prod", "/aws/lambda/payments-ledger-staging", "/aws/lambda/payments-refunds-prod", "/aws/lambda/payments-webhook-prod", "/aws/lambda/payments-webhook-staging"]);
    const pattern = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePattern: "LEDGER" }));
    expect(pattern.logGroups!.map((x) => x.logGroupName)).toEqual(["/aws/lambda/payments-ledger-staging", "/payments/ledger-prod"]);
    expect((await rejection(logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws", logGroupNamePattern: "x" })))).name).toBe("InvalidParameterException");
  });
});

describe("DescribeLogStreams", () => {
  test("a function's environments, newest event first, paged; an unknown group is ResourceNotFoundException", async () => {
    const logGroupName = groupOf(sim, "identity-token-rotator-prod");
    const page1 = await logs.send(new DescribeLogStreamsCommand({ logGroupName, orderBy: "LastEventTime", descending: true, limit: 5 }));
    expect(page1.logStreams).toHaveLength(5);
    expect(page1.nextToken).toBeTruthy();
    const last = page1.logStreams!.map((s) => s.lastEventTimestamp!);
    expect(last).toEqual([...last].sort((a, b) => b - a));
    for (const s of page1.logStreams!) expect(s.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\d+\][0-9a-f]{32}$/);
    const page2 = await logs.send(new DescribeLogStreamsCommand({ logGroupName, orderBy: "LastEventTime", descending: true, limit: 5, nextToken: page1.nextToken }));
    expect(page2.logStreams![0].logStreamName).not.toBe(page1.logStreams![0].logStreamName);
    expect((await rejection(logs.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/nope" })))).name).toBe("ResourceNotFoundException");
    expect((await rejection(logs.send(new DescribeLogStreamsCommand({ logGroupName, orderBy: "LastEventTime", logStreamNamePrefix: "2026" })))).name).toBe("InvalidParameterException");
  });
});

describe("query definitions", () => {
  test("the account's saved queries, by name prefix and in pages; each one runs", async () => {
    const all = await logs.send(new DescribeQueryDefinitionsCommand({}));
    const names = all.queryDefinitions!.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(["Lambda/Recent errors", "Lambda/Cold starts by hour", "Lambda/Slowest invocations"]));
    for (const d of all.queryDefinitions!) {
      expect(d.logGroupNames!.length).toBeGreaterThan(0);
      expect(typeof d.lastModified).toBe("number");
    }
    // The SDK has no paginator for DescribeQueryDefinitions: follow nextToken by hand.
    const paged: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: "Lambda/", maxResults: 2, nextToken }));
      expect(page.queryDefinitions!.length).toBeLessThanOrEqual(2);
      paged.push(...page.queryDefinitions!.map((d) => d.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(paged).toEqual(names);
    expect((await logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: "Lambda/Slow" }))).queryDefinitions!.map((d) => d.name)).toEqual(["Lambda/Slowest invocations"]);
    const w = window(NOW_MS, 60);
    for (const d of all.queryDefinitions!) {
      const run = await runQuery(logs, { logGroupNames: d.logGroupNames, queryString: d.queryString, startTime: w.startTime, endTime: w.endTime });
      expect(run.final.status, d.name).toBe("Complete");
      expect(run.final.results!.length, d.name).toBeGreaterThan(0);
    }
  });

  test("PutQueryDefinition saves one the listing then shows", async () => {
    const { queryDefinitionId } = await logs.send(new PutQueryDefinitionCommand({ name: "Team/p99 by 5 minutes", queryString: 'filter @type = "REPORT" | stats pct(@duration, 99) by bin(5m)', logGroupNames: [groupOf(sim, "catalog-api-prod")] }));
    const found = await logs.send(new DescribeQueryDefinitionsCommand({ queryDefinitionNamePrefix: "Team/" }));
    expect(found.queryDefinitions).toEqual([expect.objectContaining({ queryDefinitionId, name: "Team/p99 by 5 minutes" })]);
  });
});

describe("DescribeQueries", () => {
  test("recent queries, newest first, narrowed by status and log group", async () => {
    const w = window(NOW_MS, 30);
    const a = await runQuery(logs, { logGroupName: groupOf(sim, "catalog-api-prod"), startTime: w.startTime, endTime: w.endTime, queryString: "stats count(*)" });
    const { queryId: b } = await logs.send(new StartQueryCommand({ logGroupName: groupOf(sim, "search-query-prod"), startTime: w.startTime, endTime: w.endTime, queryString: "stats count(*) as n" }));
    const all = await logs.send(new DescribeQueriesCommand({}));
    expect(all.queries!.slice(0, 2).map((q) => q.queryId)).toEqual([b, a.queryId]);
    const mine = all.queries!.find((q) => q.queryId === a.queryId)!;
    expect(mine).toMatchObject({ queryString: "stats count(*)", status: "Complete", logGroupName: "/aws/lambda/catalog-api-prod" });
    expect(typeof mine.createTime).toBe("number");
    const complete = await logs.send(new DescribeQueriesCommand({ status: "Complete", logGroupName: "/aws/lambda/catalog-api-prod" }));
    expect(complete.queries!.map((q) => q.queryId)).toContain(a.queryId);
    expect(complete.queries!.every((q) => q.status === "Complete")).toBe(true);
    const paged = await logs.send(new DescribeQueriesCommand({ maxResults: 1 }));
    expect(paged.queries).toHaveLength(1);
    expect(paged.nextToken).toBeTruthy();
  });
});
