import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { can, listPromotions, promotionQuery } from "@cs/domain";
import { Badge, SelectField, TextField, formatDate, formatMoney } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/promotions";
import { doneKey, PricingListTop } from "./tabs";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = promotionQuery.parse(searchParamsObject(request));
  return { page: await listPromotions(ctx, query), query, canManage: can(ctx.actor, "pricing:manage"), done: doneKey(request) };
});

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];
const stateTone = { running: "green", upcoming: "blue", ended: "slate", inactive: "slate" } as const;

export default function Promotions({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, canManage, done } = loaderData;
  const zh = i18n.language === "zh-CN";
  const stateOf = (r: Row) => (!r.active ? "inactive" : r.startsOn > page.today ? "upcoming" : r.endsOn < page.today ? "ended" : "running");
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "code",
      header: t("pricing.promotions.code"),
      meta: { sortKey: "code" },
      cell: ({ row }) =>
        canManage ? (
          <Link to={`/pricing/promotions/${row.original.id}`} className="font-mono text-xs text-blue-700 underline">
            {row.original.code}
          </Link>
        ) : (
          <span className="font-mono text-xs">{row.original.code}</span>
        ),
    },
    { id: "name", header: t("pricing.promotions.name"), cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "target", header: t("pricing.promotions.target"), cell: ({ row }) => row.original.sku ?? localName(zh, row.original.lineZh, row.original.lineEn) },
    { id: "kind", header: t("pricing.promotions.partnerKind"), cell: ({ row }) => (row.original.partnerKind ? t(`pricing.kinds.${row.original.partnerKind}`, { defaultValue: row.original.partnerKind }) : t("pricing.anyKind")) },
    {
      id: "offer",
      header: t("pricing.promotions.offer"),
      meta: { align: "right" },
      cell: ({ row }) => (row.original.discountBp !== null ? t("pricing.promotions.percentOff", { percent: row.original.discountBp / 100 }) : formatMoney(row.original.promoPriceFen ?? 0n, i18n.language)),
    },
    { id: "minQuantity", header: t("pricing.promotions.minQuantity"), meta: { align: "right" }, cell: ({ row }) => row.original.minQuantity },
    { id: "startsOn", header: t("pricing.promotions.startsOn"), meta: { sortKey: "startsOn" }, cell: ({ row }) => formatDate(row.original.startsOn, i18n.language) },
    { id: "endsOn", header: t("pricing.promotions.endsOn"), meta: { sortKey: "endsOn" }, cell: ({ row }) => formatDate(row.original.endsOn, i18n.language) },
    { id: "state", header: t("pricing.promotions.state"), cell: ({ row }) => <Badge tone={stateTone[stateOf(row.original)]}>{t(`pricing.promotions.states.${stateOf(row.original)}`)}</Badge> },
  ];
  return (
    <>
      <PricingListTop newTo="/pricing/promotions/new" newLabel={t("pricing.promotions.new")} canManage={canManage} done={done} />
      <FilterForm resetTo="/pricing/promotions" className="sm:grid-cols-3">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("pricing.promotions.searchPlaceholder")} />
        <SelectField label={t("pricing.promotions.state")} name="state" defaultValue={query.state ?? ""} placeholder={t("pricing.promotions.allStates")} options={(["running", "upcoming", "ended"] as const).map((s) => ({ value: s, label: t(`pricing.promotions.states.${s}`) }))} />
      </FilterForm>
      <PagedTable caption={t("pricing.promotions.title")} columns={columns} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
