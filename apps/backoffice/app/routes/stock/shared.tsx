import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useSearchParams } from "react-router";
import { Button, buttonClass, cn, formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";

// Whole class names, so Tailwind's scanner sees them.
const gridColumns = { 4: "lg:grid-cols-4", 5: "lg:grid-cols-5" } as const;

/**
 * The filter bar of a stock list: a GET form, so every filter is a URL param. Sort, direction, page
 * size and chosen columns ride along; the page goes back to 1 because the result set changed.
 */
export function FilterForm({ resetTo, sort, dir, size, columns = 5, children }: { resetTo: string; sort: string; dir: string; size: number; columns?: 4 | 5; children: ReactNode }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <Form method="get" role="search" className={cn("mb-4 grid gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2", gridColumns[columns])}>
      {children}
      <input type="hidden" name="sort" value={sort} />
      <input type="hidden" name="dir" value={dir} />
      <input type="hidden" name="size" value={size} />
      {params.getAll("cols").map((c) => (
        <input key={c} type="hidden" name="cols" value={c} />
      ))}
      <div className="flex items-end gap-2">
        <Button>{t("common.filter")}</Button>
        <Link to={resetTo} className={buttonClass("ghost")}>
          {t("common.reset")}
        </Link>
      </div>
    </Form>
  );
}

export type Totals = { onHand: number; reserved: number; available: number; held: number };

/** The sums of the whole filtered set (not just the page on screen). */
export function TotalsBar({ totals }: { totals: Totals }) {
  const { t, i18n } = useTranslation();
  const items = [
    ["onHand", totals.onHand],
    ["reserved", totals.reserved],
    ["available", totals.available],
    ["held", totals.held],
  ] as const;
  return (
    <dl aria-label={t("stock.totals.label")} className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
      {items.map(([key, value]) => (
        <div key={key} className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs text-slate-500">{t(`stock.totals.${key}`)}</dt>
          <dd className={cn("text-lg font-semibold tabular-nums", key === "available" && value <= 0 ? "text-red-700" : "text-slate-900")}>
            {formatNumber(value, i18n.language)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** zh or en name of a row that carries both. */
export function useLocalName() {
  const { i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  return (row: { nameZh: string; nameEn: string }) => localName(zh, row.nameZh, row.nameEn);
}

export function Intro({ children }: { children: ReactNode }) {
  return <p className="-mt-2 mb-4 max-w-3xl text-sm text-slate-600">{children}</p>;
}
