import { formatUsd, formatUtc } from "@/lib/format";
import type { ObservationCost } from "@/lib/types";

/** "This view: 1 GetMetricData call (200 metrics, $0.0020) · 1 ListFunctions … · fetched 09:15 UTC". */
export function CostLine({ cost, label = "This view" }: { cost: ObservationCost; label?: string }) {
  const calls = Object.entries(cost.awsCalls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, n]) => `${n} × ${action.split(":")[1]}`);
  const total = Object.values(cost.awsCalls).reduce((a, b) => a + b, 0);
  return (
    <div className="cost-line" data-testid="cost-line">
      {label}: {total} AWS call{total === 1 ? "" : "s"} ({calls.join(", ") || "none"}); {cost.metricsRequested.toLocaleString("en-US")} metrics requested
      {cost.logsBytesScanned > 0 && `, ${(cost.logsBytesScanned / 1024 ** 2).toFixed(1)} MB scanned by Logs Insights`} ≈ {formatUsd(cost.usd)} on AWS · data
      fetched {formatUtc(cost.fetchedAtMs)}
    </div>
  );
}
