import { redirect } from "react-router";
import { approveQuote, declineRequest, inviteCustomer, rateRepair, recordDiagnosis, refuseQuote, submitClaim, transitionRepair, useParts, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** Runs the step a request's page asked for (`intent`) and redirects back saying what happened. */
export async function runRepairAction(ctx: Ctx, requestId: string, form: FormData) {
  const raw = { ...readForm(form), requestId };
  const back = (done: string) => redirect(`/service/requests/${requestId}?done=${done}`);
  try {
    switch (form.get("intent") ?? (form.get("to") ? "transition" : null)) {
      case "transition":
        await transitionRepair(ctx, raw);
        return back(String(form.get("to")));
      case "diagnose":
        await recordDiagnosis(ctx, raw);
        return back("diagnosed");
      case "approveQuote":
        await approveQuote(ctx, raw);
        return back("quote_approved");
      case "refuseQuote":
        await refuseQuote(ctx, raw);
        return back("quote_refused");
      case "rate":
        await rateRepair(ctx, raw);
        return back("rated");
      case "decline":
        await declineRequest(ctx, raw);
        return redirect("/service/queue?done=declined");
      case "part":
        await useParts(ctx, raw);
        return back("part_used");
      case "invite":
        await inviteCustomer(ctx, raw);
        return back("invited");
      case "claim":
        await submitClaim(ctx, raw);
        return back("claim_submitted");
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
