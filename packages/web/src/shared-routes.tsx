import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import type { getInvoice } from "@cs/domain";
import { Alert, Card, PageHeader, buttonClass } from "@cs/ui";
import { AccountPage } from "./account";
import type { ActionResult } from "./form";
import { InvoiceView } from "./invoice-view";
import { NotificationsPage } from "./notifications";
import { SettlementView, SettlementsView, type SettlementDetail, type SettlementRow } from "./service-settlements";
import { ShipmentView, type ShipmentDetail } from "./shipments";

/** Page components of the routes both apps serve alike; their loaders are `sharedLoaders` in `@cs/web/server`. */
export function AccountRoute({ actionData }: { actionData?: ActionResult | { status: "success" } }) {
  return <AccountPage result={actionData} />;
}

export function NotificationsRoute({ loaderData }: { loaderData: Parameters<typeof NotificationsPage>[0] }) {
  return <NotificationsPage {...loaderData} />;
}

export function InvoiceRoute({ loaderData }: { loaderData: Awaited<ReturnType<typeof getInvoice>> }) {
  const { t } = useTranslation();
  const invoice = loaderData.invoice;
  return (
    <>
      <PageHeader
        title={`${t(`billing.kinds.${invoice.kind}`)} ${invoice.number}`}
        actions={
          <a href={`/finance/invoices/${invoice.id}/pdf`} className={buttonClass("secondary")} download>
            {t("billing.statement.downloadPdf")}
          </a>
        }
      />
      <Card>
        <InvoiceView data={loaderData} />
      </Card>
    </>
  );
}

/** A shipment; after the desk ships an order it lands here with `?done=shipped` and the invoice number. */
export function ShipmentRoute({ loaderData }: { loaderData: ShipmentDetail }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const shipped = params.get("done") === "shipped";
  return <ShipmentView data={loaderData} notice={shipped ? <Alert tone="success">{t("billing.shipping.shippedNotice", { invoice: loaderData.invoiceNumber ?? "" })}</Alert> : null} />;
}

export function SettlementRoute({ loaderData }: { loaderData: { s: SettlementDetail } }) {
  return <SettlementView s={loaderData.s} />;
}

export function SettlementsRoute({ loaderData }: { loaderData: { rows: SettlementRow[] } }) {
  return <SettlementsView rows={loaderData.rows} />;
}
