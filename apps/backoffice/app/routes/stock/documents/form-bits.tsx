import { useId, type TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
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

/** A labelled textarea styled like the shared text fields. */
export function TextAreaField({ label, hint, errors, className, ...props }: { label: string; hint?: string; errors?: string[] | null } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const invalid = !!errors?.length;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
        {props.required ? <span aria-hidden="true" className="text-red-700"> *</span> : null}
      </label>
      <textarea
        id={id}
        {...props}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-h` : undefined}
        className="block w-full rounded-md border-0 px-2.5 py-1.5 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-blue-700 aria-[invalid=true]:ring-red-600"
      />
      {hint ? (
        <p id={`${id}-h`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <div role="alert" className="mt-1 text-sm text-red-700">
          <ul>
            {errors!.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** The value a failed submission carried back, so nothing typed is lost. */
export function initial(result: ActionResult, name: string) {
  const v = result?.initialValue?.[name];
  return typeof v === "string" ? v : "";
}
