import { formatUsd, formatUtc } from "@/lib/format";
import type { ObservationCost } from "@/lib/types";

/**
 * "This view: 1 GetMetricData call (200 metrics) … ≈ $0.0020 on AWS · from cache, fetched 09:15 UTC":
 * what computing the view's data cost, and whether this request paid for it or the cache did.
 */
export function CostLine({ cost, label = "This view" }: { cost: ObservationCost; label?: string }) {
  const calls = Object.entries(cost.awsCalls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, n]) => `${n} × ${action.split(":")[1]}`);
  const total = Object.values(cost.awsCalls).reduce((a, b) => a + b, 0);
  const cache = cost.fromCache ? "from cache" : cost.spentUsd < cost.usd ? `partly from cache: ${formatUsd(cost.spentUsd)} spent now` : "fetched now";
  return (
    <div className="cost-line" data-testid="cost-line" data-from-cache={cost.fromCache}>
      {label}: {total} AWS call{total === 1 ? "" : "s"} ({calls.join(", ") || "none"}); {cost.metricsRequested.toLocaleString("en-US")} metrics requested
      {cost.logsBytesScanned > 0 && `, ${(cost.logsBytesScanned / 1024 ** 2).toFixed(1)} MB scanned by Logs Insights`} ≈ {formatUsd(cost.usd)} on AWS ·{" "}
      <span data-testid="cost-cache">{cache}</span>, data fetched {formatUtc(cost.fetchedAtMs)}
    </div>
  );
}
