import { useTranslation } from "@cs/i18n/react";
import type { PriceReason } from "@cs/domain";
import { Badge, formatMoney } from "@cs/ui";

const ruleTone = { contract: "blue", promotion: "red", volume_break: "amber", price_list: "green", list: "slate", special_price: "red" } as const;

/** The unit price with its reason in plain sight: which rule, from what quantity, the list price and the saving. */
export function PriceWhy({ price }: { price: PriceReason }) {
  const { t, i18n } = useTranslation();
  const saving = price.listPriceFen - price.unitPriceFen;
  const percent = price.listPriceFen > 0n ? Number((saving * 1000n) / price.listPriceFen) / 10 : 0;
  return (
    <div className="text-right">
      <div className="font-semibold tabular-nums">{formatMoney(price.unitPriceFen, i18n.language)}</div>
      <div className="mt-0.5 flex flex-wrap items-center justify-end gap-1 text-xs text-slate-600" aria-label={t("catalog.why.label")}>
        <Badge tone={ruleTone[price.rule]}>{t(`catalog.rules.${price.rule}`)}</Badge>
        {price.ruleCode ? <span className="font-mono">{price.ruleCode}</span> : null}
        {price.minQuantity > 1 ? <span>{t("catalog.why.fromQuantity", { count: price.minQuantity })}</span> : null}
      </div>
      {price.note ? <div className="text-xs text-slate-700">{t("catalog.why.specialReason", { reason: price.note })}</div> : null}
      {saving > 0n ? (
        <div className="text-xs text-slate-500">
          <s>{t("catalog.why.list", { price: formatMoney(price.listPriceFen, i18n.language) })}</s>{" "}
          <span className="text-green-700">{t("catalog.why.saving", { amount: formatMoney(saving, i18n.language), percent })}</span>
        </div>
      ) : (
        <div className="text-xs text-slate-500">{t("catalog.why.noSaving")}</div>
      )}
    </div>
  );
}
