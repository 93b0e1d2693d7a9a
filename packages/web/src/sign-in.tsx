import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useSearchParams } from "react-router";
import { Alert, Button, CenteredPage, TextField } from "@cs/ui";
import { LanguageSwitcher } from "./language-switcher";
import { CsrfInput } from "./root";
import type { SignInResult } from "./sign-in.server";

export function SignInPage({ app, result, registerLink }: { app: "portal" | "backoffice"; result: SignInResult | undefined; registerLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const message = result
    ? t(result.messageKey, {
        time: result.retryAt
          ? new Intl.DateTimeFormat(i18n.language, { timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(result.retryAt))
          : "",
      })
    : null;
  return (
    <CenteredPage top={<LanguageSwitcher />}>
      <p className="text-sm font-medium text-blue-800">{t("app.company")}</p>
      <h1 className="mb-4 text-xl font-semibold">{t("auth.signInTitle", { app: t(`app.${app}`) })}</h1>
      {params.get("expired") ? (
        <div className="mb-3">
          <Alert tone="info">{t("auth.sessionExpired")}</Alert>
        </div>
      ) : null}
      {message ? (
        <div className="mb-3">
          <Alert>{message}</Alert>
        </div>
      ) : null}
      <Form method="post" className="space-y-4">
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField label={t("auth.login")} name="login" autoComplete="username" required maxLength={254} defaultValue={result?.login ?? ""} />
        <TextField label={t("auth.password")} name="password" type="password" autoComplete="current-password" required maxLength={128} />
        <Button className="w-full">{t("auth.submit")}</Button>
      </Form>
      {registerLink ? (
        <p className="mt-4 text-sm text-slate-700">
          {t("auth.noAccount")}{" "}
          <Link to="/register" className="font-medium text-blue-800 underline">
            {t("auth.register")}
          </Link>
        </p>
      ) : null}
    </CenteredPage>
  );
}
