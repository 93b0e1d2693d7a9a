import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listOrdersToShip, toShipQuery } from "@cs/domain";
import { Badge, PageHeader, formatDateTime, formatNumber } from "@cs/ui";

import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/to-ship";
import { PagedTable } from "@cs/web";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = toShipQuery.parse(searchParamsObject(request));
  return { page: await listOrdersToShip(ctx, query), query };
});

type Row = Awaited<ReturnType<typeof listOrdersToShip>>["rows"][number];

export default function ToShip({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query } = loaderData;
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "number",
      header: t("billing.fields.order"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/shipping/orders/${row.original.id}`} className="font-mono text-xs text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "buyer", header: t("billing.fields.partner"), cell: ({ row }) => <>{row.original.buyer} {row.original.creditHold ? <Badge tone="red">{t("billing.creditHold")}</Badge> : null}</> },
    { id: "status", header: t("billing.fields.status"), cell: ({ row }) => <Badge tone="blue">{t(`billing.orderStatus.${row.original.status}`)}</Badge> },
    { id: "submittedAt", header: t("billing.fields.submittedAt"), meta: { sortKey: "submittedAt" }, cell: ({ row }) => formatDateTime(row.original.submittedAt, i18n.language) },
    { id: "reserved", header: t("billing.fields.reserved"), meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.reserved, i18n.language) },
    { id: "backordered", header: t("billing.fields.backordered"), meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.backordered, i18n.language) },
  ];
  return (
    <>
      <PageHeader title={t("billing.shipping.toShip")} />
      <PagedTable caption={t("billing.shipping.toShip")} columns={columns} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
