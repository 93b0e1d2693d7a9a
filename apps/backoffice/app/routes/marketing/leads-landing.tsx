import { useTranslation } from "@cs/i18n/react";
import { Form, useNavigation, useSearchParams } from "react-router";
import { leadCampaigns, setCampaignCode } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextField } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import { redirect } from "react-router";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/leads-landing";

/** Campaigns with their landing codes: `/c/<code>` in the portal takes leads while the campaign is open. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return { campaigns: await leadCampaigns(domainCtx(context, request)) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  return submitForm(request, async (fields) => {
    await setCampaignCode(domainCtx(context, request), fields);
    return redirect("/marketing/leads/landing?done=saved");
  });
});

export default function LandingCodes({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const failedFor = typeof result?.initialValue?.campaignId === "string" ? result.initialValue.campaignId : null;
  return (
    <>
      <PageHeader title={t("leads.codes.title")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("leads.codes.intro")}</p>
      </PageHeader>
      <MarketingTabs />
      {search.get("done") === "saved" && !actionData ? <Alert tone="success">{t("leads.codes.saved")}</Alert> : null}
      <div className="space-y-3">
        {loaderData.campaigns.map((c) => (
          <Card key={c.id} title={`${c.number} ${c.name} · ${t(`marketing.statuses.${c.status}`)}`}>
            {failedFor === c.id ? <FormAlert result={result} /> : null}
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <CsrfInput />
              <input type="hidden" name="campaignId" value={c.id} />
              <TextField label={t("leads.codes.code")} name="code" maxLength={40} defaultValue={c.code ?? ""} placeholder={t("leads.codes.none")} errors={failedFor === c.id ? field("code") : undefined} />
              <Button variant="secondary" disabled={navigation.state === "submitting"}>
                {t("leads.codes.save")}
              </Button>
              {c.code ? <span className="self-center font-mono text-sm text-slate-600">{`${t("leads.codes.url")}: /c/${c.code}`}</span> : null}
            </Form>
          </Card>
        ))}
      </div>
    </>
  );
}
