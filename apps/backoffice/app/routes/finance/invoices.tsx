import { useTranslation } from "@cs/i18n/react";
import { invoiceListQuery, listBranches, listInvoices } from "@cs/domain";
import { PageHeader, SelectField, TextField } from "@cs/ui";
import { invoiceColumns, FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/invoices";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = invoiceListQuery.parse(searchParamsObject(request));
  const [page, branches] = await Promise.all([listInvoices(ctx, query), listBranches(ctx)]);
  return { page, query, branches: branches.map((b) => ({ value: b.id, label: b.name })) };
});

export default function Invoices({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, branches } = loaderData;
  return (
    <>
      <PageHeader title={t("billing.finance.invoices")} />
      <FilterForm resetTo="/finance/invoices" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <TextField label={t("billing.fields.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("billing.finance.searchInvoices")} />
        {query.partner ? <input type="hidden" name="partner" value={query.partner} /> : null}
        <SelectField label={t("billing.fields.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("common.all")} options={branches} />
        <SelectField
          label={t("billing.fields.status")}
          name="state"
          defaultValue={query.state}
          options={(["all", "open", "overdue"] as const).map((s) => ({ value: s, label: t(`billing.state.${s}`) }))}
        />
      </FilterForm>
      <PagedTable caption={t("billing.finance.invoices")} columns={invoiceColumns(t, i18n.language, "/finance/invoices")} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
