import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listPartnerStock, partnerHoldingKinds, partnerStockQuery, type PartnerStockRow } from "@cs/domain";
import { Badge, PageHeader, TextField, formatNumber } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { Intro } from "./shared";
import type { Route } from "./+types/partners";
import { localName } from "@cs/i18n";
import { LocationKindSelect, productColumns } from "./columns-shared";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = partnerStockQuery.parse(searchParamsObject(request, ["kind"]));
  return { page: await listPartnerStock(ctx, query), query, kinds: [...partnerHoldingKinds] };
});

function columns(t: TFunction, locale: string): ColumnDef<PartnerStockRow, unknown>[] {
  const zh = locale === "zh-CN";
  const kindLabel = (kind: string) => (kind === "warehouse" ? t("stock.partners.heldAtOurs") : t(`stock.kinds.${kind}`));
  return [
    {
      id: "partner",
      header: t("stock.fields.partner"),
      meta: { sortKey: "partner" },
      cell: ({ row }) => (
        <Link to={`/organizations/${row.original.partnerId}`} className="text-blue-800 hover:underline">
          {row.original.partnerName}
        </Link>
      ),
    },
    { id: "partnerCode", header: t("stock.fields.code"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.partnerCode },
    { id: "kind", header: t("stock.fields.kind"), cell: ({ row }) => <Badge tone={row.original.locationKind === "warehouse" ? "amber" : "blue"}>{kindLabel(row.original.locationKind)}</Badge> },
    {
      id: "location",
      header: t("stock.fields.location"),
      meta: { sortKey: "location" },
      cell: ({ row }) => (
        <Link to={`/stock/locations/${row.original.locationId}`} className="font-mono text-xs text-blue-800 hover:underline" title={localName(zh, row.original.locationZh, row.original.locationEn)}>
          {row.original.locationCode}
        </Link>
      ),
    },
    ...productColumns<PartnerStockRow>(t, zh),
    { id: "owner", header: t("stock.fields.owner"), cell: ({ row }) => row.original.ownerName ?? t("stock.ourStock") },
    { id: "quantity", header: t("stock.fields.quantity"), meta: { sortKey: "quantity", align: "right" }, cell: ({ row }) => formatNumber(row.original.onHand, locale) },
    { id: "reserved", header: t("stock.fields.reserved"), meta: { align: "right", defaultHidden: true }, cell: ({ row }) => formatNumber(row.original.reserved, locale) },
  ];
}

export default function PartnerStock({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, kinds } = loaderData;
  return (
    <>
      <PageHeader title={t("stock.tabs.partners")} />
      <Intro>{t("stock.partners.intro")}</Intro>
      <FilterForm resetTo="/stock/partners" sort={query.sort} dir={query.dir} size={query.size}>
        <TextField label={t("stock.fields.partner")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("stock.partners.partnerPlaceholder")} />
        <TextField label={t("stock.fields.product")} name="product" type="search" defaultValue={query.product ?? ""} placeholder={t("stock.partners.productPlaceholder")} />
        <LocationKindSelect kinds={kinds} value={query.kind[0]} label={(k) => (k === "warehouse" ? t("stock.partners.heldAtOurs") : t(`stock.kinds.${k}`))} />
      </FilterForm>
      <PagedTable caption={t("stock.tabs.partners")} columns={columns(t, i18n.language)} page={page} query={query} getRowId={(r) => `${r.locationId}:${r.productId}:${r.ownerId ?? "ours"}`} />
    </>
  );
}
