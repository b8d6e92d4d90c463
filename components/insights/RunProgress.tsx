"use client";
import { formatUsd } from "@/lib/format";
import type { RunState } from "@/lib/insights/runs";
import type { JoinedRun } from "@/components/insights/useInsightsRun";

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 0);

/**
 * Records and bytes scanned so far, what the scan costs, and a cancel button while it runs.
 * `joined`: this view joined a run an identical request had started, so the cost shown was paid once, by that one.
 */
export function RunProgress({ run, joined, onCancel }: { run: RunState; joined?: JoinedRun; onCancel?: () => void }) {
  const running = !run.finishedAtMs;
  const secs = (((run.finishedAtMs ?? Date.now()) - run.startedAtMs) / 1000).toFixed(1);
  return (
    <div className="run-progress" data-testid="run-progress" data-status={run.status}>
      {running && <div className="progress-bar" role="progressbar" aria-label="Logs Insights query running" />}
      <span>
        <b>{run.status}</b> · {run.progress.recordsScanned.toLocaleString("en-US")} records scanned ({run.progress.recordsMatched.toLocaleString("en-US")} matched) ·{" "}
        <span data-testid="bytes-scanned">{mb(run.progress.bytesScanned)} MB</span> scanned ≈ {formatUsd(run.cost.usd)} · {secs} s
        {joined && <span data-testid="run-joined"> · {joined === "running" ? "joined a run another view started: scanned and billed once" : "reused a run that had ended: nothing scanned now"}</span>}
      </span>
      {running && onCancel && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
