import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TrendDatum = { month: string; net: number; target: number | null; onTime: number | null };

/** Monthly net purchases (bars) against the monthly target (line), on-time rate on the right axis (%). */
export function TrendChart({ data, labels, format, formatAxis }: { data: TrendDatum[]; labels: { net: string; target: string; onTime: string }; format: (yuan: number) => string; formatAxis: (yuan: number) => string }) {
  return (
    <ResponsiveContainer width="100%" height={300} initialDimension={{ width: 720, height: 300 }}>
      <ComposedChart data={data} margin={{ left: 24, right: 16, top: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" />
        <YAxis yAxisId="money" tickFormatter={formatAxis} width={80} />
        <YAxis yAxisId="rate" orientation="right" domain={[0, 100]} unit="%" />
        <Tooltip formatter={(v, name) => (name === labels.onTime ? `${Number(v)}%` : format(Number(v)))} />
        <Legend />
        <Bar yAxisId="money" dataKey="net" name={labels.net} fill="#1d4ed8" />
        <Line yAxisId="money" dataKey="target" name={labels.target} stroke="#f59e0b" strokeWidth={2} connectNulls />
        <Line yAxisId="rate" dataKey="onTime" name={labels.onTime} stroke="#059669" strokeDasharray="4 3" connectNulls />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
