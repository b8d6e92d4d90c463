import { Suspense } from "react";
import { FleetLogStats } from "@/components/fleet/FleetLogStats";
import { FleetOverview } from "@/components/fleet/FleetOverview";
import { getConfig } from "@/lib/config";
import { STATUS_THRESHOLDS as T } from "@/lib/status/function-status";

export default function FleetPage() {
  return (
    <>
      <h1>Fleet overview</h1>
      <Suspense>
        <FleetOverview regions={getConfig().regions} />
        <FleetLogStats />
      </Suspense>
      <p className="muted" style={{ fontSize: 12 }}>
        Status: <b>degraded</b> when the error rate ≥ {T.errorRatePct.degraded}%, throttles ≥ {T.throttleRatePct.degraded}% of requests, p99 duration ≥{" "}
        {T.p99OfTimeoutPct.degraded}% of the timeout, or ≥ {T.dlqDepth.degraded} messages in the DLQ (rates need ≥ {T.minEventsForDegraded} events);{" "}
        <b>warning</b> when the error rate ≥ {T.errorRatePct.warning}%, any throttle, p99 ≥ {T.p99OfTimeoutPct.warning}% of the timeout, or a non-empty DLQ;{" "}
        <b>idle</b> with no invocations in the range.
      </p>
    </>
  );
}
