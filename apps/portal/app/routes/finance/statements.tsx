import { useTranslation } from "@cs/i18n/react";
import { listAccountStatements, statementListQuery } from "@cs/domain";
import { Card, PageHeader } from "@cs/ui";
import { StatementList } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/statements";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const page = await listAccountStatements(ctx, statementListQuery.parse(searchParamsObject(request)));
  return { rows: page.rows };
});

/** The partner's monthly statements: which wait for its confirmation, which are disputed, which are confirmed. */
export default function MyStatements({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("billing.statements.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("billing.statements.hint")}</p>
      </PageHeader>
      <Card>
        <StatementList rows={loaderData.rows} showPartner={false} />
      </Card>
    </>
  );
}
