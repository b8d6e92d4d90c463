import { describe, expect, test } from "vitest";
import { consoleEscape, logsInsightsUrl, requestLogsUrl } from "@/lib/insights/console-links";

describe("CloudWatch console links", () => {
  test("escapes values as the console does (a URL the console produced)", () => {
    expect(consoleEscape("fields @timestamp, @message, @logStream, @log\n| sort @timestamp desc\n| limit 10000")).toBe(
      "fields*20*40timestamp*2c*20*40message*2c*20*40logStream*2c*20*40log*0a*7c*20sort*20*40timestamp*20desc*0a*7c*20limit*2010000",
    );
    expect(consoleEscape("2025-05-30T04:00:00.000Z")).toBe("2025-05-30T04*3a00*3a00.000Z");
    expect(consoleEscape("/aws/lambda/checkout-api-prod")).toBe("*2faws*2flambda*2fcheckout-api-prod");
  });

  test("a Logs Insights link carries the window, the query and every log group", () => {
    const url = logsInsightsUrl({
      region: "eu-west-1",
      queryString: 'filter @type = "REPORT"',
      logGroupNames: ["/aws/lambda/a", "/aws/lambda/b"],
      startMs: Date.UTC(2026, 10, 20, 11),
      endMs: Date.UTC(2026, 10, 20, 12),
    });
    expect(url).toBe(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights$3FqueryDetail$3D" +
        "~(end~'2026-11-20T12*3a00*3a00.000Z~start~'2026-11-20T11*3a00*3a00.000Z~timeType~'ABSOLUTE~tz~'UTC" +
        "~editorString~'filter*20*40type*20*3d*20*22REPORT*22~source~(~'*2faws*2flambda*2fa~'*2faws*2flambda*2fb))",
    );
  });

  test("a request link only for something shaped like a request id", () => {
    expect(requestLogsUrl({ region: "us-east-1", logGroup: "/aws/lambda/a", requestId: "8f507cfc-3b7e-4a2e-9d36-1c1fd0b1e2a7", atMs: 0 })).toContain("8f507cfc-3b7e-4a2e-9d36-1c1fd0b1e2a7");
    expect(requestLogsUrl({ region: "us-east-1", logGroup: "/aws/lambda/a", requestId: '" or 1=1', atMs: 0 })).toBeNull();
  });
});
