"use client";
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDurationMs, formatUsdCents as usd } from "@/lib/format";
import { MAX_MEMORY_MB, MIN_MEMORY_MB, type Recommendation } from "@/lib/rightsizing/model";

export type WhatIfPoint = { memoryMb: number; p99Ms: number; p99RangeMs: [number, number]; monthlyUsd: number };

/** Projected p99 and monthly cost against memory size, loaded on demand (see charts/ChartFrame.tsx). */
export function WhatIfChart({ points: chart, r, whatIfMb }: { points: WhatIfPoint[]; r: Recommendation; whatIfMb: number }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={chart} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#eef1f4" />
        <XAxis dataKey="memoryMb" type="number" scale="log" domain={[MIN_MEMORY_MB, MAX_MEMORY_MB]} ticks={[128, 256, 512, 1024, 1769, 3008, 5120, 10240]} tickFormatter={(v: number) => `${v}`} fontSize={11} />
        <YAxis yAxisId="ms" tickFormatter={(v: number) => formatDurationMs(v)} fontSize={11} width={64} />
        <YAxis yAxisId="usd" orientation="right" tickFormatter={(v: number) => `$${v.toFixed(v < 10 ? 2 : 0)}`} fontSize={11} width={56} />
        <Tooltip labelFormatter={(v) => `${v} MB`} formatter={(v, n) => (Array.isArray(v) ? `${formatDurationMs(v[0])}–${formatDurationMs(v[1])}` : typeof v === "number" ? (n === "cost / month" ? usd(v) : formatDurationMs(v)) : "—")} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Area yAxisId="ms" dataKey="p99RangeMs" name="p99 range" fill="#2457c5" fillOpacity={0.12} stroke="none" isAnimationActive={false} />
        <Line yAxisId="ms" dataKey="p99Ms" name="p99 projected" stroke="#2457c5" dot={false} isAnimationActive={false} />
        <Line yAxisId="usd" dataKey="monthlyUsd" name="cost / month" stroke="#1a7f37" dot={false} isAnimationActive={false} />
        <ReferenceLine yAxisId="ms" x={r.currentMb} stroke="#5c6670" strokeDasharray="4 3" label={{ value: "now", fontSize: 11, position: "insideTopLeft" }} />
        {r.recommendedMb !== null && r.recommendedMb !== r.currentMb && <ReferenceLine yAxisId="ms" x={r.recommendedMb} stroke="#1a7f37" label={{ value: "recommended", fontSize: 11, position: "insideTopRight" }} />}
        <ReferenceLine yAxisId="ms" x={r.floorMb} stroke="#c62828" strokeDasharray="2 2" label={{ value: "memory floor", fontSize: 11, position: "insideBottomLeft" }} />
        <ReferenceLine yAxisId="ms" x={whatIfMb} stroke="#9a6700" />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
