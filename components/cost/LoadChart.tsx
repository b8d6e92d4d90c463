"use client";
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { comparisonRows } from "@/lib/cost/lambda-vs-container";
import { formatUsd } from "@/lib/format";

/** Lambda's and a container's monthly cost against load, loaded on demand (see charts/ChartFrame.tsx). */
export function LoadChart({ rows, breakEven, perEnvironmentLoad }: { rows: ReturnType<typeof comparisonRows>; breakEven: number | null; perEnvironmentLoad: number }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#eef1f4" vertical={false} />
        <XAxis dataKey="loadPct" type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} fontSize={11} />
        <YAxis tickFormatter={(v: number) => `$${v.toFixed(0)}`} fontSize={11} width={64} />
        <Tooltip labelFormatter={(v) => `${v} % load`} formatter={(v) => (typeof v === "number" ? formatUsd(v) : "—")} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line dataKey="lambdaUsd" name="Lambda, a month" stroke="#2457c5" dot={false} isAnimationActive={false} />
        <Line dataKey="containerUsd" name="Container, a month" stroke="#9a6700" dot={false} isAnimationActive={false} />
        {breakEven !== null && <ReferenceLine x={breakEven * 100} stroke="#c62828" strokeDasharray="5 4" label={{ value: "break-even", fontSize: 11, fill: "#c62828", position: "insideTopRight" }} />}
        <ReferenceLine x={Math.min(perEnvironmentLoad * 100, 100)} stroke="#1a7f37" label={{ value: "these inputs", fontSize: 11, fill: "#1a7f37", position: "insideTopLeft" }} />
      </LineChart>
    </ResponsiveContainer>
  );
}
