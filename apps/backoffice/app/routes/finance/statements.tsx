import { useTranslation } from "@cs/i18n/react";
import { listAccountStatements, statementListQuery } from "@cs/domain";
import { Card, PageHeader, SelectField } from "@cs/ui";
import { FilterForm, StatementList } from "@cs/web";
import { domainCtx, guarded, searchParamsObject } from "@cs/web/server";
import type { Route } from "./+types/statements";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  // finance opens this page to answer disputes: that is the default view
  const query = statementListQuery.parse({ status: "disputed", ...searchParamsObject(request) });
  const page = await listAccountStatements(ctx, query);
  return { rows: page.rows, query };
});

/** Partners' monthly statements by status: the disputed ones to answer, the open ones still to be confirmed. */
export default function Statements({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { rows, query } = loaderData;
  return (
    <>
      <PageHeader title={t("billing.statements.title")} />
      <FilterForm resetTo="/finance/statements" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <SelectField
          label={t("billing.statements.columns.status")}
          name="status"
          defaultValue={query.status}
          options={(["disputed", "open", "confirmed", "all"] as const).map((s) => ({ value: s, label: t(`billing.statements.status.${s}`) }))}
        />
      </FilterForm>
      <Card>
        <StatementList rows={rows} showPartner />
      </Card>
    </>
  );
}
