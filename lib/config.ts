import "server-only";
import { z } from "zod";

// All configuration is environment, read and validated once (README: "Configuration").
const Env = z.object({
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must look like us-east-1").optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  AWS_ENDPOINT_URL: z.url().optional(),
  LAMBDASCOPE_AWS_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(10_000),
  LAMBDASCOPE_AWS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  LAMBDASCOPE_CACHE_TTL_S: z.coerce.number().int().min(0).max(3_600).default(60),
  LAMBDASCOPE_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(60),
  LAMBDASCOPE_MAX_SCAN_GROUP_DAYS: z.coerce.number().int().min(1).max(1_000_000).default(500),
  LAMBDASCOPE_REGIONS: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d(,[a-z]{2}(-[a-z]+)+-\d)*$/, "must be a comma-separated list of regions, e.g. us-east-1,eu-west-1")
    .optional(),
});

export type Config = {
  /** The default Region: the first of `regions`. */
  region: string;
  /** The Regions the picker offers and the overview can read at once (LAMBDASCOPE_REGIONS). */
  regions: string[];
  endpointUrl?: string;
  awsTimeoutMs: number;
  awsMaxAttempts: number;
  cacheTtlMs: number;
  /** Requests a client may make to each expensive API (Logs Insights, Cost Explorer) a minute. */
  rateLimitPerMin: number;
  /** The most a single Logs Insights request may read: log groups × days of range. */
  maxScanGroupDays: number;
};

let config: Config | undefined;

export function getConfig(): Config {
  if (config) return config;
  const env = Env.safeParse(process.env);
  if (!env.success) {
    const issue = env.error.issues[0];
    throw new Error(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const e = env.data;
  const regions = e.LAMBDASCOPE_REGIONS ? [...new Set(e.LAMBDASCOPE_REGIONS.split(","))] : [e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? "us-east-1"];
  config = {
    region: regions[0],
    regions,
    endpointUrl: e.AWS_ENDPOINT_URL,
    awsTimeoutMs: e.LAMBDASCOPE_AWS_TIMEOUT_MS,
    awsMaxAttempts: e.LAMBDASCOPE_AWS_MAX_ATTEMPTS,
    cacheTtlMs: e.LAMBDASCOPE_CACHE_TTL_S * 1000,
    rateLimitPerMin: e.LAMBDASCOPE_RATE_LIMIT_PER_MIN,
    maxScanGroupDays: e.LAMBDASCOPE_MAX_SCAN_GROUP_DAYS,
  };
  return config;
}
