// Cost Explorer errors as its JSON 1.1 endpoint sends them: `{"__type":"ValidationException","message":…}`
// with HTTP 400 (a real one: `{"__type":"ValidationException","message":"Group Definition type is
// invalid."}`). Messages quoted in comments are AWS's own; the others are the demo's wording.
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import type { FaultErrors } from "../../wire/service";

export const validation = (message: string) => new AwsError({ code: "ValidationException", status: 400, message });

// Modeled errors: the texts are the SDK model's documentation strings.
export const dataUnavailable = () => new AwsError({ code: "DataUnavailableException", status: 400, message: "The requested data is unavailable." });
export const invalidNextToken = () => new AwsError({ code: "InvalidNextTokenException", status: 400, message: "The pagination token is invalid. Try again without a pagination token." });
export const requestChanged = () =>
  new AwsError({ code: "RequestChangedException", status: 400, message: "Your request parameters changed between pages. Try again with the old parameters or without a pagination token." });

export const ceFaults = (accountId: string): FaultErrors => ({
  // Cost Explorer throttles with its modeled LimitExceededException, which the SDK retries as a throttle.
  throttle: () => new AwsError({ code: "LimitExceededException", status: 400, message: "You made too many calls in a short period of time. Try again later." }),
  accessDenied: (iamAction) => new AwsError({ code: "AccessDeniedException", status: 400, message: accessDeniedMessage(accountId, iamAction) }),
  serverError: () => new AwsError({ code: "InternalFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure." }),
});
