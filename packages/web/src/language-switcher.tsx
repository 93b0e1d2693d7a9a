import { useTranslation } from "@cs/i18n/react";
import { Form, useLocation, useSubmit } from "react-router";
import { supportedLocales } from "@cs/i18n";
import { CsrfInput } from "./root";

/** A POST form (it changes a stored preference), submitted on change; the button covers no-JS. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const submit = useSubmit();
  return (
    <Form method="post" action="/set-locale" className="flex items-center gap-1" onChange={(e) => submit(e.currentTarget)}>
      <CsrfInput />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="locale-select" className="sr-only">
        {t("lang.label")}
      </label>
      <select
        id="locale-select"
        name="locale"
        defaultValue={i18n.language}
        key={i18n.language}
        className="rounded-md bg-white px-2 py-1 text-sm ring-1 ring-slate-300"
      >
        {supportedLocales.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300">
          {t("common.apply")}
        </button>
      </noscript>
    </Form>
  );
}
