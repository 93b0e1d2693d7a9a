import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { can, listRebatePrograms, rebateProgramListQuery } from "@cs/domain";
import { Alert, Badge, Money, PageHeader, SelectField, TextField, buttonClass, formatDate } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/programs";
import { RebateTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = rebateProgramListQuery.parse(searchParamsObject(request));
  const done = new URL(request.url).searchParams.get("done") === "saved";
  return { page: await listRebatePrograms(ctx, query), query, canManage: can(ctx.actor, "rebate:manage"), done };
});

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];
const statusTone = { draft: "slate", active: "green", archived: "amber" } as const;

export default function RebatePrograms({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, canManage, done } = loaderData;
  const locale = i18n.language;
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "code",
      header: t("rebatePrograms.columns.code"),
      meta: { sortKey: "code" },
      cell: ({ row }) => (
        <Link to={`/rebates/programs/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.code}
        </Link>
      ),
    },
    { id: "name", header: t("rebatePrograms.columns.name"), meta: { sortKey: "name" }, cell: ({ row }) => row.original.name },
    {
      id: "period",
      header: t("rebatePrograms.columns.period"),
      meta: { sortKey: "periodStart" },
      cell: ({ row }) => `${formatDate(row.original.periodStart, locale)} – ${formatDate(row.original.periodEnd, locale)}`,
    },
    { id: "basis", header: t("rebatePrograms.columns.basis"), cell: ({ row }) => t(`rebatePrograms.bases.${row.original.basis}`) },
    { id: "method", header: t("rebatePrograms.columns.method"), cell: ({ row }) => t(`rebatePrograms.methodsShort.${row.original.method}`) },
    { id: "status", header: t("rebatePrograms.columns.status"), cell: ({ row }) => <Badge tone={statusTone[row.original.status]}>{t(`rebatePrograms.statuses.${row.original.status}`)}</Badge> },
    { id: "statements", header: t("rebatePrograms.columns.statements"), meta: { align: "right" }, cell: ({ row }) => row.original.statements },
    { id: "amount", header: t("rebatePrograms.columns.amount"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.amountFen} locale={locale} /> },
  ];
  return (
    <>
      <PageHeader
        title={t("rebatePrograms.title")}
        actions={
          canManage ? (
            <Link to="/rebates/programs/new" className={buttonClass("primary")}>
              {t("rebatePrograms.new")}
            </Link>
          ) : null
        }
      >
        <p className="text-sm text-slate-600">{t("rebatePrograms.intro")}</p>
      </PageHeader>
      <RebateTabs />
      {done ? (
        <div className="mb-4">
          <Alert tone="success">{t("rebatePrograms.saved")}</Alert>
        </div>
      ) : null}
      <FilterForm resetTo="/rebates" className="sm:grid-cols-3">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("rebatePrograms.searchPlaceholder")} />
        <SelectField label={t("rebatePrograms.columns.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("rebatePrograms.anyStatus")} options={(["draft", "active", "archived"] as const).map((s) => ({ value: s, label: t(`rebatePrograms.statuses.${s}`) }))} />
      </FilterForm>
      <PagedTable caption={t("rebatePrograms.title")} columns={columns} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
