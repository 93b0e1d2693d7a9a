import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import { Link, useSearchParams } from "react-router";
import { salesLines, type SalesLine } from "@cs/domain";
import { Alert, Badge, DataTable, PageHeader, buttonClass, formatDate } from "@cs/ui";
import { useTableLabels } from "@cs/web";
import { domainCtx, guarded, searchParamsObject } from "@cs/web/server";
import type { Route } from "./+types/sales-lines";
import { refusedFilters } from "./sales.server";
import { useSalesFormat } from "./sales-view";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  try {
    return { result: await salesLines(ctx, searchParamsObject(request)), refused: null };
  } catch (error) {
    return { result: null, refused: refusedFilters(error) };
  }
});

/** The invoice and credit-note lines behind a figure of the sales analysis, each with its invoice and order. */
export default function SalesLinesPage({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const labels = useTableLabels();
  const [params] = useSearchParams();
  const f = useSalesFormat();
  const { result, refused } = loaderData;
  const back = new URLSearchParams(params);
  back.delete("page");
  const columns: ColumnDef<SalesLine, unknown>[] = [
    { id: "issuedOn", header: t("analytics.lines.issuedOn"), cell: ({ row }) => formatDate(row.original.issuedOn, i18n.language) },
    {
      id: "invoice",
      header: t("analytics.lines.invoice"),
      cell: ({ row }) => (
        <span className="flex flex-wrap items-center gap-1">
          <Link to={`/finance/invoices/${row.original.invoiceId}`} className="font-mono text-xs text-blue-800 hover:underline">
            {row.original.invoiceNumber}
          </Link>
          {row.original.kind === "credit_note" ? <Badge tone="amber">{t("analytics.lines.creditNote")}</Badge> : null}
        </span>
      ),
    },
    {
      id: "order",
      header: t("analytics.lines.order"),
      cell: ({ row }) =>
        row.original.orderId ? (
          <Link to={`/orders/${row.original.orderId}`} className="font-mono text-xs text-blue-800 hover:underline">
            {row.original.orderNumber}
          </Link>
        ) : (
          "—"
        ),
    },
    { id: "partner", header: t("analytics.dims.partner"), cell: ({ row }) => `${row.original.partnerCode} ${row.original.partnerName}` },
    { id: "product", header: t("analytics.dims.product"), cell: ({ row }) => `${row.original.sku} ${localName(zh, row.original.nameZh, row.original.nameEn)}` },
    { id: "quantity", header: t("analytics.lines.quantity"), meta: { align: "right" }, cell: ({ row }) => row.original.quantity },
    { id: "net", header: t("analytics.cols.revenue"), meta: { align: "right" }, cell: ({ row }) => f.money(row.original.netFen) },
    ...(result?.mayViewCost
      ? ([{ id: "margin", header: t("analytics.cols.margin"), meta: { align: "right" }, cell: ({ row }) => (row.original.marginFen === null ? "—" : f.money(row.original.marginFen)) }] satisfies ColumnDef<SalesLine, unknown>[])
      : []),
  ];
  return (
    <>
      <PageHeader
        title={t("analytics.lines.title")}
        actions={
          <Link to={`/analytics/sales?${back.toString()}`} className={buttonClass("ghost")}>
            {t("analytics.lines.back")}
          </Link>
        }
      >
        {result ? <p className="mt-1 text-sm text-slate-600">{t("analytics.lines.range", { from: result.query.from, to: result.query.to })}</p> : null}
      </PageHeader>
      {refused ? <Alert>{Object.values(refused).flat().map((k) => t(k)).join(" ")}</Alert> : null}
      {result ? <DataTable caption={t("analytics.lines.title")} columns={columns} data={result.rows} total={result.total} page={result.query.page} size={50} sort="issuedOn" dir="desc" labels={labels} getRowId={(r) => `${r.invoiceId}-${r.sku}-${r.quantity}-${r.netFen}`} /> : null}
    </>
  );
}
