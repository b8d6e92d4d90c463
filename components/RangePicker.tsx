"use client";
import { useSearchParams } from "next/navigation";
import { RANGES, isRange, type Range } from "@/lib/ranges";

/**
 * The range buttons. A `range` in the URL that is not one of them (a hand-edited link, `?range=6h`)
 * is said next to them, with the range shown instead: the API refuses it with a 400, so a page that
 * quietly showed 24 h would disagree with it.
 */
export function RangePicker({ value, onChange }: { value: Range; onChange: (range: Range) => void }) {
  const raw = useSearchParams().get("range");
  return (
    <>
      <span className="segmented" role="group" aria-label="Time range">
        {RANGES.map((r) => (
          <button key={r} type="button" aria-pressed={r === value} onClick={() => onChange(r)}>
            {r}
          </button>
        ))}
      </span>
      {raw !== null && !isRange(raw) && (
        <span role="alert" className="error-text" data-testid="range-rejected">
          “{raw}” is not a range ({RANGES.join(", ")}): showing {value}
        </span>
      )}
    </>
  );
}
