import { useTranslation } from "@cs/i18n/react";
import { listPayments, paymentListQuery } from "@cs/domain";
import { DataTable, PageHeader } from "@cs/ui";
import { paymentColumns, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/payments";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = paymentListQuery.parse(searchParamsObject(request));
  return { page: await listPayments(ctx, query), query };
});

export default function MyPayments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query } = loaderData;
  return (
    <>
      <PageHeader title={t("billing.portal.payments")} />
      <DataTable caption={t("billing.portal.payments")} columns={paymentColumns(t, i18n.language, false)} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
