// CloudWatch errors as its JSON 1.0 protocol sends them. CloudWatch is awsQueryCompatible: modeled
// errors go out as `__type: "com.amazonaws.cloudwatch#<Shape>"` with `x-amzn-query-error:
// <legacy code>;Sender`, and the SDK resolves the legacy code to the shape (client-cloudwatch schema:
// InvalidParameterValueException ↔ InvalidParameterValue, ValidationException ↔ ValidationError,
// MissingRequiredParameterException ↔ MissingParameter, InvalidNextToken, InvalidParameterCombinationException).
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import type { FaultErrors } from "../../wire/service";

const CW = "com.amazonaws.cloudwatch";

const modeled = (code: string, queryCode: string, message: string, status = 400) =>
  new AwsError({ code, queryCode, status, namespace: CW, message });

export const invalidParameterValue = (message: string) => modeled("InvalidParameterValueException", "InvalidParameterValue", message);
export const invalidParameterCombination = (message: string) =>
  modeled("InvalidParameterCombinationException", "InvalidParameterCombination", message);
export const validationError = (message: string) => modeled("ValidationException", "ValidationError", message);
export const missingParameter = (name: string) =>
  modeled("MissingRequiredParameterException", "MissingParameter", `The parameter ${name} is required.`);
export const invalidNextToken = () => modeled("InvalidNextToken", "InvalidNextToken", "The service couldn't process the NextToken: it is not valid for this request.");

export const cloudwatchFaults = (accountId: string): FaultErrors => ({
  // CloudWatch throttles with HTTP 400; the SDK has no ThrottlingException shape for CloudWatch, so
  // it surfaces the __type as e.name and retries it (THROTTLING_ERROR_CODES in @smithy/core/retry).
  // No query code is sent: with one, the SDK would name the error after it ("Throttling").
  throttle: () => new AwsError({ code: "ThrottlingException", status: 400, namespace: "com.amazon.coral.availability", message: "Rate exceeded" }),
  accessDenied: (iamAction) =>
    new AwsError({ code: "AccessDeniedException", status: 403, namespace: "com.amazon.coral.service", message: accessDeniedMessage(accountId, iamAction) }),
  serverError: () =>
    new AwsError({ code: "InternalFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure." }),
});
