import type { ColumnDef } from "@tanstack/react-table";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { budgetPoolListQuery, can, listBudgetPools, marketingChoices, quarterChoices, shanghaiToday, type BudgetPoolRow } from "@cs/domain";
import { DataTable, Money, PageHeader, SelectField, buttonClass } from "@cs/ui";
import { FilterForm, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/budgets";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = budgetPoolListQuery.parse(searchParamsObject(request));
  const [page, choices] = await Promise.all([listBudgetPools(ctx, query), marketingChoices(ctx)]);
  const year = Number(shanghaiToday().slice(0, 4));
  return { page, query, ...choices, quarters: quarterChoices(`${year - 1}-01-01`, 12), canManage: can(ctx.actor, "marketing:manage") };
});

export default function BudgetPools({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query, divisions, branches, quarters, canManage } = loaderData;
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const money = (fen: bigint) => <Money fen={fen} locale={locale} />;
  const columns: ColumnDef<BudgetPoolRow, unknown>[] = [
    {
      id: "quarter",
      header: t("marketing.pools.columns.quarter"),
      meta: { sortKey: "quarter" },
      cell: ({ row }) => (
        <Link to={`/marketing/budgets/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.quarter}
        </Link>
      ),
    },
    { id: "division", header: t("marketing.pools.columns.division"), meta: { sortKey: "division" }, cell: ({ row }) => localName(zh, row.original.divisionZh, row.original.divisionEn) },
    { id: "branch", header: t("marketing.pools.columns.branch"), meta: { sortKey: "branch" }, cell: ({ row }) => row.original.branch },
    { id: "planned", header: t("marketing.pools.columns.planned"), meta: { sortKey: "plannedFen", align: "right" }, cell: ({ row }) => money(row.original.plannedFen) },
    { id: "committed", header: t("marketing.pools.columns.committed"), meta: { align: "right" }, cell: ({ row }) => money(row.original.committedFen) },
    { id: "spent", header: t("marketing.pools.columns.spent"), meta: { align: "right" }, cell: ({ row }) => money(row.original.spentFen) },
    { id: "remaining", header: t("marketing.pools.columns.remaining"), meta: { sortKey: "remainingFen", align: "right" }, cell: ({ row }) => money(row.original.remainingFen) },
  ];
  return (
    <>
      <PageHeader
        title={t("marketing.pools.title")}
        actions={
          canManage ? (
            <Link to="/marketing/budgets/new" className={buttonClass()}>
              {t("marketing.pools.new")}
            </Link>
          ) : null
        }
      >
        <p className="text-sm text-slate-600">{t("marketing.pools.intro")}</p>
      </PageHeader>
      <MarketingTabs />
      <FilterForm resetTo="/marketing/budgets" className="sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label={t("marketing.pools.quarter")} name="quarter" defaultValue={query.quarter ?? ""} placeholder={t("marketing.pools.anyQuarter")} options={quarters.map((q) => ({ value: q, label: q }))} />
        <SelectField label={t("marketing.pools.division")} name="division" defaultValue={query.division ?? ""} placeholder={t("marketing.pools.anyDivision")} options={divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
        <SelectField label={t("marketing.pools.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("marketing.pools.anyBranch")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
      </FilterForm>
      <DataTable caption={t("marketing.pools.title")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={{ ...labels, empty: t("marketing.pools.empty") }} getRowId={(r) => r.id} />
    </>
  );
}
