// AWS list prices the estimates use, with where each number comes from. Pure and shared with the
// browser (the calculator computes as you type). Checked 2026-11-23.
//
// Sources:
// [lambda]  https://aws.amazon.com/lambda/pricing/ (tables render client-side; read through a verbatim
//           copy of the page; its worked examples are reproduced to the cent in lambda-cost.test.ts)
// [tiers]   https://cloudchipr.com/blog/aws-lambda-pricing (secondary: the page's tier table)
// [pc-arm]  several agreeing secondary copies of the page's Arm provisioned-concurrency table
// [cw]      https://aws.amazon.com/cloudwatch/pricing/ (Logs ingestion standard class, Logs Insights)
// [xray]    https://aws.amazon.com/xray/pricing/
// [sqs]     https://aws.amazon.com/sqs/pricing/ (standard queues, read through secondary copies)
// [init]    https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/

export const ARCHITECTURES = ["x86_64", "arm64"] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** A volume tier: the rate applies to usage up to `upTo` (cumulative, per month), null = no limit. */
export type Tier = { upTo: number | null; usd: number };

export type PriceList = {
  region: string;
  lambdaRequestUsd: number; // per request
  lambdaDurationTiers: Record<Architecture, Tier[]>; // per GB-s, on-demand, tiers on the monthly aggregate per architecture
  provisionedConcurrencyUsdPerGbS: Record<Architecture, number>; // configured concurrency × memory × time enabled
  provisionedDurationUsdPerGbS: Record<Architecture, number>; // duration of invocations served by provisioned environments
  ephemeralStorageUsdPerGbS: number; // above the free 512 MB
  logsIngestionUsdPerGb: number;
  logsInsightsUsdPerGbScanned: number;
  xrayTraceRecordedUsd: number; // per trace
  sqsRequestUsd: number; // per request, standard queue
};

const US: Omit<PriceList, "region"> = {
  lambdaRequestUsd: 0.2 / 1e6, // [lambda] $0.20 per 1M requests
  lambdaDurationTiers: {
    // [lambda] first tier; [tiers] the next two (x86: "over 15 B GB-s $0.0000133334", arm: "over 18.75 B $0.0000106667")
    x86_64: [
      { upTo: 6e9, usd: 0.0000166667 },
      { upTo: 15e9, usd: 0.000015 },
      { upTo: null, usd: 0.0000133334 },
    ],
    arm64: [
      { upTo: 7.5e9, usd: 0.0000133334 },
      { upTo: 18.75e9, usd: 0.0000120001 },
      { upTo: null, usd: 0.0000106667 },
    ],
  },
  provisionedConcurrencyUsdPerGbS: { x86_64: 0.0000041667, arm64: 0.0000033334 }, // [lambda] x86, [pc-arm] arm
  provisionedDurationUsdPerGbS: { x86_64: 0.0000097222, arm64: 0.0000077778 }, // [lambda] x86, [pc-arm] arm
  ephemeralStorageUsdPerGbS: 0.0000000309, // [lambda]
  logsIngestionUsdPerGb: 0.5, // [cw] standard log class
  logsInsightsUsdPerGbScanned: 0.005, // [cw]
  xrayTraceRecordedUsd: 5 / 1e6, // [xray] $5.00 per 1M traces recorded
  sqsRequestUsd: 0.4 / 1e6, // [sqs] standard, first 100 B requests a month
};

/**
 * Regions whose prices we have checked. The US regions below list the same Lambda, CloudWatch Logs,
 * X-Ray and SQS prices; other regions differ and are refused rather than guessed.
 */
export const PRICE_LISTS: Record<string, PriceList> = Object.fromEntries(["us-east-1", "us-east-2", "us-west-2"].map((region) => [region, { region, ...US }]));
export const PRICED_REGIONS = Object.keys(PRICE_LISTS);

/** The account's monthly free tier (AWS Free Tier, always free), shared by all functions of both architectures. */
export const FREE_TIER = {
  lambdaRequests: 1_000_000, // [lambda]
  lambdaGbSeconds: 400_000, // [lambda]; not for duration served by provisioned concurrency
  logsGb: 5, // [cw] shared by ingestion, storage and Insights scans
  xrayTracesRecorded: 100_000, // [xray]
  sqsRequests: 1_000_000, // [sqs]
} as const;

/** AWS prices a month as 730 hours. */
export const HOURS_PER_MONTH = 730;
/** AWS bills data in GB of 2^30 bytes. */
export const BYTES_PER_GB = 1024 ** 3;

/** Ephemeral storage every function gets free. */
export const FREE_EPHEMERAL_STORAGE_MB = 512;
/** Provisioned concurrency is metered from enable to disable, rounded up to 5 minutes [lambda]. */
export const PROVISIONED_ROUNDING_S = 300;
/**
 * Since 1 August 2025 the INIT phase of on-demand functions is billed on every runtime and package
 * type (before, only custom runtimes, container images and provisioned concurrency were) [init]:
 * a REPORT line's Billed Duration is then ceil(Duration + Init Duration).
 */
export const INIT_BILLED_FROM = "2025-08-01";
