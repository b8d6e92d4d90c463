// AWS Compute Optimizer, JSON 1.0 (`X-Amz-Target: ComputeOptimizerService.<Action>`, SigV4 signing
// name `compute-optimizer`; @aws-sdk/client-compute-optimizer 3.1075.0: AwsJson1_0Protocol,
// serviceTarget "ComputeOptimizerService", defaultNamespace "com.amazonaws.computeoptimizer").
// Only GetLambdaFunctionRecommendations: memory recommendations worked out from the fleet model.
import type { ServiceDef } from "../../wire/service";
import { computeOptimizerFaults } from "./errors";
import { getLambdaFunctionRecommendations } from "./get-lambda-function-recommendations";

export const computeOptimizerService: ServiceDef = {
  iamPrefix: "compute-optimizer",
  protocol: { kind: "json", version: "1.0", targetPrefix: "ComputeOptimizerService" },
  actions: {
    GetLambdaFunctionRecommendations: getLambdaFunctionRecommendations,
  },
  faults: computeOptimizerFaults,
};
