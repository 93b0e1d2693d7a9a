import { useTranslation } from "@cs/i18n/react";
import { Link, useNavigation } from "react-router";
import { z } from "zod";
import { listSuppliedOrders, orderQueueQuery } from "@cs/domain";
import { Badge, DataTable, PageHeader, cn, formatDateTime, formatMoney, formatNumber } from "@cs/ui";
import { useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

const tabs = ["backorders", "to_ship", "all"] as const;
const query = orderQueueQuery.extend({ queue: z.enum(tabs).catch("backorders") });

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const q = query.parse(searchParamsObject(request));
  return { ...(await listSuppliedOrders(ctx, q)), query: q };
});

export default function SuppliedOrders({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const navigation = useNavigation();
  const { page, counts, query: q } = loaderData;
  const locale = i18n.language;
  const qty = (n: number) => (n > 0 ? formatNumber(n, locale) : "—");
  const count = (tab: (typeof tabs)[number]) => (tab === "all" ? "" : ` (${formatNumber(counts[tab], locale)})`);
  return (
    <>
      <PageHeader title={t("supply.portal.title")} />
      <p className="-mt-2 mb-4 max-w-3xl text-sm text-slate-600">{t("supply.portal.intro")}</p>
      <nav aria-label={t("supply.portal.tabs.label")} className="mb-4 flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <Link
            key={tab}
            to={`/supplied-orders?queue=${tab}`}
            aria-current={q.queue === tab ? "page" : undefined}
            className={cn("rounded-full px-3 py-1 text-sm ring-1", q.queue === tab ? "bg-blue-700 text-white ring-blue-700" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50")}
          >
            {t(`supply.portal.tabs.${tab}`)}
            {count(tab)}
          </Link>
        ))}
      </nav>
      <div className={navigation.state === "loading" ? "opacity-60 transition-opacity" : undefined}>
        <DataTable
          caption={t("supply.portal.title")}
          columns={[
            {
              id: "number",
              header: t("desk.fields.number"),
              cell: ({ row }) => (
                <Link to={`/supplied-orders/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
                  {row.original.number}
                </Link>
              ),
            },
            { id: "buyer", header: t("desk.fields.buyer"), cell: ({ row }) => `${row.original.buyerCode} ${row.original.buyerName}` },
            { id: "status", header: t("desk.fields.status"), cell: ({ row }) => <Badge tone="blue">{t(`desk.statuses.${row.original.status}`)}</Badge> },
            { id: "total", header: t("desk.fields.total"), meta: { align: "right" }, cell: ({ row }) => formatMoney(row.original.totalFen, locale) },
            { id: "backordered", header: t("desk.fields.backordered"), meta: { align: "right" }, cell: ({ row }) => qty(row.original.backordered) },
            { id: "reserved", header: t("desk.fields.reserved"), meta: { align: "right" }, cell: ({ row }) => qty(row.original.reserved) },
            { id: "shipped", header: t("desk.fields.shipped"), meta: { align: "right" }, cell: ({ row }) => qty(row.original.shipped) },
            { id: "submittedAt", header: t("desk.fields.submittedAt"), meta: { sortKey: "submittedAt" }, cell: ({ row }) => formatDateTime(row.original.submittedAt, locale) },
          ]}
          data={page.rows}
          total={page.total}
          page={page.page}
          size={page.size}
          sort={q.sort}
          dir={q.dir}
          labels={labels}
          getRowId={(r) => r.id}
        />
      </div>
    </>
  );
}
