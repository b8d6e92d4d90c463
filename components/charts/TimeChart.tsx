"use client";
import dynamic from "next/dynamic";
import { ChartFrame, ChartLoading } from "@/components/charts/ChartFrame";
import type { SeriesPoint } from "@/lib/types";

export type ChartSeries = { key: string; name: string; color: string; kind?: "line" | "bar"; axis?: "left" | "right"; dashed?: boolean };

export type TimeChartProps = {
  data: SeriesPoint[];
  series: ChartSeries[];
  periodS: number;
  format: (v: number) => string;
  formatRight?: (v: number) => string;
  reference?: { value: number; label: string };
  /** A span to shade, e.g. the runbook's incident window. */
  highlight?: { startMs: number; endMs: number; label: string };
  height?: number;
  testId: string;
};

const TimeChartPlot = dynamic(() => import("@/components/charts/TimeChartPlot").then((m) => m.TimeChartPlot), { ssr: false, loading: ChartLoading });

/** Starts fetching recharts early, e.g. on a page whose charts are its first view, while data loads. */
export const preloadTimeChart = () => void import("@/components/charts/TimeChartPlot");

/** A time series chart; the test id and whether it has data are known before recharts loads. */
export function TimeChart(props: TimeChartProps) {
  const hasData = props.data.some((row) => props.series.some((s) => row[s.key] !== null && row[s.key] !== 0));
  return (
    <div data-testid={props.testId} data-has-data={hasData}>
      {!hasData && <div className="muted" style={{ fontSize: 12 }}>No datapoints in this range.</div>}
      <ChartFrame height={props.height ?? 220}>
        <TimeChartPlot {...props} />
      </ChartFrame>
    </div>
  );
}
