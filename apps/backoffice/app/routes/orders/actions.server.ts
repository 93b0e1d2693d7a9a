import { allocateBackorders, approveOrder, cancelOrder, editOrder, getOrder, rejectOrder, ValidationError, type Ctx } from "@cs/domain";
import { actionError, readNestedForm } from "@cs/web/server";
import { doneUrl, runCreditIntent } from "./credit.server";

type Row = Partial<Record<string, string>>;

/** `lines.<i>.<field>` form fields as rows in index order, read by the one reader of field names. */
function linesOf(form: FormData): Row[] {
  const lines = readNestedForm(form).lines;
  return Array.isArray(lines) ? lines.filter((l): l is Row => typeof l === "object" && l !== null) : [];
}

/** "2.5" (%) → 250 basis points; anything else goes through as is for the domain to refuse. */
function percentToBp(value: string | undefined): number | string {
  const v = (value ?? "").trim();
  if (v === "") return 0;
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(v)) return v;
  return Math.round(Number(v) * 100);
}

/** An absent comment is undefined: the domain's schema takes a string or nothing, not null. */
const commentOf = (form: FormData) => {
  const comment = form.get("comment");
  return typeof comment === "string" ? comment : undefined;
};

const unboundIntents = new Set(["allocate", "holdOn", "holdOff", "policy"]);

/** Runs the action a form of the order page asked for (`intent`) and redirects with what happened. */
export async function runOrderAction(ctx: Ctx, orderId: string, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  const back = doneUrl(`/orders/${orderId}`);
  try {
    // These act on products or the buyer named in the form, not on the order itself: the page's
    // order must still be one the user can see, so a post to an unknown or foreign order is a 404.
    if (unboundIntents.has(intent)) await getOrder(ctx, orderId);
    switch (intent) {
      case "approve":
        await approveOrder(ctx, { orderId, comment: commentOf(form) });
        return back("approved");
      case "reject":
        await rejectOrder(ctx, { orderId, comment: commentOf(form) });
        return back("rejected");
      case "cancel":
        await cancelOrder(ctx, { orderId, comment: commentOf(form) });
        return back("cancelled");
      case "edit": {
        // A quantity of 0 removes the line; the domain re-prices and re-checks everything.
        const lines = linesOf(form)
          .filter((l) => (l.quantity ?? "").trim() !== "0")
          .map((l) => ({ productId: l.productId ?? "", quantity: l.quantity as never, discountBp: percentToBp(l.discount) as never }));
        await editOrder(ctx, { orderId, version: form.get("version") as never, lines, comment: commentOf(form) });
        return back("edited");
      }
      case "allocate": {
        const productIds = form.getAll("productId").filter((v): v is string => typeof v === "string");
        const result = await allocateBackorders(ctx, { productIds });
        return back("allocated", { orders: result.orders, units: result.units });
      }
      case "holdOn":
      case "holdOff":
      case "policy":
        return await runCreditIntent(ctx, form, back);
      default:
        return actionError(new ValidationError({ form: ["errors.validation"] }), form);
    }
  } catch (error) {
    return actionError(error, form);
  }
}
