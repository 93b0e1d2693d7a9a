import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { listCatalogueTree, listProducts, partnerAvailability, productListQuery, type PartnerAvailability } from "@cs/domain";
import { Badge, DataTable, PageHeader, SelectField, TextField, formatMoney, formatNumber } from "@cs/ui";
import { useTableLabels, FilterForm } from "@cs/web";
import { domainCtx, loaderError, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/products";
import { hasKey } from "@cs/domain/shared/keys";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = productListQuery.parse(searchParamsObject(request));
  try {
    const [page, tree] = await Promise.all([listProducts(ctx, query), listCatalogueTree(ctx)]);
    // Availability of this page's products only: a number or a band, as the partner's policy says.
    const availability = await partnerAvailability(ctx, page.rows.map((r) => r.id));
    return { page, query, tree, availability, showAvailability: ctx.actor.kind === "partner" };
  } catch (error) {
    // An end customer has no product:read: a 404 like every other page it may not open, not a 500.
    loaderError(error);
  }
});

const bandTone = { in_stock: "green", low: "amber", out: "red" } as const;

function Availability({ value }: { value: PartnerAvailability | undefined }) {
  const { t, i18n } = useTranslation();
  if (!value) return "—";
  if (hasKey(value, "exact")) return formatNumber(value.exact, i18n.language);
  return <Badge tone={bandTone[value.band]}>{t(`myStock.availability.bands.${value.band}`)}</Badge>;
}

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];

export default function Products({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const zh = i18n.language === "zh-CN";
  const { page, query, tree, availability } = loaderData;
  const lines = tree.flatMap((d) => d.lines.filter((l) => !query.division || l.divisionId === query.division));
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "sku", header: t("product.sku"), meta: { sortKey: "sku" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.sku}</span> },
    { id: "name", header: t("product.name"), meta: { sortKey: "name" }, cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "division", header: t("product.division"), meta: { defaultHidden: true }, cell: ({ row }) => localName(zh, row.original.divisionZh, row.original.divisionEn) },
    { id: "line", header: t("product.line"), cell: ({ row }) => localName(zh, row.original.lineZh, row.original.lineEn) },
    { id: "unit", header: t("product.unit"), cell: ({ row }) => t(`product.units.${row.original.unit}`, { defaultValue: row.original.unit }) },
    { id: "listPrice", header: t("product.listPrice"), meta: { sortKey: "listPrice", align: "right" }, cell: ({ row }) => formatMoney(row.original.listPriceFen, i18n.language) },
    ...(loaderData.showAvailability
      ? [{ id: "availability", header: t("myStock.availability.column"), meta: { align: "right" }, cell: ({ row }) => <Availability value={availability[row.original.id]} /> } satisfies ColumnDef<Row, unknown>]
      : []),
    { id: "serialized", header: t("product.serialized"), cell: ({ row }) => (row.original.serialized ? <Badge tone="blue">{t("common.yes")}</Badge> : t("common.no")) },
    { id: "warranty", header: t("product.warranty"), meta: { sortKey: "warranty", align: "right" }, cell: ({ row }) => (row.original.warrantyMonths > 0 ? t("product.months", { count: row.original.warrantyMonths }) : t("product.noWarranty")) },
  ];
  return (
    <>
      <PageHeader title={t("product.title")} />
      <FilterForm resetTo="/products" className="sm:grid-cols-4">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("product.searchPlaceholder")} />
        <SelectField label={t("product.division")} name="division" defaultValue={query.division ?? ""} placeholder={t("product.allDivisions")} options={tree.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
        <SelectField label={t("product.line")} name="line" defaultValue={query.line ?? ""} placeholder={t("product.allLines")} options={lines.map((l) => ({ value: l.id, label: localName(zh, l.nameZh, l.nameEn) }))} />
      </FilterForm>
      <DataTable caption={t("product.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
