import "server-only";
import { USER_HEADER } from "@/lib/access/identity";
import { countInWindow } from "@/lib/cache/cache";
import { getConfig } from "@/lib/config";
import { InputError } from "@/lib/http/responses";
import { scanGroupDays } from "@/lib/ranges";

const MINUTE_MS = 60_000;

/** The APIs that spend money on every uncached call: Logs Insights ($ per GB scanned) and Cost Explorer ($0.01 a request). */
export type Expensive = "Logs Insights" | "Cost Explorer";

/**
 * Who is asking, for rate limits: the user a sign-in proxy vouched for, else the client address a
 * reverse proxy forwards, else this machine (loopback, no proxy: one user).
 */
export function clientOf(req: Request): string {
  return req.headers.get(USER_HEADER) ?? req.headers.get("x-forwarded-for")?.split(",")[0].trim() ?? "local";
}

/**
 * Per client and API, a fixed one-minute window (shared by replicas with Redis). Checked after input
 * validation, so only requests that would reach AWS count. Answers 429 with Retry-After, or null.
 */
export async function rateLimit(req: Request, api: Expensive, nowMs = Date.now()): Promise<Response | null> {
  const limit = getConfig().rateLimitPerMin;
  const n = await countInWindow(`${api}|${clientOf(req)}`, MINUTE_MS, nowMs);
  if (n <= limit) return null;
  const retryS = Math.ceil((MINUTE_MS - (nowMs % MINUTE_MS)) / 1000);
  return Response.json(
    { error: { field: "rate", reason: `at most ${limit} ${api} requests a minute per client (LAMBDASCOPE_RATE_LIMIT_PER_MIN); try again in ${retryS} s` } },
    { status: 429, headers: { "retry-after": String(retryS) } },
  );
}

/**
 * The cap on what one Logs Insights request may read, as log groups × days of range (scanned bytes
 * grow with both, and are unknown until the query ends). Throws an InputError naming the fix.
 */
export function checkScanSize(logGroups: number, rangeS: number) {
  const groupDays = scanGroupDays(logGroups, rangeS);
  const max = getConfig().maxScanGroupDays;
  if (groupDays > max) {
    const days = rangeS / 86_400;
    throw new InputError(
      "range",
      `${logGroups} log groups × ${days >= 1 ? `${days} days` : `${rangeS / 3600} hours`} is ${Math.round(groupDays)} log-group-days, over the ${max} one request may scan (LAMBDASCOPE_MAX_SCAN_GROUP_DAYS): choose fewer functions or a shorter range`,
    );
  }
}
