import { redirect } from "react-router";
import { assignStation, decideClaim, escalateRepair, resolveWarrantyCheck, setRepairPriority, settleStationMonth, transitionRepair, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** Runs the desk step a request's page asked for (`intent`, or a target state `to`) and redirects back. */
export async function runDeskAction(ctx: Ctx, requestId: string, form: FormData) {
  // The page's request wins over any `requestId` field the form carries.
  const raw = { ...readForm(form), requestId };
  const back = (done: string) => redirect(`/service/requests/${requestId}?done=${done}`);
  try {
    switch (form.get("intent") ?? (form.get("to") ? "transition" : null)) {
      case "transition":
        await transitionRepair(ctx, raw);
        return back(String(form.get("to")));
      case "assign":
        await assignStation(ctx, raw);
        return back("assigned");
      case "priority":
        await setRepairPriority(ctx, raw);
        return back("priority");
      case "escalate":
        await escalateRepair(ctx, raw);
        return back("escalated");
      case "claim":
        await decideClaim(ctx, raw);
        return back("claim_decided");
      case "warrantyCheck":
        await resolveWarrantyCheck(ctx, raw);
        return back("warranty_checked");
      case "settle":
        await settleStationMonth(ctx, raw);
        return back("settled");
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
