import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation } from "react-router";
import type { CatalogRow } from "@cs/domain";
import { Alert, Button } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { hasKey } from "@cs/domain/shared/keys";

type AddResult = { status: "added"; productId: string; sku: string } | { status: "lineError"; productId: string; messages: string[] } | NonNullable<ActionResult>;

/** The add-to-cart answer, if the action data is one. */
export function addResultOf(actionData: unknown) {
  return actionData && typeof actionData === "object" && hasKey(actionData, "status") ? (actionData as AddResult) : null;
}

/** The messages of a refused quantity for this product, or null. */
export function lineErrorOf(result: AddResult | null, productId: string) {
  return result?.status === "lineError" && result.productId === productId ? result.messages : null;
}

/** Above the list or the product: what became of the last add (a whole-form error, or a link to the cart). */
export function AddResultAlert({ result }: { result: AddResult | null }) {
  const { t } = useTranslation();
  if (result?.status === "error")
    return (
      <div className="mb-4">
        <FormAlert result={result} />
      </div>
    );
  if (result?.status !== "added") return null;
  return (
    <div className="mb-4">
      <Alert tone="success">
        {t("catalog.add.added", { sku: result.sku })}{" "}
        <Link to="/cart" className="underline">
          {t("catalog.add.goToCart")}
        </Link>
      </Alert>
    </div>
  );
}

export function AddToCart({ row, formKey, index, error }: { row: CatalogRow; formKey: string; index: number; error: string[] | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("productId") === row.id;
  const inputId = `qty-${row.id}`;
  return (
    <Form method="post" className="flex items-start justify-end gap-1">
      <CsrfInput />
      <input type="hidden" name="_key" value={`${formKey}-${index}`} />
      <input type="hidden" name="productId" value={row.id} />
      <input type="hidden" name="sku" value={row.sku} />
      <div>
        <label htmlFor={inputId} className="sr-only">
          {t("catalog.add.quantityOf", { sku: row.sku })}
        </label>
        <input
          id={inputId}
          name="quantity"
          inputMode="numeric"
          defaultValue="1"
          size={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="w-16 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums"
        />
        {error ? (
          <p id={`${inputId}-error`} role="alert" className="mt-1 max-w-40 text-xs text-red-700">
            {error.map((k) => t(k)).join(" ")}
          </p>
        ) : null}
      </div>
      <Button disabled={busy} className="px-2 py-1 text-xs">
        {t("catalog.add.submit")}
      </Button>
    </Form>
  );
}
