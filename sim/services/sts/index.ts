// STS, query protocol: the demo account answers GetCallerIdentity only, as the IAM user "demo".
import { AwsError, DEMO_USER_ARN, accessDeniedMessage } from "../../wire/errors";
import type { ServiceDef } from "../../wire/service";

// An IAM user's unique id starts with "AIDA" followed by 17 characters (IAM User Guide, "Unique identifiers").
export const DEMO_USER_ID = "AIDADEMOACCOUNTUSER01";

export const stsService: ServiceDef = {
  iamPrefix: "sts",
  protocol: { kind: "query", version: "2011-06-15", xmlns: "https://sts.amazonaws.com/doc/2011-06-15/" },
  actions: {
    GetCallerIdentity: (_input, { model }) => ({
      UserId: DEMO_USER_ID,
      Account: model.fleet.accountId,
      Arn: DEMO_USER_ARN(model.fleet.accountId),
    }),
  },
  faults: (accountId) => ({
    // STS's query-protocol codes: "Throttling" (400) is what the SDK's retry strategy lists for it.
    throttle: () => new AwsError({ code: "Throttling", status: 400, message: "Rate exceeded" }),
    accessDenied: (iamAction) => new AwsError({ code: "AccessDenied", status: 403, message: accessDeniedMessage(accountId, iamAction) }),
    serverError: () => new AwsError({ code: "InternalFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure." }),
  }),
};
