import { redirect } from "react-router";
import { confirmPaymentNotice, rejectPaymentNotice, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** Confirms or returns a payment notice (`intent`) and comes back to the list saying what happened. */
export async function runPaymentNoticeAction(ctx: Ctx, form: FormData) {
  try {
    const raw = readForm(form);
    switch (form.get("intent")) {
      case "confirm": {
        const r = await confirmPaymentNotice(ctx, raw);
        return redirect(`/finance/payment-notices?done=confirmed&number=${encodeURIComponent(r.number)}&payment=${encodeURIComponent(r.paymentNumber)}`);
      }
      case "reject": {
        const r = await rejectPaymentNotice(ctx, raw);
        return redirect(`/finance/payment-notices?done=rejected&number=${encodeURIComponent(r.number)}`);
      }
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
