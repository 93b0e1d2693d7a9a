import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { listShipments, shipmentListQuery } from "@cs/domain";
import { Badge, DataTable, PageHeader, formatDateTime, formatNumber } from "@cs/ui";
import { useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject } from "@cs/web/server";
import type { Route } from "./+types/shipments";

export async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = shipmentListQuery.parse(searchParamsObject(request));
  return { page: await listShipments(ctx, query), query };
}

type Row = Awaited<ReturnType<typeof listShipments>>["rows"][number];

export function shipmentColumns(t: (k: string) => string, locale: string, base: string): ColumnDef<Row, unknown>[] {
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

export default function Shipments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query } = loaderData;
  return (
    <>
      <PageHeader title={t("billing.portal.shipments")} />
      <DataTable caption={t("billing.portal.shipments")} columns={shipmentColumns(t, i18n.language, "/finance/shipments")} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
