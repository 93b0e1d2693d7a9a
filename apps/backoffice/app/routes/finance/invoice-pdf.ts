import { getInvoice } from "@cs/domain";
import { domainCtx, guarded, invoiceDownload } from "@cs/web/server";
import type { Route } from "./+types/invoice-pdf";

/** GET /finance/invoices/:id/pdf — the invoice as a PDF, for whoever may open the invoice page. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return await invoiceDownload(context, await getInvoice(domainCtx(context, request), params.id));
});
