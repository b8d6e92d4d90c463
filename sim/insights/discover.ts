// Fields Logs Insights discovers in Lambda log events (AWS CWL_AnalyzeLogData-discoverable-fields:
// "@timestamp, @logStream, @message, @requestId, @duration, @billedDuration, @type,
// @maxMemoryUsed, @memorySize", plus @xrayTraceId and @xraySegmentId when a line has an X-Ray
// trace id; AWS's own samples also use @initDuration).
//
// What a REPORT line yields, from a real captured result (AWS-FACTS §3; Embr retrievedData.js):
//   "REPORT RequestId: 76269889-…\tDuration: 14.97 ms\tBilled Duration: 15 ms\tMemory Size: 128 MB\t
//    Max Memory Used: 67 MB\t" → @duration 14.97, @billedDuration 15.0, @memorySize 1.28E8,
//    @maxMemoryUsed 6.7E7 — memory in bytes, converted with ×1,000,000 (not ×1,048,576).
// In the same capture INIT_START and runtime lines ("<time>\t<request id>\tINFO\t…") carry no
// discovered fields, so none are made up for them here.
//
// JSON (LogFormat JSON) platform records such as {"type":"platform.report","record":{…}} get the
// generic JSON fields only (type, record.requestId, record.metrics.durationMs, …): we found no AWS
// source saying Logs Insights maps them to @type/@duration, so we do not.
import { firstJsonFragmentFields, jsonFields } from "./json-fields";

type Fields = Record<string, string | number>;

const MB_TO_BYTES = 1_000_000;

// Labels are matched where they start after whitespace, longest first, so "Duration" never
// matches inside "Billed Duration" or "Restore Duration". Separators are tabs in real lines and
// spaces in many copies of them, so any whitespace works.
const REPORT_LABEL =
  /(?:^|\s)(RequestId|Billed Restore Duration|Restore Duration|Billed Duration|Init Duration|Max Memory Used|Memory Size|Duration|TraceId|SegmentId): *(\S+)/g;

const REPORT_FIELDS: Record<string, [name: string, scale: number] | undefined> = {
  Duration: ["@duration", 1],
  "Billed Duration": ["@billedDuration", 1],
  "Memory Size": ["@memorySize", MB_TO_BYTES],
  "Max Memory Used": ["@maxMemoryUsed", MB_TO_BYTES],
  "Init Duration": ["@initDuration", 1],
};

function reportFields(message: string): Fields {
  const out: Fields = { "@type": "REPORT" };
  for (const [, label, value] of message.matchAll(REPORT_LABEL)) {
    if (label === "RequestId") out["@requestId"] = value;
    else if (label === "TraceId") out["@xrayTraceId"] = value;
    else if (label === "SegmentId") out["@xraySegmentId"] = value;
    else {
      const field = REPORT_FIELDS[label];
      const number = Number(value);
      if (field && Number.isFinite(number)) out[field[0]] = number * field[1];
    }
  }
  return out;
}

/** "START RequestId: <id> Version: $LATEST" and "END RequestId: <id>". */
function startEndFields(type: "START" | "END", message: string): Fields {
  const id = /RequestId:\s*(\S+)/.exec(message);
  return id ? { "@type": type, "@requestId": id[1] } : { "@type": type };
}

const isLambdaGroup = (logGroup: string | undefined) => logGroup === undefined || logGroup.startsWith("/aws/lambda/");

/** Discovered fields of one message (system fields such as @timestamp are not included). */
export function discoverFields(message: string, logGroup?: string): Fields {
  if (message.startsWith("REPORT RequestId:")) return reportFields(message);
  if (message.startsWith("START RequestId:")) return startEndFields("START", message);
  if (message.startsWith("END RequestId:")) return startEndFields("END", message);
  if (isLambdaGroup(logGroup)) return firstJsonFragmentFields(message);
  return message.trimStart().startsWith("{") ? jsonFields(message) : {};
}
