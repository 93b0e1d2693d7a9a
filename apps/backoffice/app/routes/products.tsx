import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { listCatalogueTree, listProducts, productListQuery } from "@cs/domain";
import { Link } from "react-router";
import { Badge, DataTable, PageHeader, SelectField, TextField, buttonClass, formatMoney } from "@cs/ui";
import { useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/products";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = productListQuery.parse(searchParamsObject(request));
  const [page, tree] = await Promise.all([listProducts(ctx, query), listCatalogueTree(ctx)]);
  return { page, query, tree, mayManage: ctx.actor.permissions.has("product:manage") };
});

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];

export default function Products({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const zh = i18n.language === "zh-CN";
  const { page, query, tree, mayManage } = loaderData;
  const lines = tree.flatMap((d) => d.lines.filter((l) => !query.division || l.divisionId === query.division));
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "sku",
      header: t("product.sku"),
      meta: { sortKey: "sku" },
      cell: ({ row }) =>
        mayManage ? (
          <Link to={`/products/${row.original.id}/edit`} className="font-mono text-xs text-blue-800 hover:underline" aria-label={t("product.editOf", { sku: row.original.sku })}>
            {row.original.sku}
          </Link>
        ) : (
          <span className="font-mono text-xs">{row.original.sku}</span>
        ),
    },
    {
      id: "name",
      header: t("product.name"),
      meta: { sortKey: "name" },
      cell: ({ row }) => (
        <>
          {localName(zh, row.original.nameZh, row.original.nameEn)} {row.original.active ? null : <Badge tone="slate">{t("product.retired")}</Badge>}
        </>
      ),
    },
    { id: "division", header: t("product.division"), meta: { defaultHidden: true }, cell: ({ row }) => localName(zh, row.original.divisionZh, row.original.divisionEn) },
    { id: "line", header: t("product.line"), cell: ({ row }) => localName(zh, row.original.lineZh, row.original.lineEn) },
    { id: "unit", header: t("product.unit"), cell: ({ row }) => t(`product.units.${row.original.unit}`, { defaultValue: row.original.unit }) },
    { id: "listPrice", header: t("product.listPrice"), meta: { sortKey: "listPrice", align: "right" }, cell: ({ row }) => formatMoney(row.original.listPriceFen, i18n.language) },
    { id: "cost", header: t("product.cost"), meta: { sortKey: "cost", align: "right" }, cell: ({ row }) => (row.original.costFen === null ? "—" : formatMoney(row.original.costFen, i18n.language)) },
    { id: "serialized", header: t("product.serialized"), cell: ({ row }) => (row.original.serialized ? <Badge tone="blue">{t("common.yes")}</Badge> : t("common.no")) },
    { id: "warranty", header: t("product.warranty"), meta: { sortKey: "warranty", align: "right" }, cell: ({ row }) => (row.original.warrantyMonths > 0 ? t("product.months", { count: row.original.warrantyMonths }) : t("product.noWarranty")) },
  ];
  return (
    <>
      <PageHeader
        title={t("product.title")}
        actions={
          mayManage ? (
            <>
              <Link to="/products/lines" className={buttonClass("secondary")}>
                {t("product.floors.nav")}
              </Link>
              <Link to="/products/new" className={buttonClass("primary")}>
                {t("product.new")}
              </Link>
            </>
          ) : null
        }
      />
      <FilterForm resetTo="/products" className="sm:grid-cols-4">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("product.searchPlaceholder")} />
        <SelectField label={t("product.division")} name="division" defaultValue={query.division ?? ""} placeholder={t("product.allDivisions")} options={tree.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
        <SelectField label={t("product.line")} name="line" defaultValue={query.line ?? ""} placeholder={t("product.allLines")} options={lines.map((l) => ({ value: l.id, label: localName(zh, l.nameZh, l.nameEn) }))} />
        <SelectField label={t("product.status")} name="status" defaultValue={query.status} options={(["active", "retired", "all"] as const).map((v) => ({ value: v, label: t(`product.statuses.${v}`) }))} />
      </FilterForm>
      <DataTable caption={t("product.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
