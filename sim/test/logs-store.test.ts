// Real log events: CreateLogGroup / CreateLogStream / PutLogEvents and `--import` of an export,
// queried exactly like the generated lines.
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogStreamsCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { importLogFile } from "../logs/import-file";
import type { RunningSim } from "../server";
import { CREDENTIALS, HOUR_MS, NOW_MS, rejection, startTestSim } from "./helpers";
import { logsClient, rows, runQuery, seconds } from "./logs-support";

let sim: RunningSim;
let logs: ReturnType<typeof logsClient>;
beforeAll(async () => {
  sim = await startTestSim();
  logs = logsClient(sim);
});
afterAll(() => sim.close());

// A REPORT line as Lambda writes it, from a captured GetQueryResults (AWS-FACTS §1, Embr
// retrievedData.js), whose row AWS printed as @duration '14.97', @memorySize '1.28E8',
// @maxMemoryUsed '6.7E7', @billedDuration '15.0'.
const REAL_REPORT = "REPORT RequestId: 76269889-7d50-4d6d-a3f1-9b4f5322f47c\tDuration: 14.97 ms\tBilled Duration: 15 ms\tMemory Size: 128 MB\tMax Memory Used: 67 MB\t\n";

describe("PutLogEvents", () => {
  const logGroupName = "/aws/lambda/image-upload";
  const logStreamName = "2026/11/20/[$LATEST]8f1c2b3a4d5e6f708192a3b4c5d6e7f8";

  test("stored lines are discovered like Lambda's: @duration, @memorySize in bytes ×1,000,000", async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
    const t = NOW_MS - 10 * 60_000;
    const out = await logs.send(new PutLogEventsCommand({
      logGroupName,
      logStreamName,
      logEvents: [
        { timestamp: t, message: "START RequestId: 76269889-7d50-4d6d-a3f1-9b4f5322f47c Version: $LATEST\n" },
        { timestamp: t + 14, message: "END RequestId: 76269889-7d50-4d6d-a3f1-9b4f5322f47c\n" },
        { timestamp: t + 15, message: REAL_REPORT },
      ],
    }));
    expect(out.rejectedLogEventsInfo).toBeUndefined();
    const run = await runQuery(logs, { logGroupName, startTime: seconds(t - 60_000), endTime: seconds(NOW_MS), queryString: 'filter @type = "REPORT" | fields @requestId, @duration, @billedDuration, @memorySize, @maxMemoryUsed, @logStream' });
    expect(rows(run.final)).toEqual([{
      "@requestId": "76269889-7d50-4d6d-a3f1-9b4f5322f47c", "@duration": "14.97", "@billedDuration": "15.0", "@memorySize": "1.28E8", "@maxMemoryUsed": "6.7E7", "@logStream": logStreamName, "@ptr": expect.any(String),
    }]);
    expect(run.final.statistics).toEqual({ recordsMatched: 1, recordsScanned: 3, bytesScanned: [0, 1, 2].reduce((n, i) => n + Buffer.byteLength([`START RequestId: 76269889-7d50-4d6d-a3f1-9b4f5322f47c Version: $LATEST\n`, "END RequestId: 76269889-7d50-4d6d-a3f1-9b4f5322f47c\n", REAL_REPORT][i]), 0) });
  });

  test("AWS's batch rules: existing group, unknown stream, order, too new / too old", async () => {
    expect((await rejection(logs.send(new CreateLogGroupCommand({ logGroupName })))).name).toBe("ResourceAlreadyExistsException");
    expect((await rejection(logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/checkout-api-prod" })))).name).toBe("ResourceAlreadyExistsException");
    expect((await rejection(logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: "nope", logEvents: [{ timestamp: NOW_MS, message: "x" }] })))).name).toBe("ResourceNotFoundException");
    const unordered = await rejection(logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: NOW_MS, message: "b" }, { timestamp: NOW_MS - 1, message: "a" }] })));
    expect(unordered.name).toBe("InvalidParameterException");
    const out = await logs.send(new PutLogEventsCommand({
      logGroupName,
      logStreamName,
      logEvents: [{ timestamp: NOW_MS - 15 * 24 * HOUR_MS, message: "too old" }, { timestamp: NOW_MS - 1, message: "fine" }, { timestamp: NOW_MS + 3 * HOUR_MS, message: "too new" }],
    }));
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0, tooNewLogEventStartIndex: 2 });
  });

  test("a function's generated group takes PutLogEvents too; a query sees both", async () => {
    const logGroupName = "/aws/lambda/catalog-api-prod";
    await logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: "manual" }));
    await logs.send(new PutLogEventsCommand({ logGroupName, logStreamName: "manual", logEvents: [{ timestamp: NOW_MS - 90_000, message: "deploy marker v4" }] }));
    const w = { logGroupName, startTime: seconds(NOW_MS - 2 * 60_000), endTime: seconds(NOW_MS) };
    const marker = await runQuery(logs, { ...w, queryString: "filter @message like /deploy marker/ | fields @logStream, @message" });
    expect(rows(marker.final).map((r) => [r["@logStream"], r["@message"]])).toEqual([["manual", "deploy marker v4"]]);
    const reports = await runQuery(logs, { ...w, queryString: 'filter @type = "REPORT" | stats count(*) as n' });
    expect(Number(rows(reports.final)[0].n)).toBeGreaterThan(0);
  });
});

describe("--import", () => {
  test("the example filter-log-events export loads and answers queries", async () => {
    const r = importLogFile(sim.logs.store, "sim/logs/examples/lambda-filter-log-events.json", "/aws/lambda/example-import", sim.model.nowMs());
    expect(r).toEqual({ logGroup: "/aws/lambda/example-import", events: 14, streams: 2 });
    const run = await runQuery(logs, {
      logGroupName: "/aws/lambda/example-import",
      // 2023-12-05, when these lines were written: queries are not limited to the generated 14 days.
      startTime: seconds(Date.UTC(2023, 11, 5)),
      endTime: seconds(Date.UTC(2023, 11, 6)),
      queryString: 'filter @type = "REPORT" | stats count(*) as invocations, sum(ispresent(@initDuration)) as coldStarts, max(@duration) as maxDurationMs, sum(strcontains(@message, "Status: timeout")) as timeouts',
    });
    expect(rows(run.final)).toEqual([{ invocations: "3", coldStarts: "2", maxDurationMs: "3000.0", timeouts: "1" }]);
  });

  test("plain text: '<ISO time> <message>' lines keep their time, bare lines are stamped now", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sim-import-"));
    const file = join(dir, "app.log");
    writeFileSync(file, ["2026-11-20T11:58:00.000Z payment accepted order=17", "2026-11-20T11:58:01.500Z\t3f0c2b8e-41d9-4c7a-9b1e-5d6f7a8c9d0e\tINFO\tnode line", "no timestamp here", ""].join("\n"));
    const r = importLogFile(sim.logs.store, file, undefined, sim.model.nowMs());
    expect(r).toEqual({ logGroup: "/imported/app", events: 3, streams: 1 });
    const run = await runQuery(logs, { logGroupName: "/imported/app", startTime: seconds(NOW_MS - HOUR_MS), endTime: seconds(NOW_MS), queryString: "fields @timestamp, @message | sort @timestamp asc" });
    expect(rows(run.final).map((x) => [x["@timestamp"], x["@message"]])).toEqual([
      ["2026-11-20 11:58:00.000", "payment accepted order=17"],
      ["2026-11-20 11:58:01.500", "2026-11-20T11:58:01.500Z\t3f0c2b8e-41d9-4c7a-9b1e-5d6f7a8c9d0e\tINFO\tnode line"],
      ["2026-11-20 11:59:59.999", "no timestamp here"],
    ]);
  });

  test("npm run sim -- --import <file> --log-group <name> loads it at start", { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "sim/main.ts", "--import", "sim/logs/examples/lambda-filter-log-events.json", "--log-group", "/aws/lambda/image-upload"], {
      env: { ...process.env, SIM_PORT: "0", SIM_NOW: "2026-11-20T12:00:00Z" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      let out = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on("data", (chunk) => {
          out += String(chunk);
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`sim exited with ${code}: ${out}`)));
      });
      expect(out).toContain("imported 14 events in 2 streams from sim/logs/examples/lambda-filter-log-events.json into log group /aws/lambda/image-upload");
      const client = new CloudWatchLogsClient({ endpoint: url, region: "us-east-1", credentials: CREDENTIALS });
      const streams = await client.send(new DescribeLogStreamsCommand({ logGroupName: "/aws/lambda/image-upload" }));
      expect(streams.logStreams!.map((x) => x.logStreamName)).toEqual(["2023/12/05/[$LATEST]3f0c2b8e41d94c7a9b1e5d6f7a8c9d0e", "2023/12/05/[$LATEST]9a7e6d5c4b3a49281706f5e4d3c2b1a0"]);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
