
import { useTranslation } from "@cs/i18n/react";
import type { ActionResult } from "@cs/web";

/** Errors on list rows (`lines.3.sku`, `counts.0.counted`) as "line 4: …", in row order. */
export function RowErrors({ result, prefix, label = "stock.documents.lineError" }: { result: ActionResult; prefix: string; label?: string }) {
  const { t } = useTranslation();
  if (!result || result.status !== "error") return null;
  const rows = Object.entries(result.error)
    .map(([key, messages]) => ({ match: new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(key), messages: messages ?? [] }))
    .filter((e): e is { match: RegExpExecArray; messages: string[] } => e.match !== null)
    .sort((a, b) => Number(a.match[1]) - Number(b.match[1]));
  const whole = result.error[prefix] ?? [];
  if (rows.length === 0 && whole.length === 0) return null;
  return (
    // role="alert" on a wrapper, not on the <ul>, which would lose its list role.
    <div role="alert" className="mt-1 text-sm text-red-700">
      <ul className="space-y-0.5">
        {whole.map((m) => (
          <li key={m}>{t(m, { defaultValue: t("validation.invalid") })}</li>
        ))}
        {rows.flatMap(({ match, messages }) =>
          messages.map((m) => (
            <li key={`${match[0]}${m}`}>{t(label, { line: Number(match[1]) + 1, message: t(m, { defaultValue: t("validation.invalid") }) })}</li>
          )),
        )}
      </ul>
    </div>
  );
}

/** The value a failed submission carried back, so nothing typed is lost. */
export function initial(result: ActionResult, name: string) {
  const v = result?.initialValue?.[name];
  return typeof v === "string" ? v : "";
}
