import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listReturnableOrders, listReturns, returnListQuery } from "@cs/domain";
import { Card, PageHeader, formatDateTime } from "@cs/ui";
import { returnColumns, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

/** The partner's returns, and its shipped orders that still have goods to return. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const q = returnListQuery.parse(searchParamsObject(request, ["status"]));
  const [page, orders] = await Promise.all([listReturns(ctx, q), listReturnableOrders(ctx, 20)]);
  return { page, query: q, orders };
});

export default function Returns({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query: q, orders } = loaderData;
  return (
    <div className="space-y-4">
      <PageHeader title={t("returns.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("returns.intro")}</p>
      </PageHeader>
      <Card title={t("returns.returnable")}>
        {orders.length === 0 ? (
          <p className="text-sm text-slate-600">{t("returns.noReturnable")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {orders.map((o) => (
              <li key={o.id} className="flex items-center gap-4 py-2 text-sm">
                <span className="font-mono text-xs">{o.number}</span>
                <span className="text-slate-500">{formatDateTime(o.submittedAt, i18n.language)}</span>
                <Link to={`/returns/new/${o.id}`} className="ml-auto font-medium text-blue-800 hover:underline" aria-label={`${t("returns.request")} ${o.number}`}>
                  {t("returns.request")}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <PagedTable caption={t("returns.title")} columns={returnColumns(t, i18n.language, false)} page={page} query={q} getRowId={(r) => r.id} />
    </div>
  );
}
