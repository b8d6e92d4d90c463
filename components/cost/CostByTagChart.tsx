"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatUsdCents as usd2 } from "@/lib/format";

/** Monthly cost stacked by tag value, loaded on demand (see charts/ChartFrame.tsx). `bars` are the
 * stacked series, costliest first; `other` adds the rest as one more. */
export function CostByTagChart({ rows: chartRows, bars, other }: { rows: Record<string, string | number>[]; bars: { key: string; color: string }[]; other: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={300}>
      <BarChart data={chartRows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="#eef1f4" vertical={false} />
        <XAxis dataKey="month" fontSize={11} />
        <YAxis tickFormatter={(v: number) => `$${v.toFixed(0)}`} fontSize={11} width={64} />
        <Tooltip formatter={(v) => (typeof v === "number" ? usd2(v) : "—")} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {bars.map((b) => (
          <Bar key={b.key} dataKey={b.key} stackId="cost" fill={b.color} isAnimationActive={false} />
        ))}
        {other && <Bar dataKey="other" stackId="cost" fill="#d0d7de" isAnimationActive={false} />}
      </BarChart>
    </ResponsiveContainer>
  );
}
