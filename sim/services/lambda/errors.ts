// Lambda's errors as its restJson1 protocol sends them: HTTP status + `x-amzn-errortype: <Name>` +
// `{"Type":"User","Message":…}` (sim/wire/rest-json.ts). Names and statuses from the client-lambda
// schema (ResourceNotFoundException 404, InvalidParameterValueException 400, TooManyRequestsException 429, …).
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import type { FaultErrors } from "../../wire/service";

export const resourceNotFound = (message: string) => new AwsError({ code: "ResourceNotFoundException", status: 404, message });

/** "Function not found: arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]" — Lambda names the ARN it looked for. */
export const functionNotFound = (arn: string) => resourceNotFound(`Function not found: ${arn}`);

export const invalidParameterValue = (message: string) => new AwsError({ code: "InvalidParameterValueException", status: 400, message });

/**
 * Constraint violations on input members (length, range, pattern, enum) come from the service
 * framework as an unmodeled ValidationException with Coral's "1 validation error detected" text.
 */
export const validationError = (member: string, value: unknown, constraint: string) =>
  new AwsError({
    code: "ValidationException",
    status: 400,
    message: `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
  });

export const lambdaFaults = (accountId: string): FaultErrors => ({
  // Lambda throttles control-plane calls with 429 TooManyRequestsException, Reason CallerRateLimitExceeded
  // (Lambda API reference, Common Errors / TooManyRequestsException).
  throttle: () =>
    new AwsError({ code: "TooManyRequestsException", status: 429, message: "Rate exceeded", extra: { Reason: "CallerRateLimitExceeded" } }),
  accessDenied: (iamAction) =>
    new AwsError({ code: "AccessDeniedException", status: 403, message: accessDeniedMessage(accountId, iamAction, "*") }),
  // Lambda's modeled 5xx is ServiceException (500).
  serverError: () => new AwsError({ code: "ServiceException", status: 500, message: "An internal error occurred. Please try again." }),
});
