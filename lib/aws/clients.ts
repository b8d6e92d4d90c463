import "server-only";
import { currentRegion } from "@/lib/observe/scope";
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
import { recordingRequests } from "@/lib/observe/record-requests";

export type AwsClients = { lambda: LambdaClient; cloudwatch: CloudWatchClient; sqs: SQSClient; sts: STSClient; tagging: ResourceGroupsTaggingAPIClient; logs: CloudWatchLogsClient; ce: CostExplorerClient; xray: XRayClient; computeOptimizer: ComputeOptimizerClient };

const clientsByRegion = new Map<string, AwsClients>();

// One client per (service, region), reused: the SDK team advises it (connection reuse, one
// credential resolution). Credentials come from the default chain (env, profile, SSO, role);
// the endpoint from AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE>, which the SDK reads itself.
export function awsClients(region = currentRegion()): AwsClients {
  let clients = clientsByRegion.get(region);
  if (!clients) {
    const { awsTimeoutMs, awsMaxAttempts } = getConfig();
    const common = {
      region,
      maxAttempts: awsMaxAttempts,
      // Standard, not adaptive: adaptive rate-limits the whole client after a throttle, so one throttled
      // action (StartQuery) slowed every panel on that service for a minute; AWS advises it only for a
      // client per throttled resource (docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
      retryMode: "standard",
      // requestTimeout alone only logs a warning and can hang forever (TOOLCHAIN.md): throw as well.
      requestHandler: { connectionTimeout: 3_000, requestTimeout: awsTimeoutMs, throwOnRequestTimeout: true },
    } as const;
    const observed = <C extends Stack>(client: C, iamPrefix: string) =>
      recordingRequests(namingFailures(withoutSdkLogger(client), iamPrefix), iamPrefix, region);
    clients = {
      lambda: observed(new LambdaClient(common), "lambda"),
      cloudwatch: observed(new CloudWatchClient(common), "cloudwatch"),
      sqs: observed(new SQSClient(common), "sqs"),
      sts: observed(new STSClient(common), "sts"),
      tagging: observed(new ResourceGroupsTaggingAPIClient(common), "tag"),
      logs: observed(new CloudWatchLogsClient(common), "logs"),
      // Cost Explorer has one endpoint, in us-east-1, whatever the region being watched.
      ce: observed(new CostExplorerClient({ ...common, region: "us-east-1" }), "ce"),
      xray: observed(new XRayClient(common), "xray"),
      computeOptimizer: observed(new ComputeOptimizerClient(common), "compute-optimizer"),
    };
    clientsByRegion.set(region, clients);
  }
  return clients;
}

type Send = (args: any) => Promise<any>; // any command's input and output
type Stack = { middlewareStack: { add(mw: (next: Send, context: { commandName?: string }) => Send, options: { step: "initialize"; name: string }): void; remove(name: string): boolean } };

/**
 * No SDK logger is configured, yet the SDK's logger middleware copies every input and output through
 * its sensitive-data filter for the log line nobody reads: ~160 ms of CPU in one cold overview of
 * 5,000 functions (1,452 calls). Without it, nothing is lost: requests are recorded by recordingRequests.
 */
function withoutSdkLogger<C extends Stack>(client: C): C {
  client.middlewareStack.remove("loggerMiddleware");
  return client;
}

/**
 * Marks an error (after the SDK's retries) with the IAM action of the call that failed, e.g.
 * "sts:GetCallerIdentity" under a panel that reads metrics: classifyAwsError names that action,
 * so the hint grants or retries what actually failed, not the panel's main action.
 */
function namingFailures<C extends Stack>(client: C, iamPrefix: string): C {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (err instanceof Error && !("$iamAction" in err)) Object.assign(err, { $iamAction: `${iamPrefix}:${(context.commandName ?? "").replace(/Command$/, "")}` });
        throw err;
      }
    },
    { step: "initialize", name: "iamActionOnFailure" },
  );
  return client;
}
