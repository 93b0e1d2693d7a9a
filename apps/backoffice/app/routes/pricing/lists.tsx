import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { can, listPriceLists, priceListQuery } from "@cs/domain";
import { PRICED_KINDS } from "./kinds";
import { Badge, SelectField, TextField, formatDate } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/lists";
import { doneKey, PricingListTop } from "./tabs";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = priceListQuery.parse(searchParamsObject(request));
  return { page: await listPriceLists(ctx, query), query, canManage: can(ctx.actor, "pricing:manage"), done: doneKey(request) };
});

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];

export default function PriceLists({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, canManage, done } = loaderData;
  const zh = i18n.language === "zh-CN";
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "code",
      header: t("pricing.lists.code"),
      meta: { sortKey: "code" },
      cell: ({ row }) => (
        <Link to={`/pricing/lists/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.code}
        </Link>
      ),
    },
    { id: "name", header: t("pricing.lists.name"), cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "kind", header: t("pricing.lists.partnerKind"), cell: ({ row }) => t(`pricing.kinds.${row.original.partnerKind}`, { defaultValue: row.original.partnerKind }) },
    { id: "validFrom", header: t("pricing.lists.validFrom"), meta: { sortKey: "validFrom" }, cell: ({ row }) => formatDate(row.original.validFrom, i18n.language) },
    { id: "validTo", header: t("pricing.lists.validTo"), cell: ({ row }) => (row.original.validTo ? formatDate(row.original.validTo, i18n.language) : t("pricing.lists.open")) },
    { id: "products", header: t("pricing.lists.products"), meta: { align: "right" }, cell: ({ row }) => row.original.products },
    { id: "breaks", header: t("pricing.lists.breaks"), meta: { align: "right" }, cell: ({ row }) => row.original.breaks },
    { id: "status", header: t("pricing.lists.status"), cell: ({ row }) => (row.original.active ? <Badge tone="green">{t("pricing.lists.activeYes")}</Badge> : <Badge>{t("pricing.lists.activeNo")}</Badge>) },
  ];
  return (
    <>
      <PricingListTop newTo="/pricing/lists/new" newLabel={t("pricing.lists.new")} canManage={canManage} done={done} />
      <FilterForm resetTo="/pricing" className="sm:grid-cols-3">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("pricing.lists.searchPlaceholder")} />
        <SelectField label={t("pricing.lists.partnerKind")} name="kind" defaultValue={query.kind ?? ""} placeholder={t("pricing.anyKind")} options={PRICED_KINDS.map((k) => ({ value: k, label: t(`pricing.kinds.${k}`) }))} />
      </FilterForm>
      <PagedTable caption={t("pricing.lists.title")} columns={columns} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
