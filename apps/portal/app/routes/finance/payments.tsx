import { useTranslation } from "@cs/i18n/react";
import { listPayments, paymentListQuery } from "@cs/domain";
import { paymentColumns, PagedListPage } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/payments";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = paymentListQuery.parse(searchParamsObject(request));
  return { page: await listPayments(ctx, query), query };
});

export default function MyPayments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query } = loaderData;
  return <PagedListPage title={t("billing.portal.payments")} columns={paymentColumns(t, i18n.language, false)} page={page} query={query} getRowId={(r) => r.id} />;
}
