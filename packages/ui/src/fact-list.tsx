import type { ReactNode } from "react";

export type Fact = [label: string, value: ReactNode];

/** Labelled facts of one record, label beside value on a wide screen and above it on a phone. */
export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-600">{label}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
