import { useTranslation } from "@cs/i18n/react";
import { invoiceListQuery, listInvoices } from "@cs/domain";
import { invoiceColumns, PagedListPage } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/invoices";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = invoiceListQuery.parse(searchParamsObject(request));
  return { page: await listInvoices(ctx, query), query };
});

export default function MyInvoices({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query } = loaderData;
  return <PagedListPage title={t("billing.portal.invoices")} columns={invoiceColumns(t, i18n.language, "/finance/invoices", false)} page={page} query={query} getRowId={(r) => r.id} />;
}
