import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listReturns, returnListQuery } from "@cs/domain";
import { PageHeader, TextField, cn } from "@cs/ui";
import { returnColumns, FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

const queues = ["requested", "approved", "received", "rejected"] as const;

/** The returns queue: to decide (requested), to receive (approved), and the history. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const q = returnListQuery.parse(searchParamsObject(request, ["status"]));
  return { page: await listReturns(ctx, q), query: q };
});

export default function ReturnsQueue({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query: q } = loaderData;
  const current = q.status.length === 1 ? q.status[0] : undefined;
  return (
    <div className="space-y-4">
      <PageHeader title={t("returns.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("returns.queueIntro")}</p>
      </PageHeader>
      <div className="flex flex-wrap gap-1" role="group" aria-label={t("returns.filters.status")}>
        {[undefined, ...queues].map((s) => (
          <Link
            key={s ?? "all"}
            to={s ? `/returns?status=${s}` : "/returns"}
            aria-current={current === s ? "page" : undefined}
            className={cn("rounded-full px-3 py-1 text-sm ring-1", current === s ? "bg-blue-700 text-white ring-blue-700" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50")}
          >
            {s ? t(`returns.statuses.${s}`) : t("common.all")}
          </Link>
        ))}
      </div>
      <FilterForm resetTo={current ? `/returns?status=${current}` : "/returns"} sort={q.sort} dir={q.dir} size={q.size} columns={4}>
        {current ? <input type="hidden" name="status" value={current} /> : null}
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q.q ?? ""} placeholder={`${t("returns.columns.number")} / ${t("returns.columns.order")}`} />
      </FilterForm>
      <PagedTable caption={t("returns.title")} columns={returnColumns(t, i18n.language, true)} page={page} query={q} getRowId={(r) => r.id} />
    </div>
  );
}
