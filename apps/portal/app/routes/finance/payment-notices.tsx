import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { listPaymentNotices, mayNotifyPayment, paymentNoticeListQuery } from "@cs/domain";
import { Alert, Card, PageHeader, buttonClass } from "@cs/ui";
import { PaymentNoticeList } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/payment-notices";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const page = await listPaymentNotices(ctx, paymentNoticeListQuery.parse(searchParamsObject(request)));
  return { rows: page.rows, mayNotify: mayNotifyPayment(ctx.actor) };
});

/** The payment notices the partner sent and what finance made of them (recorded as a payment, or returned and why). */
export default function MyPaymentNotices({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { rows, mayNotify } = loaderData;
  const sent = params.get("notified");
  return (
    <>
      <PageHeader
        title={t("billing.notices.title")}
        actions={
          mayNotify ? (
            <Link to="/finance/payment-notices/new" className={buttonClass()}>
              {t("billing.notices.new")}
            </Link>
          ) : null
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("billing.notices.intro")}</p>
      </PageHeader>
      {sent ? (
        <div className="mb-4">
          <Alert tone="success">{t("billing.notices.submitted", { number: sent })}</Alert>
        </div>
      ) : null}
      <Card>{rows.length === 0 ? <p className="text-sm text-slate-600">{t("billing.notices.none")}</p> : <PaymentNoticeList rows={rows} showPartner={false} />}</Card>
    </>
  );
}
