import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { LanguageSwitcher } from "./language-switcher";
import { CsrfInput, useRootData } from "./root";

export function UserMenu() {
  const { t } = useTranslation();
  const user = useRootData()?.user;
  return (
    <>
      <LanguageSwitcher />
      {user ? (
        <>
          <Link to="/account" className="text-slate-700 hover:text-blue-800">
            {user.name}
          </Link>
          <Form method="post" action="/logout">
            <CsrfInput />
            <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
              {t("nav.signOut")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
