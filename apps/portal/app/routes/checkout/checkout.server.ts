import { data } from "react-router";
import { emptyRecord, UnacceptedChangesError, type CartChange } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** The checkout form's fields as submitOrder takes them; the lines come from the cart on the server. */
export function readCheckout(form: FormData) {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  return {
    _key: text("_key"),
    shipToAddressId: text("shipToAddressId"),
    requestedDate: text("requestedDate"),
    poNumber: text("poNumber"),
    notes: text("notes"),
    rebateAmount: text("rebateAmount"),
    dealRegistrationId: text("dealRegistrationId"),
    couponCode: text("couponCode"),
    // The tokens of the changes the page showed count only when the buyer ticked the box.
    acceptedChanges: form.get("acceptChanges") === "yes" ? form.getAll("changeToken").filter((v): v is string => typeof v === "string") : [],
    coveredSerials: readCoveredSerials(form),
  };
}

/**
 * `coveredSerials.<productId>.<n>` fields → product id → serials in unit order (blanks kept out by the
 * domain). The product ids are the client's words: collected in a Map, returned without a prototype.
 */
export function readCoveredSerials(form: FormData) {
  const byProduct = new Map<string, string[]>();
  for (const [name, value] of Object.entries(readForm(form))) {
    const m = /^coveredSerials\.([^.]+)\.(\d{1,4})$/.exec(name);
    if (!m) continue;
    const serials = byProduct.get(m[1]!) ?? [];
    serials[Number(m[2])] = value;
    byProduct.set(m[1]!, serials);
  }
  const out = emptyRecord<string[]>();
  for (const [productId, serials] of byProduct) out[productId] = Array.from(serials, (v) => v ?? "");
  return out;
}

export type CheckoutError = { status: "error"; error: Record<string, string[]>; initialValue: Record<string, unknown>; changes?: CartChange[] };

/**
 * Field errors stay on their fields; a line's error (from the cart, which the form does not show
 * as fields) and unconfirmed changes become form messages, the changes listed for the buyer.
 */
export function checkoutError(error: unknown, form: FormData) {
  if (error instanceof UnacceptedChangesError) {
    const { _key, ...rest } = readCheckout(form);
    void _key;
    return data<CheckoutError>({ status: "error", error: { form: [error.code] }, initialValue: rest, changes: error.changes }, { status: 409 });
  }
  return actionError(error, form);
}
