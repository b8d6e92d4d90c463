// Compute Optimizer errors as its JSON 1.0 endpoint sends them: HTTP status per the SDK model
// (@aws-sdk/client-compute-optimizer 3.1075.0 schemas: InvalidParameterValueException 400,
// AccessDeniedException 403, OptInRequiredException 403, ThrottlingException 429,
// InternalServerException 500) and the body `{"__type":"<namespace>#<Name>","message":…}` that
// awsJson1_0 services send (the SDK strips the namespace). Messages are the demo's wording unless
// they quote the SDK model's documentation.
import { AwsError, accessDeniedMessage } from "../../wire/errors";
import type { FaultErrors } from "../../wire/service";

const NAMESPACE = "com.amazonaws.computeoptimizer";

export const invalidParameterValue = (message: string) => new AwsError({ code: "InvalidParameterValueException", status: 400, message, namespace: NAMESPACE });
export const accessDenied = (message: string) => new AwsError({ code: "AccessDeniedException", status: 403, message, namespace: NAMESPACE });

export const computeOptimizerFaults = (accountId: string): FaultErrors => ({
  throttle: () => new AwsError({ code: "ThrottlingException", status: 429, message: "Rate exceeded", namespace: NAMESPACE }),
  accessDenied: (iamAction) => accessDenied(accessDeniedMessage(accountId, iamAction)),
  serverError: () => new AwsError({ code: "InternalServerException", status: 500, message: "An internal error has occurred. Try your call again.", namespace: NAMESPACE }),
  // SDK model: "The account is not opted in to Compute Optimizer."
  optInRequired: () => new AwsError({ code: "OptInRequiredException", status: 403, message: "The account is not opted in to Compute Optimizer.", namespace: NAMESPACE }),
});
