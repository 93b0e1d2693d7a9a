import { redirect } from "react-router";
import { approveReturn, receiveReturn, rejectReturn, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** Runs the decision or receipt a return's page asked for (`intent`) and redirects with what happened. */
export async function runReturnAction(ctx: Ctx, returnId: string, form: FormData) {
  const raw = { ...readForm(form), returnId };
  const back = (done: string) => redirect(`/returns/${returnId}?done=${done}`);
  try {
    switch (form.get("intent")) {
      case "approve":
        await approveReturn(ctx, raw);
        return back("approved");
      case "reject":
        await rejectReturn(ctx, raw);
        return back("rejected");
      case "receive":
        await receiveReturn(ctx, raw);
        return back("received");
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
