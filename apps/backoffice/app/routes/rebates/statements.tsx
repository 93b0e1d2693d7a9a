import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect } from "react-router";
import { approveRebateStatements, can, listBranches, listRebatePrograms, listRebateStatements, publishRebateStatements, rebateProgramListQuery, rebateStatementListQuery } from "@cs/domain";
import { Alert, Badge, Button, Money, PageHeader, SelectField, TextField, formatDate } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult, FilterForm, PagedTable } from "@cs/web";
import { actionError, domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/statements";
import { percentOf, RebateTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const url = new URL(request.url);
  const query = rebateStatementListQuery.parse(searchParamsObject(request));
  const [page, branches, programs] = await Promise.all([
    listRebateStatements(ctx, query),
    listBranches(ctx),
    listRebatePrograms(ctx, rebateProgramListQuery.parse({ size: "100", sort: "periodStart", dir: "desc" })),
  ]);
  const done = url.searchParams.get("done");
  return {
    page,
    query,
    branches,
    programs: programs.rows.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    canApprove: can(ctx.actor, "rebate:approve"),
    done: done === "approved" || done === "published" ? { key: done, count: Number(url.searchParams.get("count") ?? 0) } : null,
  };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const ids = form.getAll("ids").filter((v): v is string => typeof v === "string");
  const intent = form.get("intent");
  try {
    const { count } = intent === "publish" ? await publishRebateStatements(ctx, { ids }) : await approveRebateStatements(ctx, { ids });
    const url = new URL(request.url);
    url.searchParams.set("done", intent === "publish" ? "published" : "approved");
    url.searchParams.set("count", String(count));
    return redirect(`${url.pathname}${url.search}`);
  } catch (error) {
    return actionError(error, form);
  }
});

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];
const statusTone = { draft: "slate", approved: "amber", published: "green", settled: "green" } as const;

export default function RebateStatements({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, branches, programs, canApprove, done } = loaderData;
  const locale = i18n.language;
  const result = (actionData ?? null) as ActionResult;
  const columns: ColumnDef<Row, unknown>[] = [
    ...(canApprove
      ? [
          {
            id: "select",
            header: t("rebatePrograms.statements.select"),
            cell: ({ row }) =>
              row.original.status === "draft" || row.original.status === "approved" ? (
                <input type="checkbox" name="ids" value={row.original.id} form="bulk" aria-label={t("rebatePrograms.statements.selectRow", { number: row.original.number })} className="size-4" />
              ) : null,
          } satisfies ColumnDef<Row, unknown>,
        ]
      : []),
    {
      id: "number",
      header: t("rebatePrograms.statements.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/rebates/statements/${row.original.id}`} className="font-mono text-blue-700 underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "partner", header: t("rebatePrograms.statements.columns.partner"), meta: { sortKey: "partner" }, cell: ({ row }) => <><span className="font-mono text-xs">{row.original.partnerCode}</span> {row.original.partner}</> },
    { id: "branch", header: t("rebatePrograms.statements.columns.branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branch ?? "—" },
    { id: "program", header: t("rebatePrograms.statements.columns.program"), cell: ({ row }) => row.original.programCode ?? row.original.priceProtectionNumber ?? "—" },
    { id: "period", header: t("rebatePrograms.statements.columns.period"), meta: { sortKey: "periodEnd" }, cell: ({ row }) => `${formatDate(row.original.periodStart, locale)} – ${formatDate(row.original.periodEnd, locale)}` },
    { id: "basis", header: t("rebatePrograms.statements.columns.basis"), meta: { align: "right" }, cell: ({ row }) => <Money fen={row.original.basisFen} locale={locale} /> },
    { id: "completion", header: t("rebatePrograms.statements.columns.completion"), meta: { align: "right" }, cell: ({ row }) => (row.original.completionBp === null ? "—" : percentOf(row.original.completionBp)) },
    { id: "rate", header: t("rebatePrograms.statements.columns.rate"), meta: { align: "right" }, cell: ({ row }) => (row.original.rateBp ? percentOf(row.original.rateBp) : "—") },
    { id: "amount", header: t("rebatePrograms.statements.columns.amount"), meta: { sortKey: "amountFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.amountFen} locale={locale} /> },
    { id: "status", header: t("rebatePrograms.statements.columns.status"), meta: { sortKey: "status" }, cell: ({ row }) => <Badge tone={statusTone[row.original.status]}>{t(`rebatePrograms.statementStatuses.${row.original.status}`)}</Badge> },
  ];
  return (
    <>
      <PageHeader title={t("rebatePrograms.statements.title")}>
        <p className="text-sm text-slate-600">{t("rebatePrograms.statements.intro")}</p>
      </PageHeader>
      <RebateTabs />
      {done ? (
        <div className="mb-4">
          <Alert tone="success">{t(`rebatePrograms.statements.${done.key}`, { count: done.count })}</Alert>
        </div>
      ) : null}
      <FilterForm resetTo="/rebates/statements" className="sm:grid-cols-3 lg:grid-cols-6">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("rebatePrograms.statements.searchPlaceholder")} className="lg:col-span-2" />
        <SelectField label={t("rebatePrograms.statements.program")} name="program" defaultValue={query.program ?? ""} placeholder={t("rebatePrograms.statements.anyProgram")} options={programs.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))} />
        <SelectField label={t("rebatePrograms.statements.columns.status")} name="status" defaultValue={query.status ?? ""} placeholder={t("rebatePrograms.statements.anyStatus")} options={(["draft", "approved", "published", "settled"] as const).map((s) => ({ value: s, label: t(`rebatePrograms.statementStatuses.${s}`) }))} />
        <SelectField label={t("rebatePrograms.statements.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("rebatePrograms.statements.anyBranch")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
      </FilterForm>
      {canApprove ? (
        <Form method="post" id="bulk" className="mb-3 flex flex-wrap items-center gap-2">
          <CsrfInput />
          <Button name="intent" value="approve">{t("rebatePrograms.statements.approveSelected")}</Button>
          <Button name="intent" value="publish" variant="secondary">{t("rebatePrograms.statements.publishSelected")}</Button>
          <p className="text-xs text-slate-500">{t("rebatePrograms.statements.bulkHint")}</p>
          <div className="w-full empty:hidden">
            {result?.error?.ids ? <Alert>{result.error.ids.map((k) => t(k)).join(" ")}</Alert> : <FormAlert result={result} />}
          </div>
        </Form>
      ) : null}
      <PagedTable caption={t("rebatePrograms.statements.title")} columns={columns} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
