import "server-only";

/** What a panel shows when its AWS call failed: which action, what AWS said, and what would fix it. */
export type AwsFailure = {
  action: string; // IAM action name, e.g. "cloudwatch:GetMetricData"
  code: string; // the AWS error name, e.g. "AccessDeniedException"
  message: string;
  hint: string;
  status: number; // HTTP status our API answers with
};

// Classified by error name, never by message text (STYLE.md §6). CloudWatch has no
// ThrottlingException class, so `instanceof` would miss it: names are the only stable key.
type Hint = { status: number; hint: (action: string) => string };
const DENIED: Hint = { status: 403, hint: (a) => `Grant ${a} to the dashboard's role (docs/iam-policy.json lists every action it needs).` };
const THROTTLED: Hint = { status: 503, hint: () => "AWS throttled this call after retries; it is retried on the next refresh." };
const TIMED_OUT: Hint = { status: 504, hint: () => "AWS did not answer in time; it is retried on the next refresh." };

// Each service names the same failure its own way (CloudWatch "Throttling", Lambda
// "TooManyRequestsException", the Tagging API "ThrottledException"), so all of them are listed.
const AWS_ERROR_HINTS: Record<string, Hint> = {
  AccessDeniedException: DENIED,
  AccessDenied: DENIED,
  UnauthorizedOperation: DENIED,
  ThrottlingException: THROTTLED,
  Throttling: THROTTLED,
  ThrottledException: THROTTLED,
  TooManyRequestsException: THROTTLED,
  RequestLimitExceeded: THROTTLED,
  TimeoutError: TIMED_OUT,
  RequestTimeout: TIMED_OUT,
  MalformedQueryException: { status: 400, hint: () => "The query is not valid Logs Insights syntax; the message says where." },
  // Logs Insights says it for its 30 concurrent queries; Cost Explorer for throttling.
  LimitExceededException: {
    status: 503,
    hint: (a) => (a.startsWith("logs:") ? "Too many Logs Insights queries are running in the account (30 at most); try again in a moment." : THROTTLED.hint(a)),
  },
  ResourceNotFoundException: { status: 404, hint: () => "The resource does not exist in this account and region." },
  ExpiredTokenException: { status: 401, hint: () => "The AWS session expired: refresh the credentials (e.g. `aws sso login`)." },
  CredentialsProviderError: { status: 401, hint: () => "No AWS credentials found: set AWS_PROFILE or run the demo (`npm run demo`)." },
  OptInRequiredException: { status: 409, hint: () => "Compute Optimizer is not enabled for this account: opt in from its console (free for Lambda) to see its findings here." },
  InvalidClientTokenId: { status: 401, hint: () => "The AWS access key is not valid for this account." },
};

// Network failures carry a Node error code instead of an AWS error name.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH"]);
const UNREACHABLE: Hint = {
  status: 502,
  hint: () => "Could not reach the AWS endpoint. With the demo account, is it running (`npm run demo` or `npm run sim`)? Otherwise check the network and AWS_ENDPOINT_URL.",
};

// A Logs Insights query that started but did not complete (InsightsQueryError, lib/insights/run-query.ts):
// its final status says why, and what to change.
const QUERY_ENDED: Record<string, Hint> = {
  Timeout: { status: 504, hint: () => "The Logs Insights query timed out: it scanned too much to finish in time; narrow the range or the functions." },
  DeadlineExceeded: { status: 504, hint: () => "The Logs Insights query did not finish in time and was stopped: narrow the range or the functions." },
  Cancelled: { status: 502, hint: () => "The Logs Insights query was cancelled; run it again." },
};
const QUERY_FAILED: Hint = { status: 502, hint: () => "The Logs Insights query failed in CloudWatch; try again, or open it in the CloudWatch console for details." };

/**
 * `action` is the panel's own action; an SDK error names the call that really failed ($iamAction,
 * set in lib/aws/clients.ts), which wins: a denied sts:GetCallerIdentity must not read as a denied GetMetricData.
 */
export function classifyAwsError(action: string, err: unknown): AwsFailure {
  const e = err as { name?: string; code?: string; message?: string; status?: string; $iamAction?: string; $metadata?: { httpStatusCode?: number } };
  const failed = e?.$iamAction ?? action;
  if (e?.name === "InsightsQueryError") {
    const ended = QUERY_ENDED[e.status ?? ""] ?? QUERY_FAILED;
    return { action: failed, code: `Query${e.status ?? "Failed"}`, message: e.message || "the Logs Insights query did not complete", hint: ended.hint(failed), status: ended.status };
  }
  // The SDK's request timeout carries a network code (ETIMEDOUT) too, but it is a slow answer, not an unreachable endpoint.
  const byName = e?.name !== undefined && AWS_ERROR_HINTS[e.name] !== undefined;
  const network = !byName && e?.code !== undefined && NETWORK_CODES.has(e.code);
  const code = network ? e.code! : (e?.name ?? "Error");
  const known = network ? UNREACHABLE : AWS_ERROR_HINTS[code];
  const serverSide = (e?.$metadata?.httpStatusCode ?? 0) >= 500;
  return {
    action: failed,
    code,
    message: e?.message || code,
    hint: known ? known.hint(failed) : serverSide ? "AWS answered with a server error; it is retried on the next refresh." : "Unexpected error from AWS.",
    status: known?.status ?? 502,
  };
}

/** A panel's data, or why it could not be fetched. Routes send these; pages render either. */
export type Panel<T> = { ok: true; data: T } | { ok: false; error: AwsFailure };

export async function panel<T>(action: string, load: () => Promise<T>): Promise<Panel<T>> {
  try {
    return { ok: true, data: await load() };
  } catch (err) {
    return { ok: false, error: classifyAwsError(action, err) };
  }
}
