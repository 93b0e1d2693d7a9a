import { useTranslation } from "@cs/i18n/react";
import { Alert } from "@cs/ui";
import { hasKey } from "@cs/domain/shared/keys";

export type ActionResult = { status: "error"; error: Record<string, string[] | null>; initialValue?: Record<string, unknown>; params?: Record<string, string> } | undefined | null;

/** What the user typed into a field of a form the action refused, to put back into the field. */
export function submittedValue(result: ActionResult) {
  return (name: string) => (typeof result?.initialValue?.[name] === "string" ? (result.initialValue[name] as string) : undefined);
}

/** A form page's view of its action's answer: the result, its translated field errors, and what was typed. */
export function useFormResult(actionData: unknown) {
  const result = (actionData ?? undefined) as ActionResult;
  return { result, errors: useFieldErrors(result), value: submittedValue(result) };
}

/** Translates the keys a form result carries; unknown keys fall back to a generic message. */
export function useFieldErrors(result: ActionResult | { error?: Record<string, string[] | null | undefined>; params?: Record<string, string> }) {
  const { t } = useTranslation();
  return (name: string) => {
    const errors = result && hasKey(result, "error") ? result.error?.[name] : undefined;
    const params = result && hasKey(result, "params") ? result.params : undefined;
    return errors?.map((k) => t(k, { ...params, defaultValue: t("validation.invalid") })) ?? null;
  };
}

export function FormAlert({ result }: { result: ActionResult }) {
  const { t } = useTranslation();
  if (!result || result.status !== "error") return null;
  const formErrors = result.error.form;
  const hasFieldErrors = Object.keys(result.error).some((k) => k !== "form");
  if (!formErrors?.length && !hasFieldErrors) return null;
  return <Alert>{formErrors?.length ? formErrors.map((k) => t(k, { ...result.params })).join(" ") : t("errors.validation")}</Alert>;
}
