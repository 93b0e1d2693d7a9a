import { resources } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { getLocale } from "@cs/i18n/server";
import { Form, redirect, useNavigation } from "react-router";
import { requestContext } from "@cs/auth/server";
import { captureLead, HONEYPOT_FIELD, landingCampaign } from "@cs/domain";
import { Alert, Button, CenteredPage, FieldErrors, TextField } from "@cs/ui";
import { CsrfInput, FormAlert, LanguageSwitcher, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/landing";

/** A campaign's public landing form, `/c/<code>`: open to anyone while the campaign is approved or running; else 404. */
export const loader = guarded(async function loader({ params, request, context }: Route.LoaderArgs) {
  const campaign = await landingCampaign(context.get(requestContext).db, params.code);
  // the honeypot's name comes from the domain through the loader: the page must not import the domain
  return { campaign: { name: campaign.name, code: campaign.code }, honeypot: HONEYPOT_FIELD, done: new URL(request.url).searchParams.get("done") === "1" };
});

export const action = guarded(async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData();
  const { ip, db } = context.get(requestContext);
  try {
    // the consent the visitor read, in the language it was shown in
    const consentText = resources[getLocale(context)].translation.leads.landing.consentText;
    await captureLead(db, params.code, readForm(form), { ip, consentText });
    return redirect(`/c/${encodeURIComponent(params.code)}?done=1`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function Landing({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const result = actionData as ActionResult;
  const errors = useFieldErrors(result);
  const value = (k: string) => (typeof result?.initialValue?.[k] === "string" ? (result.initialValue[k] as string) : "");
  const { campaign, honeypot, done } = loaderData;
  return (
    <CenteredPage top={<LanguageSwitcher />}>
      <h1 className="text-xl font-semibold">{campaign.name}</h1>
      {done && !actionData ? (
        <Alert tone="success">
          <strong>{t("leads.landing.thanks")}</strong> {t("leads.landing.thanksBody")}
        </Alert>
      ) : (
        <>
          <p className="mb-4 mt-1 text-sm text-slate-600">{t("leads.landing.intro")}</p>
          <FormAlert result={result} />
          <Form method="post" className="mt-3 space-y-4">
            <CsrfInput />
            <TextField label={t("leads.fields.name")} name="name" required maxLength={100} autoComplete="name" defaultValue={value("name")} errors={errors("name")} />
            <TextField label={t("leads.fields.company")} name="company" maxLength={200} autoComplete="organization" defaultValue={value("company")} errors={errors("company")} />
            <TextField label={t("leads.fields.mobile")} name="mobile" maxLength={20} inputMode="tel" autoComplete="tel" hint={t("leads.landing.contactHint")} defaultValue={value("mobile")} errors={errors("mobile")} />
            <TextField label={t("leads.fields.email")} name="email" type="email" maxLength={254} autoComplete="email" defaultValue={value("email")} errors={errors("email")} />
            <TextField label={t("leads.fields.city")} name="city" maxLength={50} defaultValue={value("city")} errors={errors("city")} />
            <TextField label={t("leads.fields.interest")} name="interest" maxLength={200} defaultValue={value("interest")} errors={errors("interest")} />
            {/* The honeypot: off-screen and out of the tab order, so only a bot fills it. */}
            <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
              <label>
                {t("leads.landing.honeypot")}
                <input type="text" name={honeypot} tabIndex={-1} autoComplete="off" defaultValue="" />
              </label>
            </div>
            <div>
              <label className="flex items-start gap-2 text-sm text-slate-700">
                <input type="checkbox" name="consent" defaultChecked={value("consent") === "on"} aria-describedby={errors("consent") ? "consent-e" : undefined} className="mt-0.5 h-4 w-4 rounded border-slate-300" />
                <span>{t("leads.landing.consentText")}</span>
              </label>
              <FieldErrors id="consent-e" errors={errors("consent")} />
            </div>
            <Button className="w-full" aria-busy={navigation.state === "submitting" ? true : undefined}>
              {t("leads.landing.submit")}
            </Button>
          </Form>
        </>
      )}
    </CenteredPage>
  );
}
