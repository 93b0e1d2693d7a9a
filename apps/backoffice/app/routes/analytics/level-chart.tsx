import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type LevelDatum = { level: string; net: number; prevYear: number };

/** Net purchases per level of the channel tree (yuan), this range against the same range a year before. */
export function LevelChart({ data, labels, format, formatAxis }: { data: LevelDatum[]; labels: { net: string; prevYear: string }; format: (yuan: number) => string; formatAxis: (yuan: number) => string }) {
  return (
    // Server-rendered at a phone's width and clipped, so the page never scrolls sideways before the chart measures its box.
    <div className="min-w-0 overflow-hidden">
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 320, height: 220 }}>
        <BarChart data={data} margin={{ left: 8, right: 8, top: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="level" />
          <YAxis tickFormatter={formatAxis} width={64} />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Legend />
          <Bar dataKey="net" name={labels.net} fill="#1d4ed8" />
          <Bar dataKey="prevYear" name={labels.prevYear} fill="#94a3b8" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
