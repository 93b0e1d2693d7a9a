import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type SalesDatum = { period: string; revenue: number; prevYear: number; margin: number | null };

/** Revenue by period (bars) with the same period a year before (line) and, with cost:view, margin (line); yuan. */
export function SalesChart({ data, labels, format, formatAxis }: { data: SalesDatum[]; labels: { revenue: string; prevYear: string; margin: string }; format: (yuan: number) => string; formatAxis: (yuan: number) => string }) {
  const withMargin = data.some((d) => d.margin !== null);
  return (
    // Server-rendered at a phone's width and clipped, so the page never scrolls sideways before the chart measures its box.
    <div className="min-w-0 overflow-hidden">
      <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 320, height: 280 }}>
        <ComposedChart data={data} margin={{ left: 8, right: 8, top: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" />
          <YAxis tickFormatter={formatAxis} width={72} />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Legend />
          <Bar dataKey="revenue" name={labels.revenue} fill="#1d4ed8" />
          <Line dataKey="prevYear" name={labels.prevYear} stroke="#94a3b8" strokeWidth={2} strokeDasharray="4 3" />
          {withMargin ? <Line dataKey="margin" name={labels.margin} stroke="#059669" strokeWidth={2} connectNulls /> : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
