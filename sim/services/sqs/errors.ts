// SQS errors as its JSON protocol sends them. SQS is awsQueryCompatible: modeled errors carry
// `__type: "com.amazonaws.sqs#<Shape>"` plus `x-amzn-query-error: <legacy code>;Sender`, and the
// SDK resolves the legacy code to the shape (client-sqs schema: QueueDoesNotExist has awsQueryError
// "AWS.SimpleQueueService.NonExistentQueue", 400).
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import type { FaultErrors } from "../../wire/service";

const SQS = "com.amazonaws.sqs";

export const queueDoesNotExist = () =>
  new AwsError({
    code: "QueueDoesNotExist",
    status: 400,
    namespace: SQS,
    queryCode: "AWS.SimpleQueueService.NonExistentQueue",
    message: "The specified queue does not exist.",
  });

export const invalidAddress = (queueUrl: string) =>
  new AwsError({ code: "InvalidAddress", status: 404, namespace: SQS, queryCode: "InvalidAddress", message: `The address ${queueUrl} is not valid for this endpoint.` });

export const invalidAttributeName = (name: string) =>
  new AwsError({ code: "InvalidAttributeName", status: 400, namespace: SQS, queryCode: "InvalidAttributeName", message: `Unknown Attribute ${name}.` });

// Unmodeled in the SDK: without a modeled shape the SDK names the error after the query code.
export const invalidParameterValue = (message: string) =>
  new AwsError({ code: "InvalidParameterValue", status: 400, queryCode: "InvalidParameterValue", message });

export const missingParameter = (name: string) =>
  new AwsError({ code: "MissingParameter", status: 400, queryCode: "MissingParameter", message: `The request must contain the parameter ${name}.` });

export const sqsFaults = (accountId: string): FaultErrors => ({
  // SQS JSON API reference, Common Errors: ThrottlingException, HTTP 400. Sent without a query
  // code so the SDK surfaces e.name "ThrottlingException", which its retry strategy retries.
  throttle: () => new AwsError({ code: "ThrottlingException", status: 400, namespace: "com.amazon.coral.availability", message: "Rate exceeded" }),
  accessDenied: (iamAction) =>
    new AwsError({ code: "AccessDeniedException", status: 403, namespace: "com.amazon.coral.service", message: accessDeniedMessage(accountId, iamAction) }),
  serverError: () =>
    new AwsError({ code: "InternalFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure." }),
});
