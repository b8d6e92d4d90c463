import "server-only";
import { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { ComputeOptimizerClient } from "@aws-sdk/client-compute-optimizer";
import { CostExplorerClient } from "@aws-sdk/client-cost-explorer";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { SQSClient } from "@aws-sdk/client-sqs";
import { STSClient } from "@aws-sdk/client-sts";
import { XRayClient } from "@aws-sdk/client-xray";
import { getConfig } from "@/lib/config";

export type AwsClients = { lambda: LambdaClient; cloudwatch: CloudWatchClient; sqs: SQSClient; sts: STSClient; tagging: ResourceGroupsTaggingAPIClient; logs: CloudWatchLogsClient; ce: CostExplorerClient; xray: XRayClient; computeOptimizer: ComputeOptimizerClient };

const clientsByRegion = new Map<string, AwsClients>();

// One client per (service, region), reused: the SDK team advises it (connection reuse, one
// credential resolution). Credentials come from the default chain (env, profile, SSO, role);
// the endpoint from AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, which the SDK reads itself.
export function awsClients(region = getConfig().region): AwsClients {
  let clients = clientsByRegion.get(region);
  if (!clients) {
    const { awsTimeoutMs, awsMaxAttempts } = getConfig();
    const common = {
      region,
      maxAttempts: awsMaxAttempts,
      retryMode: "adaptive",
      // requestTimeout alone only logs a warning and can hang forever (TOOLCHAIN.md): throw as well.
      requestHandler: { connectionTimeout: 3_000, requestTimeout: awsTimeoutMs, throwOnRequestTimeout: true },
    } as const;
    clients = {
      lambda: new LambdaClient(common),
      cloudwatch: new CloudWatchClient(common),
      sqs: new SQSClient(common),
      sts: new STSClient(common),
      tagging: new ResourceGroupsTaggingAPIClient(common),
      logs: new CloudWatchLogsClient(common),
      // Cost Explorer has one endpoint, in us-east-1, whatever the region being watched.
      ce: new CostExplorerClient({ ...common, region: "us-east-1" }),
      xray: new XRayClient(common),
      computeOptimizer: new ComputeOptimizerClient(common),
    };
    clientsByRegion.set(region, clients);
  }
  return clients;
}
