import { useTranslation } from "@cs/i18n/react";
import { invoiceListQuery, listInvoices } from "@cs/domain";
import { DataTable, PageHeader } from "@cs/ui";
import { invoiceColumns, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/invoices";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = invoiceListQuery.parse(searchParamsObject(request));
  return { page: await listInvoices(ctx, query), query };
});

export default function MyInvoices({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query } = loaderData;
  return (
    <>
      <PageHeader title={t("billing.portal.invoices")} />
      <DataTable caption={t("billing.portal.invoices")} columns={invoiceColumns(t, i18n.language, "/finance/invoices", false)} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
