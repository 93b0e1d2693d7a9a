import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { couponListQuery, listCoupons, type CouponRow, type CouponState } from "@cs/domain";
import { partnerTiers } from "@cs/domain/shared/schema-vocabulary";
import { Alert, DataTable, PageHeader, SelectField, TextField, buttonClass, formatDate } from "@cs/ui";
import { CouponStateBadge, CouponValue, FilterForm, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

// Here, not imported from the domain: a value import would pull the domain into the browser bundle.
const states: CouponState[] = ["usable", "scheduled", "used_up", "expired", "revoked"];

/** Every coupon (coupon:manage), by state, tier and text. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = couponListQuery.parse(searchParamsObject(request));
  return { page: await listCoupons(ctx, query), query };
});

export default function Coupons({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const [search] = useSearchParams();
  const { page, query } = loaderData;
  const locale = i18n.language;
  const issued = search.get("issued");
  const columns: ColumnDef<CouponRow, unknown>[] = [
    {
      id: "code",
      header: t("coupons.columns.code"),
      meta: { sortKey: "code" },
      cell: ({ row }) => (
        <Link to={`/coupons/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.code}
        </Link>
      ),
    },
    {
      id: "target",
      header: t("coupons.columns.target"),
      cell: ({ row }) => {
        const c = row.original;
        if (c.partner) return <><span className="font-mono text-xs">{c.partnerCode}</span> {c.partner}</>;
        if (c.tier) return `${t("coupons.forTier")} · ${t(`org.tiers.${c.tier}`)}`;
        return c.customer ?? "—";
      },
    },
    { id: "value", header: t("coupons.columns.value"), cell: ({ row }) => <CouponValue coupon={row.original} /> },
    { id: "description", header: t("coupons.fields.description"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.description },
    { id: "validity", header: t("coupons.columns.validity"), meta: { sortKey: "validUntil" }, cell: ({ row }) => `${formatDate(row.original.validFrom, locale)} – ${formatDate(row.original.validUntil, locale)}` },
    { id: "uses", header: t("coupons.columns.uses"), cell: ({ row }) => <span className="tabular-nums">{row.original.usesCount} / {row.original.usesAllowed}</span> },
    { id: "state", header: t("coupons.columns.state"), cell: ({ row }) => <CouponStateBadge state={row.original.state} /> },
    { id: "source", header: t("coupons.columns.source"), meta: { defaultHidden: true }, cell: ({ row }) => t(`coupons.sources.${row.original.source}`, { defaultValue: row.original.source }) },
    { id: "createdAt", header: t("coupons.detail.createdAt"), meta: { sortKey: "createdAt", defaultHidden: true }, cell: ({ row }) => formatDate(row.original.createdAt, locale) },
  ];
  return (
    <>
      <PageHeader title={t("coupons.title")} actions={<><Link to="/coupons/new" className={buttonClass("primary")}>{t("coupons.issue")}</Link> <Link to="/coupons/new?mode=tier" className={buttonClass("secondary")}>{t("coupons.issueTier")}</Link></>}>
        <p className="max-w-3xl text-sm text-slate-600">{t("coupons.staffIntro")}</p>
      </PageHeader>
      {issued ? <Alert tone="success">{t("coupons.issuedTier", { count: Number(issued) })}</Alert> : null}
      <FilterForm resetTo="/coupons" className="sm:grid-cols-2 lg:grid-cols-4">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("coupons.searchPlaceholder")} className="lg:col-span-2" />
        <SelectField label={t("coupons.state")} name="state" defaultValue={query.state ?? ""} placeholder={t("coupons.anyState")} options={states.map((s) => ({ value: s, label: t(`coupons.states.${s}`) }))} />
        <SelectField label={t("coupons.tier")} name="tier" defaultValue={query.tier ?? ""} placeholder={t("coupons.anyTier")} options={partnerTiers.map((s) => ({ value: s, label: t(`org.tiers.${s}`) }))} />
      </FilterForm>
      <DataTable caption={t("coupons.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("coupons.empty") }} getRowId={(r) => r.id} />
    </>
  );
}
