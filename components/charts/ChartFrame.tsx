// recharts (with the redux, immer and d3 code it brings) is ~110 kB gzip, a third of a page's
// first-load JS. So every chart is a next/dynamic component, fetched when it first renders — after
// its data has arrived — and `ssr: false`: ResponsiveContainer measures the browser's layout, so the
// server could only send an empty box. The frame holds the chart's height meanwhile, so the page
// does not jump when recharts arrives.
import type { ReactNode } from "react";

export function ChartFrame({ height, children }: { height: number; children: ReactNode }) {
  return <div style={{ height }}>{children}</div>;
}

/** next/dynamic's `loading`: fills the frame (next/dynamic passes it no props, hence the frame). */
export const ChartLoading = () => <div className="chart-loading" aria-busy="true" aria-label="Loading chart" />;
