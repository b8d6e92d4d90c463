// Cost Explorer, JSON 1.1 (`X-Amz-Target: AWSInsightsIndexService.<Action>`, SigV4 signing name
// `ce`; @aws-sdk/client-cost-explorer's protocol settings). Every answer is read from the account's
// bill (sim/billing), which is made from the same invocations as the metrics and the logs.
import type { ServiceDef } from "../../wire/service";
import { ceFaults } from "./errors";
import { getCostAndUsage } from "./get-cost-and-usage";
import { getCostCategories, getDimensionValues, getTags } from "./get-values";

export const ceService: ServiceDef = {
  iamPrefix: "ce",
  global: true,
  protocol: { kind: "json", version: "1.1", targetPrefix: "AWSInsightsIndexService" },
  actions: {
    GetCostAndUsage: getCostAndUsage,
    GetDimensionValues: getDimensionValues,
    GetTags: getTags,
    GetCostCategories: getCostCategories,
  },
  faults: ceFaults,
};
