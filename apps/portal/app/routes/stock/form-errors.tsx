import { useTranslation } from "@cs/i18n/react";
import { Alert } from "@cs/ui";
import type { ActionResult } from "@cs/web";

/**
 * The stock workflows answer with keys of the back-office namespace (`stock.validation.*`); the
 * portal words them for partners under `myStock.validation.*` and falls back to the key itself,
 * then to a generic message, so no raw key ever shows.
 */
export function useStockErrors(result: ActionResult) {
  const { t } = useTranslation();
  const word = (key: string) => t([`myStock.validation.${key.split(".").pop() ?? ""}`, key, "validation.invalid"]);
  return {
    word,
    field: (name: string) => result?.error?.[name]?.map(word) ?? null,
  };
}

/** Form-level messages (a reused key, a closed document) and the "check the fields" hint. */
export function StockFormAlert({ result }: { result: ActionResult }) {
  const { t } = useTranslation();
  const { word } = useStockErrors(result);
  if (!result || result.status !== "error") return null;
  const formErrors = result.error.form ?? [];
  const hasFieldErrors = Object.keys(result.error).some((k) => k !== "form");
  if (!formErrors.length && !hasFieldErrors) return null;
  return <Alert>{formErrors.length ? formErrors.map(word).join(" ") : t("errors.validation")}</Alert>;
}
