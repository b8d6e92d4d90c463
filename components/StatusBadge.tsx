import type { FunctionStatus } from "@/lib/types";

export function StatusBadge({ status, title }: { status: FunctionStatus | undefined; title?: string }) {
  return (
    <span className={`status ${status ?? "unknown"}`} title={title} data-status={status ?? "unknown"}>
      {status ?? "unknown"}
    </span>
  );
}
