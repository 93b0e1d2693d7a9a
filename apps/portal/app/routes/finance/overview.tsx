import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { ValidationError, agingQuery, myAccount, pendingPaymentNotices, receivablesAging, statementPeriod } from "@cs/domain";
import { Alert, Button, Card, Money, PageHeader, StackedCell, TextField, formatMoney, stackedTable } from "@cs/ui";
import { domainCtx, guarded, searchParamsObject } from "@cs/web/server";
import type { Route } from "./+types/overview";

const agingKeys = ["notDue", "d0_30", "d31_60", "d61_90", "d90Plus", "credit", "balance"] as const;

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [account, aging, pendingNotices] = await Promise.all([myAccount(ctx), receivablesAging(ctx, agingQuery.parse({})), pendingPaymentNotices(ctx)]);
  // Sent back by the statement download when its period was refused: show why, keep what was typed.
  const typed = searchParamsObject(request);
  let period = { from: String(typed.from ?? ""), to: String(typed.to ?? "") };
  let periodErrors: Record<string, string[]> = {};
  try {
    period = statementPeriod(typed);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    periodErrors = error.fieldErrors;
  }
  return { ...account, aging: aging.totals, pendingNotices, period, periodErrors };
});

export default function AccountOverview({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { organization, position, aging, pendingNotices, period, periodErrors } = loaderData;
  const locale = i18n.language;
  const tiles = [
    ["balance", position.openReceivablesFen],
    ["openOrders", position.openOrdersFen],
    ["limit", position.limitFen],
    ["available", position.availableFen],
  ] as const;
  return (
    <>
      <PageHeader title={t("billing.portal.title")}>
        <p className="text-sm text-slate-600">
          {organization.name} · {t("billing.portal.paymentTerms", { days: organization.paymentTermsDays })}
        </p>
      </PageHeader>
      {position.onHold ? <Alert>{t("billing.portal.onHold")}</Alert> : null}
      {pendingNotices.count > 0 ? (
        <div className="mb-4">
          <Alert tone="info">
            <Link to="/finance/payment-notices" className="underline">
              {t("billing.notices.pendingSummary", { count: pendingNotices.count, amount: formatMoney(pendingNotices.amountFen, locale) })}
            </Link>
          </Alert>
        </div>
      ) : null}
      <dl aria-label={t("billing.portal.overview")} className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {tiles.map(([key, fen]) => (
          <div key={key} className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs text-slate-500">{t(`billing.portal.${key}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums">
              <Money fen={fen} locale={locale} />
            </dd>
          </div>
        ))}
      </dl>
      <Card title={t("billing.aging.title")}>
        {/* one row of seven amounts: from sm up a table, on the phone a list of "bucket: amount" lines */}
        <div className={stackedTable.scroller}>
          <table className="block w-full text-sm sm:table">
            <caption className="sr-only">{t("billing.aging.title")}</caption>
            <thead className={stackedTable.headPlain}>
              <tr className="text-right text-slate-500">
                {agingKeys.map((k) => (
                  <th key={k} className="px-2 py-1 font-normal">{t(`billing.aging.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="block sm:table-row-group">
              <tr className="block sm:table-row">
                {[aging.notDueFen, aging.d0_30Fen, aging.d31_60Fen, aging.d61_90Fen, aging.d90PlusFen, aging.creditFen, aging.balanceFen].map((fen, i) => (
                  <StackedCell key={agingKeys[i]} label={t(`billing.aging.${agingKeys[i]!}`)} align="right">
                    <Money fen={fen} locale={locale} />
                  </StackedCell>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
      </Card>
      <div id="statement" />
      <Card title={t("billing.statement.title")} className="mt-4">
        <p className="mb-2 text-sm text-slate-600">{t("billing.portal.statementHint")}</p>
        <Form method="get" action="/finance/statement" reloadDocument className="flex flex-wrap items-end gap-3">
          <TextField label={t("billing.statement.from")} name="from" type="date" defaultValue={period.from} errors={periodErrors.from?.map((k) => t(k))} />
          <TextField label={t("billing.statement.to")} name="to" type="date" defaultValue={period.to} errors={periodErrors.to?.map((k) => t(k))} />
          <Button name="format" value="pdf">{t("billing.statement.downloadPdf")}</Button>
          <Button name="format" value="xlsx" variant="secondary">{t("billing.statement.downloadXlsx")}</Button>
        </Form>
      </Card>
    </>
  );
}
