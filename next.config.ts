import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `npm start` and the Dockerfile run .next/standalone: the server with only the files it needs.
  output: "standalone",
  // Read at run time by path (lib/insights/saved-queries.ts), so tracing cannot see them.
  outputFileTracingIncludes: { "/**": ["./queries/**"] },
  // The build checks the app only; `npm run typecheck` checks everything (sim/, e2e/, tests).
  typescript: { tsconfigPath: "tsconfig.app.json" },
  // The AWS SDK is server-only; keep it out of the bundler for faster builds.
  // On every response, assets included (proxy.ts adds the per-request CSP to pages and API routes).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
  serverExternalPackages: ["@aws-sdk/client-lambda", "@aws-sdk/client-cloudwatch", "@aws-sdk/client-cloudwatch-logs", "@aws-sdk/client-sqs", "@aws-sdk/client-sts", "@aws-sdk/client-resource-groups-tagging-api", "@aws-sdk/client-cost-explorer", "@aws-sdk/client-xray", "@aws-sdk/client-compute-optimizer", "ioredis"],
};

export default nextConfig;
