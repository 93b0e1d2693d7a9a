import type { ReactNode } from "react";
import { Form, Link, useSearchParams } from "react-router";
import { cn } from "./cn";
import { Button, buttonClass } from "./controls";

export type FilterBarLabels = { submit: string; reset: string };

/**
 * The one filter form of a list page: a GET form with `role="search"`, so every filter is a URL param
 * and works before JavaScript loads. The fields are the children (each a labelled control); `keep`
 * rides along as hidden fields (sort, direction, page size…), `keepColumns` carries the chosen table
 * columns, and the page goes back to 1 because the result set changed. One column on a phone; the
 * caller's `className` sets the wider grid (whole class names, so Tailwind's scanner sees them).
 */
export function FilterBar({
  labels,
  resetTo,
  keep = {},
  keepColumns = false,
  className,
  actionsClassName,
  children,
}: {
  labels: FilterBarLabels;
  /** Where the reset link goes; no reset link without it. */
  resetTo?: string;
  keep?: Record<string, string | number | null | undefined>;
  keepColumns?: boolean;
  className?: string;
  actionsClassName?: string;
  children: ReactNode;
}) {
  const [params] = useSearchParams();
  return (
    <Form method="get" role="search" className={cn("mb-4 grid gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200", className)}>
      {children}
      {Object.entries(keep).map(([name, value]) => (value === null || value === undefined || value === "" ? null : <input key={name} type="hidden" name={name} value={value} />))}
      {keepColumns ? params.getAll("cols").map((c) => <input key={`cols-${c}`} type="hidden" name="cols" value={c} />) : null}
      <div className={cn("flex items-end gap-2", actionsClassName)}>
        <Button>{labels.submit}</Button>
        {resetTo ? (
          <Link to={resetTo} className={buttonClass("ghost")}>
            {labels.reset}
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
