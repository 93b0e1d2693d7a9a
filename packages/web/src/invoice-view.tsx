import { useTranslation } from "@cs/i18n/react";
import type { getInvoice } from "@cs/domain";
import { DetailTable, Money, formatDate, type DetailColumn } from "@cs/ui";
import { localName } from "@cs/i18n";

type Data = Awaited<ReturnType<typeof getInvoice>>;

/** An invoice with its VAT lines (net, 13% tax, gross per line; totals are the sums) and settlements. */
export function InvoiceView({ data }: { data: Data }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const { invoice } = data;
  const m = (fen: bigint) => <Money fen={fen} locale={locale} />;
  const columns: DetailColumn<Data["lines"][number]>[] = [
    { id: "sku", header: t("billing.fields.sku"), cell: (l) => <span className="font-mono text-xs">{l.sku}</span> },
    { id: "product", header: t("billing.fields.product"), phoneTitle: true, cell: (l) => localName(zh, l.nameZh, l.nameEn) },
    { id: "quantity", header: t("billing.fields.quantity"), align: "right", cell: (l) => l.quantity },
    { id: "unitPrice", header: t("billing.fields.unitPrice"), align: "right", cell: (l) => m(l.unitPriceFen) },
    { id: "net", header: t("billing.fields.net"), align: "right", cell: (l) => m(l.netFen) },
    { id: "taxRate", header: t("billing.fields.taxRate"), align: "right", cell: (l) => `${l.taxRateBp / 100}%` },
    { id: "tax", header: t("billing.fields.tax"), align: "right", cell: (l) => m(l.taxFen) },
    { id: "gross", header: t("billing.fields.gross"), align: "right", cell: (l) => m(l.grossFen) },
  ];
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
      <DetailTable
        caption={t("billing.invoice.lines")}
        columns={columns}
        rows={data.lines}
        getRowId={(l) => l.id}
        totals={{ label: t("billing.invoice.totals"), values: { net: m(invoice.netFen), tax: m(invoice.taxFen), gross: m(invoice.totalFen) } }}
      />
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
