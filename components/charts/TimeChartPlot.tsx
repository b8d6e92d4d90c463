"use client";
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, Bar } from "recharts";
import { formatAxisTime, formatUtc } from "@/lib/format";
import type { TimeChartProps } from "@/components/charts/TimeChart";

/** The recharts half of TimeChart, loaded on demand (see ChartFrame.tsx). */
export function TimeChartPlot(props: TimeChartProps) {
  const hasRight = props.series.some((s) => s.axis === "right");
  // The x axis is categorical (one tick per row): a shaded span must start and end on rows.
  const snap = (ms: number) => props.data.reduce((best, row) => (Math.abs(row.t - ms) < Math.abs(best - ms) ? row.t : best), props.data[0]?.t ?? ms);
  return (
    <ResponsiveContainer width="100%" height={props.height ?? 220}>
      <ComposedChart data={props.data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#eef1f4" vertical={false} />
        <XAxis dataKey="t" tickFormatter={(t: number) => formatAxisTime(t, props.periodS)} minTickGap={40} fontSize={11} />
        <YAxis yAxisId="left" allowDecimals={false} tickFormatter={props.format} fontSize={11} width={64} />
        {hasRight && <YAxis yAxisId="right" allowDecimals={false} orientation="right" tickFormatter={props.formatRight ?? props.format} fontSize={11} width={64} />}
        <Tooltip labelFormatter={(t) => formatUtc(Number(t))} formatter={(v, name, item) => [
          typeof v === "number" ? (props.series.find((s) => s.key === item.dataKey)?.axis === "right" ? (props.formatRight ?? props.format)(v) : props.format(v)) : "—",
          name,
        ]} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {props.series.map((s) =>
          s.kind === "bar" ? (
            <Bar key={s.key} yAxisId={s.axis ?? "left"} dataKey={s.key} name={s.name} fill={s.color} isAnimationActive={false} />
          ) : (
            <Line key={s.key} yAxisId={s.axis ?? "left"} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} strokeDasharray={s.dashed ? "4 3" : undefined} dot={false} strokeWidth={s.dashed ? 1.2 : 1.6} connectNulls={false} isAnimationActive={false} />
          ),
        )}
        {props.highlight && (
          <ReferenceArea yAxisId="left" x1={snap(props.highlight.startMs)} x2={snap(props.highlight.endMs)} fill="#fde7e7" fillOpacity={0.6} ifOverflow="extendDomain" label={{ value: props.highlight.label, position: "insideTopLeft", fontSize: 11, fill: "#9a1c1c" }} />
        )}
        {props.reference && (
          <ReferenceLine yAxisId="left" y={props.reference.value} ifOverflow="extendDomain" stroke="#c62828" strokeDasharray="5 4" label={{ value: props.reference.label, position: "insideBottomRight", fontSize: 11, fill: "#c62828" }} />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
