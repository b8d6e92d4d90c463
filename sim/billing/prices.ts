// The demo account's price list: AWS's us-east-1 list prices (AWS-FACTS §2) and the usage types,
// services and units Cost Explorer shows them under. The sim plays AWS here, so it owns this table;
// the dashboard has its own (lib/cost) and must never import this one.
import type { Architecture } from "../model/types";

/** SERVICE dimension values, as Cost Explorer spells them (AWS-FACTS §1; "AmazonCloudWatch" has no space). */
export const SERVICE = {
  lambda: "AWS Lambda",
  cloudwatch: "AmazonCloudWatch",
  sqs: "Amazon Simple Queue Service",
  xray: "AWS X-Ray",
  savingsPlans: "Savings Plans for AWS Compute usage",
} as const;

/** RECORD_TYPE dimension values used by this bill (CUR line item types). */
export const RECORD_TYPE = {
  usage: "Usage",
  spCovered: "SavingsPlanCoveredUsage",
  spNegation: "SavingsPlanNegation",
  spFee: "SavingsPlanRecurringFee",
} as const;

export interface UsageTypeSpec {
  usageType: string;
  service: string;
  /** UsageQuantity's Unit in Cost Explorer. */
  unit: string;
  /** List price per unit of usage, USD. */
  usdPerUnit: number;
  /** Covered by the Compute Savings Plan (Lambda duration and provisioned concurrency). */
  savingsPlanEligible: boolean;
}

const lambda = (usageType: string, unit: string, usdPerUnit: number, savingsPlanEligible: boolean): UsageTypeSpec =>
  ({ usageType, service: SERVICE.lambda, unit, usdPerUnit, savingsPlanEligible });

// Lambda in us-east-1 carries no region prefix (a captured GetCostAndUsage response groups
// `Request`, `Lambda-GB-Second`, `Lambda-GB-Second-ARM` for us-east-1 and `USW2-…` for us-west-2;
// the AWSLambda offer file names the same usage types). Prices: aws.amazon.com/lambda/pricing,
// first tier (AWS-FACTS §2); Arm provisioned-concurrency rates from the AWSLambda offer file.
export const LAMBDA_USAGE = {
  request: { x86_64: lambda("Request", "Requests", 0.2 / 1e6, false), arm64: lambda("Request-ARM", "Requests", 0.2 / 1e6, false) },
  duration: { x86_64: lambda("Lambda-GB-Second", "Lambda-GB-Second", 0.0000166667, true), arm64: lambda("Lambda-GB-Second-ARM", "Lambda-GB-Second", 0.0000133334, true) },
  pcConcurrency: {
    x86_64: lambda("Lambda-Provisioned-Concurrency", "Lambda-GB-Second", 0.0000041667, true),
    arm64: lambda("Lambda-Provisioned-Concurrency-ARM", "Lambda-GB-Second", 0.0000033334, true),
  },
  pcDuration: {
    x86_64: lambda("Lambda-Provisioned-GB-Second", "Lambda-GB-Second", 0.0000097222, true),
    arm64: lambda("Lambda-Provisioned-GB-Second-ARM", "Lambda-GB-Second", 0.0000077778, true),
  },
} satisfies Record<string, Record<Architecture, UsageTypeSpec>>;

/** CloudWatch Logs standard ingestion, $0.50 per GB (CloudWatch pricing; AWS-FACTS §2). GB = 2^30 bytes. */
export const LOGS_INGESTION: UsageTypeSpec = { usageType: "USE1-DataProcessing-Bytes", service: SERVICE.cloudwatch, unit: "GB", usdPerUnit: 0.5, savingsPlanEligible: false };
export const BYTES_PER_GB = 1024 ** 3;

/** X-Ray traces recorded, $5.00 per million (X-Ray pricing; AWS-FACTS §2). Usage type name not confirmed for us-east-1. */
export const XRAY_TRACES: UsageTypeSpec = { usageType: "USE1-XRay-TracesStored", service: SERVICE.xray, unit: "Traces", usdPerUnit: 5 / 1e6, savingsPlanEligible: false };

/** SQS standard-queue requests, $0.40 per million; us-east-1 names them `Requests-RBP` (AWSQueueService offer). */
export const SQS_REQUESTS: UsageTypeSpec = { usageType: "Requests-RBP", service: SERVICE.sqs, unit: "Requests", usdPerUnit: 0.4 / 1e6, savingsPlanEligible: false };

/**
 * Monthly always-free allowances, used up in day order from the 1st (AWS-FACTS §2): Lambda 1M
 * requests + 400,000 GB-s shared by both architectures, not for functions with provisioned
 * concurrency; CloudWatch Logs 5 GB (shared with storage and Insights scans on AWS; all of it goes
 * to ingestion here); X-Ray 100,000 traces recorded; SQS 1M requests.
 */
export const FREE_TIER = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  logsGb: 5,
  xrayTraces: 100_000,
  sqsRequests: 1_000_000,
};
export type FreeTierPool = keyof typeof FREE_TIER;

/**
 * The account's Compute Savings Plan: 1-year, no upfront, bought on the first of the month eight
 * months before the anchor's month. Lambda duration and provisioned concurrency are 17 % cheaper
 * under it (AWS-FACTS §2: "up to 17 %"; the demo uses 17 % for every eligible usage type).
 */
export const SAVINGS_PLAN = {
  arn: "arn:aws:savingsplans::123456789012:savingsplan/3f6c1a2e-8d4b-4c1f-9a6e-5b7d2c9e0f41",
  usageType: "ComputeSP:1yrNoUpfront",
  unit: "Hrs",
  region: "global",
  /** Hourly commitment, in Savings Plan dollars. */
  commitmentUsdPerHour: 0.12,
  discount: 0.17,
  startMonthsBeforeAnchor: 8,
};

/**
 * AWS's billing codes: every region but us-east-1 prefixes its usage types with one (`EU-Request`,
 * `APS2-Lambda-GB-Second`); in us-east-1 some usage types carry `USE1-` (CloudWatch, X-Ray) and
 * some none (Lambda, SQS). Source: "AWS Region billing codes", docs.aws.amazon.com/global-
 * infrastructure/latest/regions/aws-region-billing-codes.html (the same table appears in public
 * cost tooling; eu-west-1 is the odd one, plain `EU`). A region without a code here cannot be
 * configured (sim/regions.ts), since its bill could not be named.
 */
export const REGION_BILLING_CODES: Readonly<Record<string, string>> = {
  "us-east-1": "USE1", "us-east-2": "USE2", "us-west-1": "USW1", "us-west-2": "USW2", "ca-central-1": "CAN1",
  "eu-west-1": "EU", "eu-west-2": "EUW2", "eu-west-3": "EUW3", "eu-central-1": "EUC1", "eu-central-2": "EUC2", "eu-north-1": "EUN1",
  "ap-northeast-1": "APN1", "ap-northeast-2": "APN2", "ap-northeast-3": "APN3", "ap-southeast-1": "APS1", "ap-southeast-2": "APS2",
  "ap-south-1": "APS3", "sa-east-1": "SAE1",
};

const BILLED_REGION = "us-east-1";
const regionalSpecs = new Map<string, UsageTypeSpec>();

/**
 * A usage type as `region` bills it. Prices stay us-east-1 list prices in every region: the demo
 * has no sourced price list for others (on AWS, e.g. Lambda in eu-west-1 costs the same and in
 * ap-southeast-2 slightly more), so a region's cost differs only by its usage.
 */
export function regionalSpec(spec: UsageTypeSpec, region: string): UsageTypeSpec {
  if (region === BILLED_REGION) return spec;
  const key = `${region} ${spec.usageType}`;
  let regional = regionalSpecs.get(key);
  if (!regional) {
    const code = REGION_BILLING_CODES[region];
    if (!code) throw new Error(`no billing code for region ${region}`);
    regional = { ...spec, usageType: `${code}-${spec.usageType.replace(/^USE1-/, "")}` };
    regionalSpecs.set(key, regional);
  }
  return regional;
}

export const REGION = BILLED_REGION;
export const ACCOUNT_NAME = "Lambdascope demo";
