import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { ownRebateAccount } from "@cs/domain";
import { Card, Money, PageHeader } from "@cs/ui";
import { RebateLedgerTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/ledger";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return await ownRebateAccount(domainCtx(context, request), searchParamsObject(request));
});

export default function MyRebateLedger({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
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
        <RebateLedgerTable ledger={ledger} caption={t("rebatePortal.ledger")} links={{ statement: "/rebates", order: "/orders" }} />
      </div>
    </>
  );
}
