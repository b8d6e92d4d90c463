// CloudWatch Logs errors as its JSON 1.1 protocol sends them: `{"__type":"<Name>","message":…}`,
// HTTP 400 for client faults (Logs answers AccessDenied with 400 too), the SDK naming the error by
// __type (client-cloudwatch-logs: ResourceNotFoundException, InvalidParameterException,
// LimitExceededException, MalformedQueryException, ThrottlingException, ServiceUnavailableException…).
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import type { FaultErrors } from "../../wire/service";

const error = (code: string, message: string, status = 400, extra?: Record<string, unknown>) => new AwsError({ code, status, message, extra });

export const invalidParameter = (message: string) => error("InvalidParameterException", message);

/** DescribeLogStreams / CreateLogStream / PutLogEvents on a group that does not exist. */
export const logGroupNotFound = () => error("ResourceNotFoundException", "The specified log group does not exist.");
export const logStreamNotFound = () => error("ResourceNotFoundException", "The specified log stream does not exist.");

/** StartQuery naming a group the account does not have. */
export const queryLogGroupNotFound = (name: string, accountId: string) =>
  error("ResourceNotFoundException", `Log group '${name}' does not exist for account ID '${accountId}'`);

export const queryNotFound = () => error("ResourceNotFoundException", "The specified query does not exist.");
export const queryDefinitionNotFound = () => error("ResourceNotFoundException", "The specified query definition does not exist.");

export const alreadyExists = (what: "log group" | "log stream") =>
  error("ResourceAlreadyExistsException", `The specified ${what} already exists`);

/**
 * The account's Logs Insights concurrency (30 queries, AWS-FACTS §1). Real message, with the limit
 * in brackets: "Account maximum query concurrency limit of [10] reached." (seen in public logs).
 */
export const queryConcurrencyLimit = (limit: number) => error("LimitExceededException", `Account maximum query concurrency limit of [${limit}] reached.`);

/**
 * MalformedQueryException carries a QueryCompileError: { location: { startCharOffset,
 * endCharOffset }, message } (CloudWatch Logs API reference, QueryCompileError), surfaced by the
 * SDK as `e.queryCompileError`.
 */
export const malformedQuery = (message: string, startCharOffset: number, endCharOffset: number) =>
  error("MalformedQueryException", message, 400, { queryCompileError: { location: { startCharOffset, endCharOffset }, message } });

export const logsFaults = (accountId: string): FaultErrors => ({
  throttle: () => error("ThrottlingException", "Rate exceeded"),
  accessDenied: (iamAction) => error("AccessDeniedException", accessDeniedMessage(accountId, iamAction)),
  serverError: () => error("ServiceUnavailableException", "The service cannot complete the request.", 500),
});
