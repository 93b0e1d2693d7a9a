import { useTranslation } from "@cs/i18n/react";
import { getInvoice } from "@cs/domain";
import { Card, PageHeader, buttonClass } from "@cs/ui";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/invoice";
import { InvoiceView } from "@cs/web";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return await getInvoice(domainCtx(context, request), params.id);
  } catch (error) {
    loaderError(error);
  }
});

export default function MyInvoice({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={`${t(`billing.kinds.${loaderData.invoice.kind}`)} ${loaderData.invoice.number}`}
        actions={
          <a href={`/finance/invoices/${loaderData.invoice.id}/pdf`} className={buttonClass("secondary")} download>
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
