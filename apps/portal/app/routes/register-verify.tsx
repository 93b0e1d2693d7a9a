import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect } from "react-router";
import { requestContext } from "@cs/auth/server";
import { CODE_TTL_MINUTES, confirmLoginCode, loginVerificationState, resendLoginCode } from "@cs/domain";
import { Alert, Button, CenteredPage, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, LanguageSwitcher, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, actorCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/register-verify";
import { hasKey } from "@cs/domain/shared/keys";

type Done = { status: "verified"; linked: boolean } | { status: "resent" };

function customerCtx(context: Route.LoaderArgs["context"]) {
  const actor = context.get(requestContext).actor;
  if (!actor) throw redirect("/login");
  if (actor.kind !== "customer") throw redirect("/");
  return actorCtx(context, actor);
}

export const loader = guarded(async function loader({ context }: Route.LoaderArgs) {
  return { ...(await loginVerificationState(customerCtx(context))), minutes: CODE_TTL_MINUTES };
});

/** The step after registration: the code sent to the login, which alone links records known under it. */
export const action = guarded(async function action({ request, context }: Route.ActionArgs) {
  const ctx = customerCtx(context);
  const form = await request.formData();
  try {
    if (form.get("intent") === "resend") {
      await resendLoginCode(ctx);
      return { status: "resent" } satisfies Done;
    }
    const { linkedEndCustomerId } = await confirmLoginCode(ctx, { code: form.get("code") ?? undefined });
    return { status: "verified", linked: linkedEndCustomerId !== null } satisfies Done;
  } catch (error) {
    return actionError(error, form);
  }
});

export default function RegisterVerify({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const done = actionData && hasKey(actionData, "status") && actionData.status !== "error" ? (actionData as Done) : null;
  const result = done ? null : (actionData as ActionResult);
  const errors = useFieldErrors(result);
  const verified = loaderData.verified || done?.status === "verified";
  return (
    <CenteredPage top={<LanguageSwitcher />}>
      <h1 className="text-xl font-semibold">{t("verify.title")}</h1>
      {verified ? (
        <div className="mt-4 space-y-4">
          <Alert tone="success">{t(done?.status === "verified" && done.linked ? "verify.linked" : "verify.verified")}</Alert>
          <Link to="/" className={buttonClass("primary", "w-full")}>
            {t("verify.continue")}
          </Link>
        </div>
      ) : (
        <>
          <p className="mb-2 mt-1 text-sm text-slate-600">
            {loaderData.pending || done?.status === "resent"
              ? t(loaderData.channel === "sms" ? "verify.sentSms" : "verify.sentEmail", { target: loaderData.masked, minutes: loaderData.minutes })
              : t("verify.notSent", { target: loaderData.masked })}
          </p>
          <p className="mb-4 text-sm text-slate-600">{t("verify.why")}</p>
          {done?.status === "resent" ? <Alert tone="success">{t("verify.resent")}</Alert> : null}
          <FormAlert result={result} />
          <Form method="post" className="mt-3 space-y-4">
            <CsrfInput />
            <TextField
              label={t("verify.code")}
              name="code"
              required
              inputMode="numeric"
              pattern="[0-9]{6}"
              maxLength={6}
              autoComplete="one-time-code"
              errors={errors("code")}
            />
            <Button className="w-full" name="intent" value="confirm">
              {t("verify.submit")}
            </Button>
          </Form>
          <Form method="post" className="mt-3">
            <CsrfInput />
            <Button variant="secondary" className="w-full" name="intent" value="resend">
              {t("verify.resend")}
            </Button>
          </Form>
          <p className="mt-4 text-sm">
            <Link to="/" className="font-medium text-blue-800 underline">
              {t("verify.later")}
            </Link>
          </p>
        </>
      )}
    </CenteredPage>
  );
}
