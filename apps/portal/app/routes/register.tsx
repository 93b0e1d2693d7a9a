import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { createSession, getDb, hashPassword, requestContext, sessionCookie } from "@cs/auth/server";
import { registerCustomer } from "@cs/domain";
import { getLocale } from "@cs/i18n/server";
import { Button, CenteredPage, TextField } from "@cs/ui";
import { CsrfInput, FormAlert, LanguageSwitcher, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError } from "@cs/web/server";
import type { Route } from "./+types/register";

export function loader({ context }: Route.LoaderArgs) {
  if (context.get(requestContext).actor) throw redirect("/");
  return null;
}

/**
 * End customers register themselves with a mobile number or an e-mail and are signed in at once; the
 * next step asks for the code sent to that login, which alone links records known under it.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const { ip } = context.get(requestContext);
  try {
    const db = getDb();
    const userId = await registerCustomer(db, Object.fromEntries(form), { hashPassword, locale: getLocale(context), ip });
    const token = await createSession(db, userId, { ip, userAgent: request.headers.get("User-Agent") });
    return redirect("/register/verify", { headers: { "Set-Cookie": await sessionCookie("portal").serialize(token) } });
  } catch (error) {
    return actionError(error, form);
  }
}

export default function Register({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const result = actionData as ActionResult;
  const errors = useFieldErrors(result);
  const value = (k: string) => (typeof result?.initialValue?.[k] === "string" ? (result.initialValue[k] as string) : "");
  return (
    <CenteredPage top={<LanguageSwitcher />}>
      <h1 className="text-xl font-semibold">{t("auth.registerTitle")}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("auth.registerIntro")}</p>
      <FormAlert result={result} />
      <Form method="post" className="mt-3 space-y-4">
        <CsrfInput />
        <TextField label={t("auth.name")} name="name" required maxLength={50} autoComplete="name" defaultValue={value("name")} errors={errors("name")} />
        <TextField label={t("auth.login")} name="login" required maxLength={254} autoComplete="username" defaultValue={value("login")} errors={errors("login")} />
        <TextField label={t("auth.password")} name="password" type="password" required maxLength={128} autoComplete="new-password" hint={t("auth.passwordHint")} errors={errors("password")} />
        <TextField label={t("auth.confirm")} name="confirm" type="password" required maxLength={128} autoComplete="new-password" errors={errors("confirm")} />
        <Button className="w-full">{t("auth.registerSubmit")}</Button>
      </Form>
      <p className="mt-4 text-sm text-slate-700">
        {t("auth.haveAccount")}{" "}
        <Link to="/login" className="font-medium text-blue-800 underline">
          {t("auth.signIn")}
        </Link>
      </p>
    </CenteredPage>
  );
}
