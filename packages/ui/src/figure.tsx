import type { ReactNode } from "react";
import { Link } from "react-router";
import { cn } from "./cn";

const tones = { slate: "text-slate-900", red: "text-red-700", amber: "text-amber-800", green: "text-green-800" };

/** One figure on a home page: a label, the value, and a link to the list that explains it. */
export function Figure({ to, label, value, tone = "slate", hint }: { to: string; label: string; value: ReactNode; tone?: keyof typeof tones; hint?: string }) {
  return (
    <Link to={to} className="block rounded-md px-2 py-1.5 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-700">
      <span className="block text-xs text-slate-500">{label}</span>
      <span className={cn("block text-base font-semibold tabular-nums sm:text-lg", tones[tone])}>{value}</span>
      {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
    </Link>
  );
}
