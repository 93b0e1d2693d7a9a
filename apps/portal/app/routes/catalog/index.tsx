import { randomUUID } from "node:crypto";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { browseCatalog, catalogQuery, listCatalogueTree, type CatalogRow } from "@cs/domain";
import { DataTable, PageHeader, SelectField, TextField, buttonClass, formatMoney } from "@cs/ui";
import { ProductPicture, useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/index";
import { AvailabilityBadge } from "./availability";
import { PriceWhy } from "./price-why";
import { AddResultAlert, AddToCart, addResultOf, lineErrorOf } from "./add-to-cart";
import { addToCartAction } from "./add-to-cart.server";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = catalogQuery.parse(searchParamsObject(request));
  const [page, tree] = await Promise.all([browseCatalog(ctx, query), listCatalogueTree(ctx)]);
  // One catalogue for every partner: who may order sees its price and an add button, a station the warranty terms.
  return { page, query, tree, formKey: randomUUID(), canOrder: ctx.actor.permissions.has("own_order:place") };
});

export const action = guarded(addToCartAction);

export default function Catalog({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const zh = i18n.language === "zh-CN";
  const { page, query, tree, formKey, canOrder } = loaderData;
  const result = addResultOf(actionData);
  const lines = tree.flatMap((d) => d.lines.filter((l) => !query.division || l.divisionId === query.division));
  const columns: ColumnDef<CatalogRow, unknown>[] = [
    { id: "sku", header: t("catalog.columns.sku"), meta: { sortKey: "sku" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.sku}</span> },
    {
      id: "name",
      header: t("catalog.columns.product"),
      meta: { sortKey: "name", phoneTitle: true },
      cell: ({ row }) => {
        const name = localName(zh, row.original.nameZh, row.original.nameEn);
        return (
          <div className="flex items-center gap-3">
            <ProductPicture imageId={row.original.imageId} alt={name} size={64} />
            <div className="min-w-0">
              <Link to={`/catalog/${row.original.id}`} className="text-blue-800 hover:underline">
                {name}
              </Link>
              <div className="text-xs text-slate-500">{localName(zh, row.original.lineZh, row.original.lineEn)}</div>
            </div>
          </div>
        );
      },
    },
    { id: "listPrice", header: t("catalog.columns.listPrice"), meta: { align: "right", defaultHidden: canOrder }, cell: ({ row }) => formatMoney(row.original.listPriceFen, i18n.language) },
    ...(canOrder ? [{ id: "price", header: t("catalog.columns.yourPrice"), meta: { align: "right" }, cell: ({ row }) => (row.original.price ? <PriceWhy price={row.original.price} /> : "—") } satisfies ColumnDef<CatalogRow, unknown>] : []),
    {
      id: "availability",
      header: t("catalog.columns.availability"),
      meta: { align: "right" },
      cell: ({ row }) =>
        row.original.extendedWarrantyMonths ? <span className="text-xs text-slate-600">{t("network.extendedWarranty.noStock")}</span> : <AvailabilityBadge value={row.original.availability} />,
    },
    {
      id: "warranty",
      header: t("product.warranty"),
      meta: { align: "right", defaultHidden: canOrder },
      cell: ({ row }) => (
        <span>
          {row.original.warrantyMonths > 0 ? t("product.months", { count: row.original.warrantyMonths }) : t("product.noWarranty")}
          {row.original.serialized ? <span className="block text-xs text-slate-500">{t("product.serialized")}</span> : null}
        </span>
      ),
    },
    ...(canOrder
      ? [
          {
            id: "order",
            header: t("catalog.columns.order"),
            meta: { align: "right" },
            cell: ({ row }) => <AddToCart row={row.original} formKey={formKey} index={row.index} error={lineErrorOf(result, row.original.id)} />,
          } satisfies ColumnDef<CatalogRow, unknown>,
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={canOrder ? t("catalog.title") : t("nav.products")}
        actions={
          canOrder ? (
            <div className="flex gap-2">
              <Link to="/cart/quick-order" className={buttonClass("secondary")}>
                {t("catalog.cart.quickOrder")}
              </Link>
              <Link to="/cart" className={buttonClass("secondary")}>
                {t("catalog.cart.nav")}
              </Link>
            </div>
          ) : null
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{canOrder ? t("catalog.intro") : t("catalog.introBrowse")}</p>
      </PageHeader>
      <AddResultAlert result={result} />
      <FilterForm resetTo="/catalog" className="sm:grid-cols-4">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("catalog.searchPlaceholder")} />
        <SelectField label={t("product.division")} name="division" defaultValue={query.division ?? ""} placeholder={t("product.allDivisions")} options={tree.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
        <SelectField label={t("product.line")} name="line" defaultValue={query.line ?? ""} placeholder={t("product.allLines")} options={lines.map((l) => ({ value: l.id, label: localName(zh, l.nameZh, l.nameEn) }))} />
      </FilterForm>
      <DataTable caption={canOrder ? t("catalog.title") : t("nav.products")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
