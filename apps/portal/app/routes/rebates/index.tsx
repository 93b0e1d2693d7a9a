import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listRebateStatements, ownRebateAccount, rebateStatementListQuery } from "@cs/domain";
import { Card, Money, PageHeader } from "@cs/ui";

import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/index";
import { statementColumns } from "./columns";
import { PagedTable } from "@cs/web";

/** The partner's rebate balance and its published and settled statements (own organization only). */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = rebateStatementListQuery.parse(searchParamsObject(request));
  const [account, page] = await Promise.all([ownRebateAccount(ctx, { size: 10 }), listRebateStatements(ctx, { ...query, partner: undefined, branch: undefined })]);
  return { balanceFen: account.balanceFen, page, query };
});

export default function MyRebates({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, balanceFen } = loaderData;
  return (
    <>
      <PageHeader title={t("rebatePortal.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("rebatePortal.intro")}</p>
      </PageHeader>
      <div className="space-y-4">
        <Card
          title={t("rebatePortal.balance")}
          actions={
            <Link to="/rebates/ledger" className="text-sm text-blue-700 underline-offset-2 hover:underline">
              {t("rebatePortal.viewLedger")}
            </Link>
          }
        >
          <p className="text-2xl font-semibold tabular-nums" data-testid="rebate-balance">
            <Money fen={balanceFen} locale={i18n.language} />
          </p>
          <p className="mt-1 text-sm text-slate-600">{t("rebatePortal.balanceNote")}</p>
        </Card>
        {page.total === 0 && !query.q ? (
          <Card title={t("rebatePortal.statements")}>
            <p className="text-sm text-slate-600">{t("rebatePortal.noStatements")}</p>
          </Card>
        ) : (
          <PagedTable caption={t("rebatePortal.statements")} columns={statementColumns(t, i18n.language)} page={page} query={query} getRowId={(r) => r.id} />
        )}
      </div>
    </>
  );
}
