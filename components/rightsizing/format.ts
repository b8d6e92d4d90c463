// Labels the right-sizing views share.
import type { Finding, Recommendation } from "@/lib/rightsizing/model";
import { formatDurationMs } from "@/lib/format";

export const FINDING_LABEL: Record<Finding, string> = {
  "over-provisioned": "over-provisioned",
  "under-provisioned": "under-provisioned",
  optimal: "optimal",
  "not-enough-data": "not enough data",
};

/** "412 ms (398–431 ms)": the central projection and the range the CPU evidence allows. */
export const p99Range = (p: NonNullable<Recommendation["recommended"]>) =>
  Math.abs(p.p99RangeMs[1] - p.p99RangeMs[0]) < 0.005 * p.p99Ms ? formatDurationMs(p.p99Ms) : `${formatDurationMs(p.p99Ms)} (${formatDurationMs(p.p99RangeMs[0])}–${formatDurationMs(p.p99RangeMs[1])})`;
