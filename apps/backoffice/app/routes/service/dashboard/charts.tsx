import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type CostDatum = { name: string; labour: number; parts: number };
export type RateDatum = { name: string; firstTimeFix: number | null; slaResolution: number | null; satisfaction: number | null };

/** Warranty cost per product line, labour and parts stacked (yuan). */
export function CostChart({ data, labels, format }: { data: CostDatum[]; labels: { labour: string; parts: string }; format: (yuan: number) => string }) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(220, data.length * 36)} initialDimension={{ width: 640, height: 220 }}>
      <BarChart data={data} layout="vertical" margin={{ left: 24, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={format} />
        <YAxis type="category" dataKey="name" width={140} />
        <Tooltip formatter={(v) => format(Number(v))} />
        <Legend />
        <Bar dataKey="labour" name={labels.labour} stackId="cost" fill="#1d4ed8" />
        <Bar dataKey="parts" name={labels.parts} stackId="cost" fill="#f59e0b" />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** First-time fix and SLA compliance (percent) per station or division. */
export function RateChart({ data, labels }: { data: RateDatum[]; labels: { firstTimeFix: string; slaResolution: string } }) {
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 640, height: 260 }}>
      <BarChart data={data} margin={{ left: 40, right: 16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" interval={0} angle={-20} textAnchor="end" height={60} tickFormatter={(v: string) => (v.length > 10 ? `${v.slice(0, 10)}…` : v)} />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip formatter={(v) => `${Number(v)}%`} />
        <Legend />
        <Bar dataKey="firstTimeFix" name={labels.firstTimeFix} fill="#059669" />
        <Bar dataKey="slaResolution" name={labels.slaResolution} fill="#7c3aed" />
      </BarChart>
    </ResponsiveContainer>
  );
}
