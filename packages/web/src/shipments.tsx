import type { ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import type { getShipment, listShipments } from "@cs/domain";
import { Badge, Button, Card, DataTable, DetailTable, PageHeader, formatDateTime, formatNumber } from "@cs/ui";
import type { Page, ShipmentListQuery } from "@cs/domain";
import { useTableLabels } from "./table-labels";
import { CsrfInput } from "./root";
import { localName } from "@cs/i18n";

/** Shipments as both apps show them: the desk's shipping pages and the partner's finance pages. */
export type ShipmentRow = Awaited<ReturnType<typeof listShipments>>["rows"][number];
export type ShipmentDetail = Awaited<ReturnType<typeof getShipment>>;

/** The shipments table; `base` is where a shipment's page lives in the app. */
export function shipmentColumns(t: (k: string) => string, locale: string, base: string): ColumnDef<ShipmentRow, unknown>[] {
  return [
    {
      id: "number",
      header: t("billing.fields.shipment"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`${base}/${row.original.id}`} className="font-mono text-xs text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "order", header: t("billing.fields.order"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.orderNumber}</span> },
    { id: "buyer", header: t("billing.fields.partner"), cell: ({ row }) => row.original.buyer },
    { id: "carrier", header: t("billing.fields.carrier"), cell: ({ row }) => row.original.carrier },
    { id: "tracking", header: t("billing.fields.trackingNumber"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.trackingNumber}</span> },
    { id: "units", header: t("billing.fields.units"), meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.units, locale) },
    { id: "shippedAt", header: t("billing.fields.shippedAt"), meta: { sortKey: "shippedAt" }, cell: ({ row }) => formatDateTime(row.original.shippedAt, locale) },
    { id: "status", header: t("billing.fields.status"), cell: ({ row }) => <Badge tone={row.original.status === "delivered" ? "green" : "blue"}>{t(`billing.shipmentStatus.${row.original.status}`)}</Badge> },
  ];
}

/** One shipment: its facts, its lines and, for the shipper, the delivery confirmation; `notice` sits under the title. */
export function ShipmentView({ data, notice }: { data: ShipmentDetail; notice?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { shipment, orderNumber, buyer, from, invoiceId, invoiceNumber, lines, canDeliver } = data;
  const zh = i18n.language === "zh-CN";
  return (
    <>
      <PageHeader title={t("billing.shipping.detailTitle", { number: shipment.number })}>
        <Badge tone={shipment.status === "delivered" ? "green" : "blue"}>{t(`billing.shipmentStatus.${shipment.status}`)}</Badge>
      </PageHeader>
      {notice}
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-500">{t("billing.fields.order")}</dt><dd className="font-mono">{orderNumber}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.partner")}</dt><dd>{buyer}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.fromLocation")}</dt><dd>{from.code} {localName(zh, from.nameZh, from.nameEn)}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.carrier")}</dt><dd>{shipment.carrier}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.trackingNumber")}</dt><dd className="font-mono">{shipment.trackingNumber}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.shippedAt")}</dt><dd>{formatDateTime(shipment.shippedAt, i18n.language)}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.deliveredAt")}</dt><dd>{shipment.deliveredAt ? formatDateTime(shipment.deliveredAt, i18n.language) : "—"}</dd></div>
          <div>
            <dt className="text-slate-500">{t("billing.fields.invoice")}</dt>
            <dd>{invoiceId ? <Link className="font-mono text-blue-800 hover:underline" to={`/finance/invoices/${invoiceId}`}>{invoiceNumber}</Link> : "—"}</dd>
          </div>
        </dl>
      </Card>
      <Card title={t("billing.shipping.lines")} className="mt-4">
        <DetailTable
          caption={t("billing.shipping.lines")}
          rows={lines}
          getRowId={(l) => l.id}
          columns={[
            { id: "sku", header: t("billing.fields.sku"), cell: (l) => <span className="font-mono text-xs">{l.sku}</span> },
            { id: "product", header: t("billing.fields.product"), phoneTitle: true, cell: (l) => localName(zh, l.nameZh, l.nameEn) },
            { id: "quantity", header: t("billing.fields.quantity"), align: "right", cell: (l) => l.quantity },
            { id: "serials", header: t("billing.fields.serials"), cell: (l) => <span className="font-mono text-xs">{l.serials.join(", ")}</span> },
          ]}
        />
      </Card>
      {canDeliver ? (
        <Form method="post" className="mt-4">
          <CsrfInput />
          <Button variant="secondary">{t("billing.shipping.confirmDelivery")}</Button>
        </Form>
      ) : null}
    </>
  );
}

/** A page of shipments with its title; `base` is where a shipment's page lives in the app. */
export function ShipmentsPage({ title, base, page, query }: { title: string; base: string; page: Page<ShipmentRow>; query: ShipmentListQuery }) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  return (
    <>
      <PageHeader title={title} />
      <DataTable caption={title} columns={shipmentColumns(t, i18n.language, base)} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
