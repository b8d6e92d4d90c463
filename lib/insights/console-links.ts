// Links into the CloudWatch console (shared with the browser; pure). The console keeps Logs Insights
// state in the URL fragment as `~(key~'value~…)` with values escaped as `*XX` (lowercase hex of each
// UTF-8 byte) for everything but letters, digits, '.', '_' and '-'. Checked against URLs the console
// itself produced, e.g. editorString 'fields*20*40timestamp*2c…' and start '2025-05-30T04*3a00*3a00.000Z'.

export const consoleEscape = (value: string) =>
  [...new TextEncoder().encode(value)]
    .map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `*${b.toString(16).padStart(2, "0")}`))
    .join("");

const consoleHome = (region: string) => `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}`;

/** Opens Logs Insights in the console with this query, these log groups and this absolute UTC window. */
export function logsInsightsUrl(p: { region: string; queryString: string; logGroupNames: string[]; startMs: number; endMs: number }): string {
  const iso = (ms: number) => consoleEscape(new Date(ms).toISOString());
  const sources = p.logGroupNames.map((g) => `~'${consoleEscape(g)}`).join("");
  const detail = `~(end~'${iso(p.endMs)}~start~'${iso(p.startMs)}~timeType~'ABSOLUTE~tz~'UTC~editorString~'${consoleEscape(p.queryString)}~source~(${sources}))`;
  return `${consoleHome(p.region)}#logsV2:logs-insights$3FqueryDetail$3D${detail}`;
}

const REQUEST_ID = /^[0-9a-fA-F-]{8,64}$/;

/** Every log line of one request (±15 min around it), in Logs Insights; null for an id that is not one. */
export function requestLogsUrl(p: { region: string; logGroup: string; requestId: string; atMs: number }): string | null {
  if (!REQUEST_ID.test(p.requestId)) return null;
  const queryString = `fields @timestamp, @logStream, @message\n| filter @requestId = "${p.requestId}" or requestId = "${p.requestId}"\n| sort @timestamp asc`;
  const marginMs = 15 * 60_000;
  return logsInsightsUrl({ region: p.region, queryString, logGroupNames: [p.logGroup], startMs: p.atMs - marginMs, endMs: p.atMs + marginMs });
}
