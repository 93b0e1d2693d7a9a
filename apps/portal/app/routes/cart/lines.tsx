import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import type { CartLine } from "@cs/domain";
import { Badge, Button, formatMoney } from "@cs/ui";
import { CsrfInput } from "@cs/web";
import { AvailabilityBadge } from "../catalog/availability";
import { PriceWhy } from "../catalog/price-why";
import { localName } from "@cs/i18n";

/** The cart's lines: quantity and remove forms per line, the price now beside the price seen, and what changed. */
export function CartLines({ lines, errorFor }: { lines: CartLine[]; errorFor: (productId: string) => string[] | null }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("catalog.cart.title")}</caption>
        <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{t("catalog.cart.columns.product")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("catalog.cart.columns.quantity")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("catalog.cart.columns.unitPrice")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("catalog.cart.columns.seen")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("catalog.cart.columns.lineTotal")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("catalog.cart.columns.availability")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("catalog.cart.columns.actions")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => {
            const error = errorFor(l.productId);
            const qtyId = `cart-qty-${l.productId}`;
            return (
              <tr key={l.productId} className={l.priceChanged || l.availabilityChanged || !l.sellable ? "bg-amber-50" : undefined}>
                <td className="px-3 py-2">
                  <div className="font-mono text-xs">{l.sku}</div>
                  <div>{localName(zh, l.nameZh, l.nameEn)}</div>
                  <div className="mt-1 flex flex-wrap gap-1">
                    {!l.sellable ? <Badge tone="red">{t("catalog.cart.unsellable")}</Badge> : null}
                    {l.priceChanged ? <Badge tone="amber">{t("catalog.cart.priceChanged")}</Badge> : null}
                    {l.availabilityChanged ? <Badge tone="amber">{t("catalog.cart.availabilityChanged")}</Badge> : null}
                    {l.short && l.sellable ? <Badge tone="slate">{t("catalog.cart.short")}</Badge> : null}
                    {l.extendedWarrantyMonths ? <Badge tone="blue">{t("network.extendedWarranty.badge", { months: l.extendedWarrantyMonths })}</Badge> : null}
                  </div>
                </td>
                <td className="px-3 py-2 text-right">
                  <Form method="post" className="flex items-start justify-end gap-1">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="quantity" />
                    <input type="hidden" name="productId" value={l.productId} />
                    <div>
                      <label htmlFor={qtyId} className="sr-only">
                        {t("catalog.cart.quantityOf", { sku: l.sku })}
                      </label>
                      <input
                        id={qtyId}
                        name="quantity"
                        inputMode="numeric"
                        defaultValue={l.quantity}
                        size={4}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${qtyId}-error` : undefined}
                        className="w-16 rounded-md border border-slate-300 px-2 py-1 text-right tabular-nums"
                      />
                      {error ? (
                        <p id={`${qtyId}-error`} role="alert" className="mt-1 text-xs text-red-700">
                          {error.map((k) => t(k)).join(" ")}
                        </p>
                      ) : null}
                    </div>
                    <Button variant="secondary" className="px-2 py-1 text-xs">
                      {t("catalog.cart.update")}
                    </Button>
                  </Form>
                </td>
                <td className="px-3 py-2">{l.price ? <PriceWhy price={l.price} /> : "—"}</td>
                <td className={`px-3 py-2 text-right tabular-nums ${l.priceChanged ? "font-semibold text-amber-800" : "text-slate-500"}`}>{formatMoney(l.seenUnitPriceFen, i18n.language)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{l.lineTotalFen === null ? "—" : formatMoney(l.lineTotalFen, i18n.language)}</td>
                <td className="px-3 py-2 text-right">
                  {l.extendedWarrantyMonths ? <span className="text-xs text-slate-600">{t("network.extendedWarranty.noStock")}</span> : <AvailabilityBadge value={l.availability} />}
                </td>
                <td className="px-3 py-2 text-right">
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="productId" value={l.productId} />
                    <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={t("catalog.cart.removeOf", { sku: l.sku })}>
                      {t("catalog.cart.remove")}
                    </Button>
                  </Form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
