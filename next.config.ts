import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The build checks the app only; `npm run typecheck` checks everything (sim/, e2e/, tests).
  typescript: { tsconfigPath: "tsconfig.app.json" },
  // The AWS SDK is server-only; keep it out of the bundler for faster builds.
  serverExternalPackages: ["@aws-sdk/client-lambda", "@aws-sdk/client-cloudwatch", "@aws-sdk/client-cloudwatch-logs", "@aws-sdk/client-sqs", "@aws-sdk/client-sts", "@aws-sdk/client-resource-groups-tagging-api", "@aws-sdk/client-cost-explorer", "@aws-sdk/client-xray", "@aws-sdk/client-compute-optimizer"],
};

export default nextConfig;
