import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { can, listPriceProtections, priceProtectionListQuery, type PriceProtectionRow } from "@cs/domain";
import { Badge, Card, Money, PageHeader, TextField, buttonClass, formatDate } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { RebateTabs } from "./tabs";
import type { Route } from "./+types/price-protections";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const raw = searchParamsObject(request);
  return { page: await listPriceProtections(ctx, raw), query: priceProtectionListQuery.parse(raw), canCreate: can(ctx.actor, "rebate:manage") };
});

const tone = { draft: "amber", approved: "green", cancelled: "slate" } as const;

function columns(t: TFunction, locale: string): ColumnDef<PriceProtectionRow, unknown>[] {
  return [
    {
      id: "number",
      header: t("priceProtection.fields.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/rebates/price-protection/${row.original.id}`} className="font-mono text-xs text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "product", header: t("priceProtection.fields.product"), cell: ({ row }) => `${row.original.sku} ${localName(locale === "zh-CN", row.original.nameZh, row.original.nameEn)}` },
    { id: "effectiveDate", header: t("priceProtection.fields.effectiveDate"), meta: { sortKey: "effectiveDate" }, cell: ({ row }) => formatDate(row.original.effectiveDate, locale) },
    { id: "old", header: t("priceProtection.fields.oldPrice"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.oldPriceFen} locale={locale} /> },
    { id: "new", header: t("priceProtection.fields.newPrice"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.newPriceFen} locale={locale} /> },
    { id: "partners", header: t("priceProtection.fields.partners"), meta: { align: "right" }, cell: ({ row }) => row.original.partners },
    { id: "total", header: t("priceProtection.fields.total"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.totalFen} locale={locale} /> },
    { id: "status", header: t("priceProtection.fields.status"), cell: ({ row }) => <Badge tone={tone[row.original.status]}>{t(`priceProtection.statuses.${row.original.status}`)}</Badge> },
  ];
}

export default function PriceProtections({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, canCreate } = loaderData;
  return (
    <>
      <PageHeader
        title={t("priceProtection.title")}
        actions={
          canCreate ? (
            <Link to="/rebates/price-protection/new" className={buttonClass("primary")}>
              {t("priceProtection.new")}
            </Link>
          ) : null
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("priceProtection.intro")}</p>
      </PageHeader>
      <RebateTabs />
      <FilterForm resetTo="/rebates/price-protection" columns={3} submitLabel={t("common.search")}>
        <TextField label={t("priceProtection.searchPlaceholder")} name="q" type="search" defaultValue={query.q ?? ""} />
      </FilterForm>
      {page.total === 0 && !query.q ? (
        <Card>
          <p className="text-sm text-slate-600">{t("priceProtection.empty")}</p>
        </Card>
      ) : (
        <PagedTable caption={t("priceProtection.title")} columns={columns(t, i18n.language)} page={page} query={query} getRowId={(r) => r.id} />
      )}
    </>
  );
}
