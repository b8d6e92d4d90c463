"use client";
import { RANGES, type Range } from "@/lib/ranges";

export function RangePicker({ value, onChange }: { value: Range; onChange: (range: Range) => void }) {
  return (
    <span className="segmented" role="group" aria-label="Time range">
      {RANGES.map((r) => (
        <button key={r} type="button" aria-pressed={r === value} onClick={() => onChange(r)}>
          {r}
        </button>
      ))}
    </span>
  );
}
