import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Link, data, redirect, useSearchParams } from "react-router";
import { can, channelFilterOptions, deleteTarget, getTarget, importTargets, listTargetPartners, listTargets, saveTarget, targetsQuery, type TargetImportResult } from "@cs/domain";
import { Alert, DataTable, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { useTableLabels, type ActionResult, FilterForm } from "@cs/web";
import { actionError, domainCtx, searchParamsObject, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/targets";
import { targetColumns } from "./columns";
import { divisionName } from "./shared";
import { TargetDialog, ImportPanel } from "./target-forms";
import { readTargetSheet } from "./targets-upload.server";
import { hasKey } from "@cs/domain/shared/keys";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const params = searchParamsObject(request);
  const query = targetsQuery.parse(params);
  const may = can(ctx.actor, "target:manage");
  const editing = may && typeof params.edit === "string" && params.edit ? params.edit : null;
  const [page, options, partners, target] = await Promise.all([
    listTargets(ctx, query),
    channelFilterOptions(ctx),
    may && (editing || params.new) ? listTargetPartners(ctx) : Promise.resolve([]),
    editing ? getTarget(ctx, editing) : Promise.resolve(null),
  ]);
  return { page, query, options, partners, target, dialog: may && (editing || params.new) ? true : false, may, formKey: randomUUID() };
});

type ImportReply = { intent: "import"; result: TargetImportResult | null; problem: string | null };

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  const back = new URL(request.url);
  back.searchParams.delete("edit");
  back.searchParams.delete("new");
  const done = (key: string) => {
    back.searchParams.set("done", key);
    return redirect(`${back.pathname}?${back.searchParams.toString()}`);
  };
  try {
    if (intent === "import") {
      const sheet = await readTargetSheet(form.get("file"));
      if (hasKey(sheet, "error")) return data<ImportReply>({ intent: "import", result: null, problem: sheet.error }, { status: 400 });
      const result = await importTargets(ctx, sheet.rows);
      return data<ImportReply>({ intent: "import", result, problem: null }, { status: result.ok ? 200 : 400 });
    }
    if (intent === "delete") {
      await deleteTarget(ctx, String(form.get("id") ?? ""));
      return done("deleted");
    }
    await saveTarget(ctx, readForm(form));
    return done("saved");
  } catch (error) {
    return actionError(error, form);
  }
});

export default function Targets({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const [params] = useSearchParams();
  const { page, query, options, partners, target, dialog, may } = loaderData;
  const withParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.delete("done");
    next.delete("edit");
    next.delete("new");
    if (value) next.set(key, value);
    return `?${next.toString()}`;
  };
  const imported = actionData && hasKey(actionData, "intent") && actionData.intent === "import" ? (actionData as ImportReply) : null;
  const formResult = imported ? undefined : (actionData as ActionResult);
  const done = params.get("done");
  return (
    <>
      <PageHeader
        title={t("channel.tabs.targets")}
        actions={
          may ? (
            <Link to={withParam("new", "1")} preventScrollReset className={buttonClass("primary")}>
              {t("channel.targets.new")}
            </Link>
          ) : null
        }
      >
        <p className="mt-1 text-sm text-slate-600">{t("channel.targets.intro")}</p>
      </PageHeader>
      {done === "saved" || done === "deleted" ? (
        <div className="mb-4">
          <Alert tone="success">{t(`channel.targets.${done}`)}</Alert>
        </div>
      ) : null}
      {may ? <ImportPanel reply={imported} /> : null}
      <FilterForm resetTo="/channel/targets" sort={query.sort} dir={query.dir} size={query.size} columns={5}>
        <SelectField
          label={t("channel.period.kind")}
          name="periodKind"
          defaultValue={query.periodKind ?? ""}
          placeholder={t("common.all")}
          options={(["month", "quarter", "year"] as const).map((k) => ({ value: k, label: t(`channel.period.${k}`) }))}
        />
        <TextField label={t("channel.targets.columns.start")} name="periodStart" type="date" defaultValue={query.periodStart ?? ""} />
        <SelectField label={t("channel.fields.branch")} name="branchId" defaultValue={query.branchId ?? ""} placeholder={t("common.all")} options={options.branches.map((b) => ({ value: b.id, label: b.name }))} />
        <SelectField
          label={t("channel.fields.division")}
          name="divisionId"
          defaultValue={query.divisionId ?? ""}
          placeholder={t("common.all")}
          options={options.divisions.map((d) => ({ value: d.id, label: `${d.code} ${divisionName(d, i18n.language)}` }))}
        />
        <TextField label={t("channel.fields.search")} name="q" type="search" defaultValue={query.q ?? ""} />
      </FilterForm>
      <DataTable
        caption={t("channel.tabs.targets")}
        columns={targetColumns(t, i18n.language, may, (id) => withParam("edit", id))}
        data={page.rows}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={query.sort}
        dir={query.dir}
        labels={labels}
        getRowId={(r) => r.id}
      />
      {dialog ? <TargetDialog key={loaderData.formKey} target={target} partners={partners} divisions={options.divisions} result={formResult} closeHref={withParam("", "")} /> : null}
    </>
  );
}
