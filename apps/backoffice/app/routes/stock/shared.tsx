/** Helpers of the stock pages only (the filter bar every list uses is `FilterForm` from @cs/web). */
import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { cn, formatMoney, formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";

/** `valueFen`: our on hand at moving-average cost, for staff who may see cost (null or absent otherwise). */
export type Totals = { onHand: number; reserved: number; available: number; held: number; valueFen?: bigint | null };

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
    <dl aria-label={t("stock.totals.label")} className={cn("mb-4 grid grid-cols-2 gap-3", totals.valueFen == null ? "sm:grid-cols-4" : "sm:grid-cols-5")}>
      {items.map(([key, value]) => (
        <div key={key} className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs text-slate-500">{t(`stock.totals.${key}`)}</dt>
          <dd className={cn("text-lg font-semibold tabular-nums", key === "available" && value <= 0 ? "text-red-700" : "text-slate-900")}>
            {formatNumber(value, i18n.language)}
          </dd>
        </div>
      ))}
      {totals.valueFen === null || totals.valueFen === undefined ? null : (
        <div className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
          <dt className="text-xs text-slate-500">{t("stock.totals.value")}</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatMoney(totals.valueFen, i18n.language)}</dd>
        </div>
      )}
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
