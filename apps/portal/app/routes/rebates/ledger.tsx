import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { ownRebateAccount } from "@cs/domain";
import { Card, DataTable, Money, PageHeader } from "@cs/ui";
import { rebateLedgerColumns, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/ledger";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return await ownRebateAccount(domainCtx(context, request), searchParamsObject(request));
});

export default function MyRebateLedger({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { ledger, balanceFen } = loaderData;
  return (
    <>
      <PageHeader title={t("rebatePortal.ledger")}>
        <Link to="/rebates" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("rebatePortal.back")}
        </Link>
      </PageHeader>
      <div className="space-y-4">
        <Card title={t("rebatePortal.balance")}>
          <p className="text-2xl font-semibold tabular-nums">
            <Money fen={balanceFen} locale={i18n.language} />
          </p>
        </Card>
        {ledger.total === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">{t("rebateBalance.ledger.empty")}</p>
          </Card>
        ) : (
          <DataTable caption={t("rebatePortal.ledger")} columns={rebateLedgerColumns(t, i18n.language, { statement: "/rebates", order: "/orders" })} data={ledger.rows} total={ledger.total} page={ledger.page} size={ledger.size} sort="created" dir="desc" labels={labels} getRowId={(r) => r.id} />
        )}
      </div>
    </>
  );
}
