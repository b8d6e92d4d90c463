// One error type for every service; each protocol renders it the way that service does on the wire
// (sim/wire/rest-json.ts, json-rpc.ts, query.ts). Handlers throw these and never build error bodies.

export interface AwsErrorInit {
  /** The error name the SDK surfaces as `e.name`, e.g. "ResourceNotFoundException". */
  code: string;
  status: number;
  message: string;
  /**
   * For awsQueryCompatible JSON services (CloudWatch, SQS): the legacy query-protocol code sent in
   * the `x-amzn-query-error: <code>;<Sender|Receiver>` header. The SDK maps it back to the modeled
   * error (AWS.SimpleQueueService.NonExistentQueue → QueueDoesNotExist) and exposes it as `e.Code`.
   * Leave unset for unmodeled errors: the SDK would then name the error after the header code.
   */
  queryCode?: string;
  /** Shape namespace for `__type` ("com.amazonaws.sqs"); unset sends the bare code. */
  namespace?: string;
  fault?: "Sender" | "Receiver";
  headers?: Record<string, string>;
  /** Extra members of the error body (Lambda's TooManyRequestsException carries `Reason`). */
  extra?: Record<string, unknown>;
}

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly queryCode?: string;
  readonly namespace?: string;
  readonly fault: "Sender" | "Receiver";
  readonly headers: Record<string, string>;
  readonly extra: Record<string, unknown>;

  constructor(init: AwsErrorInit) {
    super(init.message);
    this.name = init.code;
    this.code = init.code;
    this.status = init.status;
    this.queryCode = init.queryCode;
    this.namespace = init.namespace;
    this.fault = init.fault ?? (init.status >= 500 ? "Receiver" : "Sender");
    this.headers = init.headers ?? {};
    this.extra = init.extra ?? {};
  }
}

/** The identity every request is answered as (STS GetCallerIdentity, AccessDenied messages). */
export const DEMO_USER_ARN = (accountId: string) => `arn:aws:iam::${accountId}:user/demo`;

/**
 * IAM's denial text, as AWS services return it since 2021 ("…because no identity-based policy
 * allows the <action> action"). Source: IAM User Guide, "Troubleshoot access denied error messages".
 */
export function accessDeniedMessage(accountId: string, iamAction: string, resource?: string): string {
  const on = resource ? ` on resource: ${resource}` : "";
  return `User: ${DEMO_USER_ARN(accountId)} is not authorized to perform: ${iamAction}${on} because no identity-based policy allows the ${iamAction} action`;
}
