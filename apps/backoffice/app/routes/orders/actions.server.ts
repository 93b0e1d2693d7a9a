import { allocateBackorders, approveOrder, cancelOrder, editOrder, getOrder, rejectOrder, ValidationError, type Ctx } from "@cs/domain";
import { actionError } from "@cs/web/server";
import { doneUrl, runCreditIntent } from "./credit.server";

/** `lines.<i>.<field>` form fields as rows in index order. */
function linesOf(form: FormData) {
  const rows: Record<string, string>[] = [];
  for (const [name, value] of form.entries()) {
    const m = /^lines\.(\d{1,3})\.(\w+)$/.exec(name);
    if (m && typeof value === "string") (rows[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return rows.filter(Boolean);
}

/** "2.5" (%) → 250 basis points; anything else goes through as is for the domain to refuse. */
function percentToBp(value: string | undefined): number | string {
  const v = (value ?? "").trim();
  if (v === "") return 0;
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(v)) return v;
  return Math.round(Number(v) * 100);
}

const unboundIntents = new Set(["allocate", "holdOn", "holdOff", "policy"]);

/** Runs the action a form of the order page asked for (`intent`) and redirects with what happened. */
export async function runOrderAction(ctx: Ctx, orderId: string, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  const back = doneUrl(`/orders/${orderId}`);
  const comment = form.get("comment");
  try {
    // These act on products or the buyer named in the form, not on the order itself: the page's
    // order must still be one the user can see, so a post to an unknown or foreign order is a 404.
    if (unboundIntents.has(intent)) await getOrder(ctx, orderId);
    switch (intent) {
      case "approve":
        await approveOrder(ctx, { orderId, comment: typeof comment === "string" ? comment : null });
        return back("approved");
      case "reject":
        await rejectOrder(ctx, { orderId, comment: typeof comment === "string" ? comment : null });
        return back("rejected");
      case "cancel":
        await cancelOrder(ctx, { orderId, comment: typeof comment === "string" ? comment : null });
        return back("cancelled");
      case "edit": {
        // A quantity of 0 removes the line; the domain re-prices and re-checks everything.
        const lines = linesOf(form)
          .filter((l) => (l.quantity ?? "").trim() !== "0")
          .map((l) => ({ productId: l.productId ?? "", quantity: l.quantity as never, discountBp: percentToBp(l.discount) as never }));
        await editOrder(ctx, { orderId, version: form.get("version") as never, lines, comment: typeof comment === "string" ? comment : undefined });
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
