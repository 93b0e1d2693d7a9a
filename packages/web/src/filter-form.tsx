import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { FilterBar } from "@cs/ui";

// Whole class names, so Tailwind's scanner sees them.
const gridColumns = { 3: "sm:grid-cols-2 lg:grid-cols-3", 4: "sm:grid-cols-2 lg:grid-cols-4", 5: "sm:grid-cols-2 lg:grid-cols-5" } as const;

/**
 * The filter bar of every list page (`FilterBar` from @cs/ui with its words from i18n): a GET form,
 * so every filter is a URL param. Sort, direction and page size ride along when given, and so do the
 * chosen table columns; the page goes back to 1 because the result set changed. `className` replaces
 * the default grid (one column on a phone, two from `sm`, `columns` from `lg`).
 */
export function FilterForm({
  resetTo,
  sort,
  dir,
  size,
  keep,
  columns = 5,
  className,
  actionsClassName,
  submitLabel,
  children,
}: {
  resetTo?: string;
  sort?: string;
  dir?: string;
  size?: number;
  keep?: Record<string, string | number | null | undefined>;
  columns?: keyof typeof gridColumns;
  className?: string;
  actionsClassName?: string;
  submitLabel?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FilterBar
      labels={{ submit: submitLabel ?? t("common.filter"), reset: t("common.reset") }}
      resetTo={resetTo}
      keep={{ ...keep, sort, dir, size }}
      keepColumns
      className={className ?? gridColumns[columns]}
      actionsClassName={actionsClassName}
    >
      {children}
    </FilterBar>
  );
}
