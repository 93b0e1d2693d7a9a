import { useTranslation } from "@cs/i18n/react";
import { authorize, listBranches, listOrderQueue, orderQueueQuery, TOTAL_CAP } from "@cs/domain";
import { PageHeader, SelectField, TextField, formatNumber } from "@cs/ui";
import { useTableLabels, FilterForm, PagedTable } from "@cs/web";
import { domainCtx, notFound, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/queue";
import { orderColumns, queueTabs, statusOptions } from "./columns";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  if (!(queueTabs as readonly string[]).includes(params.queue)) notFound();
  authorize(ctx.actor, "order:read");
  const query = orderQueueQuery.parse({ ...searchParamsObject(request), queue: params.queue });
  const [page, branches] = await Promise.all([listOrderQueue(ctx, query), listBranches(ctx)]);
  return { page, branches, query, cap: TOTAL_CAP };
});

export default function OrderQueue({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, branches, query: q, cap } = loaderData;
  const here = `/orders/queue/${q.queue}`;
  const rowLabels = page.totalCapped ? { ...labels, rows: () => t("desk.rowsCapped", { count: formatNumber(cap, i18n.language) as never }) } : labels;
  return (
    <>
      <PageHeader title={t(`desk.queues.${q.queue}`)} />
      <p className="-mt-2 mb-4 max-w-3xl text-sm text-slate-600">{t(`desk.queueHints.${q.queue}`)}</p>
      <FilterForm resetTo={here} sort={q.sort} dir={q.dir} size={q.size}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q.q ?? ""} placeholder={t("desk.fields.searchPlaceholder")} />
        <SelectField
          label={t("desk.fields.status")}
          name="status"
          defaultValue={q.status ?? ""}
          placeholder={t("common.all")}
          options={statusOptions.map((s) => ({ value: s, label: t(`desk.statuses.${s}`) }))}
        />
        <SelectField
          label={t("desk.fields.branch")}
          name="branch"
          defaultValue={q.branch ?? ""}
          placeholder={t("common.all")}
          options={branches.map((b) => ({ value: b.id, label: b.name }))}
        />
        <TextField label={t("desk.fields.from")} name="from" type="date" defaultValue={q.from ?? ""} />
        <TextField label={t("desk.fields.to")} name="to" type="date" defaultValue={q.to ?? ""} />
      </FilterForm>
      <PagedTable caption={t(`desk.queues.${q.queue}`)} columns={orderColumns(t, i18n.language)} page={page} query={q} getRowId={(r) => r.id} labels={rowLabels} />
    </>
  );
}
