import { getPaymentNoticeReceipt } from "@cs/domain";
import { domainCtx, guarded, storedFileResponse, uploadStore } from "@cs/web/server";
import type { Route } from "./+types/payment-notice-receipt";

/** A payment notice's transfer receipt, for the partner that sent it and finance in its branch. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return await storedFileResponse(await getPaymentNoticeReceipt(domainCtx(context, request), uploadStore(), params.id));
});
