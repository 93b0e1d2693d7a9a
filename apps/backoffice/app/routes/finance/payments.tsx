import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { can, listPayments, paymentListQuery } from "@cs/domain";
import { PageHeader, TextField, buttonClass } from "@cs/ui";
import { paymentColumns, FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/payments";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = paymentListQuery.parse(searchParamsObject(request));
  return { page: await listPayments(ctx, query), query, canRecord: can(ctx.actor, "payment:record") };
});

export default function Payments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, canRecord } = loaderData;
  return (
    <>
      <PageHeader
        title={t("billing.finance.payments")}
        actions={canRecord ? <Link to="/finance/payments/new" className={buttonClass()}>{t("billing.payment.record")}</Link> : null}
      />
      <FilterForm resetTo="/finance/payments" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <TextField label={t("billing.fields.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("billing.finance.searchPayments")} />
      </FilterForm>
      <PagedTable caption={t("billing.finance.payments")} columns={paymentColumns(t, i18n.language)} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
