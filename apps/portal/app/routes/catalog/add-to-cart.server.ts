import { data, type RouterContextProvider } from "react-router";
import { addLinesToCart, ValidationError } from "@cs/domain";
import { actionError, domainCtx } from "@cs/web/server";

/** Add to cart (the catalogue's rows and a product's page): one product and quantity per form; the server prices it, never the page. */
export async function addToCartAction({ context, request }: { context: Readonly<RouterContextProvider>; request: Request }) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const productId = String(form.get("productId") ?? "");
  const quantity = Number(String(form.get("quantity") ?? "").trim() || NaN);
  try {
    await addLinesToCart(ctx, [{ productId, quantity }], String(form.get("_key") ?? ""));
    return { status: "added" as const, productId, sku: String(form.get("sku") ?? "") };
  } catch (error) {
    if (error instanceof ValidationError) {
      const messages = Object.values(error.fieldErrors).flat();
      return data({ status: "lineError" as const, productId, messages }, { status: 400 });
    }
    return actionError(error, form);
  }
}
