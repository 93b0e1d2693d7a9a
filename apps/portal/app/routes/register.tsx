import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect } from "react-router";
import { createSession, hashPassword, requestContext, sessionCookie } from "@cs/auth/server";
import { invitationPreview, registerCustomer } from "@cs/domain";
import { getLocale } from "@cs/i18n/server";
import { Alert, Button, CenteredPage, FieldErrors, TextField } from "@cs/ui";
import { CsrfInput, FormAlert, LanguageSwitcher, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/register";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  if (context.get(requestContext).actor) throw redirect("/");
  const token = new URL(request.url).searchParams.get("invite");
  if (!token) return { invite: null };
  const preview = await invitationPreview(context.get(requestContext).db, token);
  return { invite: preview ? { token, ...preview } : ("invalid" as const) };
});

/**
 * End customers register themselves with a mobile number or an e-mail and are signed in at once; the
 * next step asks for the code sent to that login, which alone links records known under it.
 */
export const action = guarded(async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const { ip, db } = context.get(requestContext);
  try {
    const userId = await registerCustomer(db, readForm(form), { hashPassword, locale: getLocale(context), ip });
    const token = await createSession(db, userId, { ip, userAgent: request.headers.get("User-Agent") });
    // an invitation link proved the number already; everyone else enters the code sent to it
    const next = form.get("invite") ? "/" : "/register/verify";
    return redirect(next, { headers: { "Set-Cookie": await sessionCookie("portal").serialize(token) } });
  } catch (error) {
    return actionError(error, form);
  }
});

export default function Register({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const result = actionData as ActionResult;
  const errors = useFieldErrors(result);
  const invite = loaderData.invite;
  const value = (k: string) => (typeof result?.initialValue?.[k] === "string" ? (result.initialValue[k] as string) : "");
  return (
    <CenteredPage top={<LanguageSwitcher />}>
      <h1 className="text-xl font-semibold">{t("auth.registerTitle")}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("auth.registerIntro")}</p>
      {invite === "invalid" ? <Alert tone="info">{t("invite.invalidLink")}</Alert> : null}
      {invite && invite !== "invalid" ? <Alert tone="info">{t("invite.welcome", { name: invite.name, target: invite.masked })}</Alert> : null}
      <FormAlert result={result} />
      <Form method="post" className="mt-3 space-y-4">
        <CsrfInput />
        {invite && invite !== "invalid" ? <input type="hidden" name="invite" value={invite.token} /> : null}
        <TextField label={t("auth.name")} name="name" required maxLength={50} autoComplete="name" defaultValue={value("name")} errors={errors("name")} />
        <TextField label={t("auth.login")} name="login" required maxLength={254} autoComplete="username" defaultValue={value("login")} errors={errors("login")} />
        <TextField label={t("auth.password")} name="password" type="password" required maxLength={128} autoComplete="new-password" hint={t("auth.passwordHint")} errors={errors("password")} />
        <TextField label={t("auth.confirm")} name="confirm" type="password" required maxLength={128} autoComplete="new-password" errors={errors("confirm")} />
        {/* Not `required`: the server says why with the form's other errors, all at once. */}
        <div>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" name="consent" defaultChecked={value("consent") === "on"} aria-describedby={errors("consent") ? "consent-e" : undefined} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
            <span>
              {t("auth.consent")}{" "}
              <Link to="/privacy" target="_blank" className="font-medium text-blue-800 underline">
                {t("auth.privacyNotice")}
              </Link>
            </span>
          </label>
          <FieldErrors id="consent-e" errors={errors("consent")} />
        </div>
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
