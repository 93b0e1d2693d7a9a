import { useTranslation } from "@cs/i18n/react";
import type { getInvoice } from "@cs/domain";
import { Money, formatDate } from "@cs/ui";
import { localName } from "@cs/i18n";

type Data = Awaited<ReturnType<typeof getInvoice>>;

/** An invoice with its VAT lines (net, 13% tax, gross per line; totals are the sums) and settlements. */
export function InvoiceView({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const { invoice } = data;
  const m = (fen: bigint) => <Money fen={fen} locale={locale} />;
  return (
    <div className="space-y-4 text-sm">
      <dl className="grid gap-3 sm:grid-cols-4">
        <div><dt className="text-slate-500">{t("billing.fields.partner")}</dt><dd>{data.partner}</dd></div>
        <div><dt className="text-slate-500">{t("billing.fields.order")}</dt><dd className="font-mono">{data.orderNumber ?? "—"}</dd></div>
        <div><dt className="text-slate-500">{t("billing.fields.shipment")}</dt><dd className="font-mono">{data.shipmentNumber ?? "—"}</dd></div>
        <div><dt className="text-slate-500">{t("billing.fields.trackingNumber")}</dt><dd>{data.carrier ? `${data.carrier} ${data.trackingNumber ?? ""}` : "—"}</dd></div>
        <div><dt className="text-slate-500">{t("billing.fields.issuedOn")}</dt><dd>{formatDate(invoice.issuedOn, locale)}</dd></div>
        <div><dt className="text-slate-500">{t("billing.fields.dueOn")}</dt><dd>{formatDate(invoice.dueOn, locale)}</dd></div>
        <div><dt className="text-slate-500">{t("billing.fields.settled")}</dt><dd>{m(invoice.settledFen)}</dd></div>
        <div><dt className="text-slate-500">{t("billing.fields.outstanding")}</dt><dd className="font-semibold">{m(invoice.totalFen - invoice.settledFen)}</dd></div>
      </dl>
      <div className="relative overflow-x-auto">
        <table className="w-full">
          <caption className="sr-only">{t("billing.invoice.lines")}</caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th className="py-1">{t("billing.fields.sku")}</th>
              <th>{t("billing.fields.product")}</th>
              <th className="text-right">{t("billing.fields.quantity")}</th>
              <th className="text-right">{t("billing.fields.unitPrice")}</th>
              <th className="text-right">{t("billing.fields.net")}</th>
              <th className="text-right">{t("billing.fields.taxRate")}</th>
              <th className="text-right">{t("billing.fields.tax")}</th>
              <th className="text-right">{t("billing.fields.gross")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lines.map((l) => (
              <tr key={l.id} className="border-t border-slate-100">
                <td className="py-2 font-mono text-xs">{l.sku}</td>
                <td>{localName(zh, l.nameZh, l.nameEn)}</td>
                <td className="text-right tabular-nums">{l.quantity}</td>
                <td className="text-right">{m(l.unitPriceFen)}</td>
                <td className="text-right">{m(l.netFen)}</td>
                <td className="text-right tabular-nums">{l.taxRateBp / 100}%</td>
                <td className="text-right">{m(l.taxFen)}</td>
                <td className="text-right">{m(l.grossFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-300 font-semibold">
              <td colSpan={4} className="py-2">{t("billing.invoice.totals")}</td>
              <td className="text-right">{m(invoice.netFen)}</td>
              <td />
              <td className="text-right">{m(invoice.taxFen)}</td>
              <td className="text-right">{m(invoice.totalFen)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {data.settlements.length ? (
        <div>
          <h2 className="mb-1 font-semibold">{t("billing.invoice.settlements")}</h2>
          <ul className="space-y-1">
            {data.settlements.map((s) => (
              <li key={s.id}>
                {formatDate(s.date, locale)} · {t(`billing.kinds.${s.kind}`)} <span className="font-mono">{s.source}</span> · {m(s.amountFen)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
