import { randomUUID } from "node:crypto";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { applyForFunds, fundChoices, shanghaiToday } from "@cs/domain";
import { Button, Card, PageHeader, SelectField, TextAreaField, TextField } from "@cs/ui";
import { FormAlert, FormKeys, useFormResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/new";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return { ...(await fundChoices(domainCtx(context, request))), formKey: randomUUID(), today: shanghaiToday() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  return submitForm(request, async (fields) => {
    const { applicationId } = await applyForFunds(domainCtx(context, request), fields);
    return redirect(`/marketing-funds/${applicationId}?done=submitted`);
  });
});

export default function ApplyForFunds({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { result, errors: field, value: initial } = useFormResult(actionData);
  const zh = i18n.language === "zh-CN";
  return (
    <>
      <PageHeader title={t("marketing.funds.applyTitle")} />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-2xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={loaderData.formKey} />
          <SelectField label={t("marketing.funds.division")} name="divisionId" defaultValue={initial("divisionId") ?? ""} errors={field("divisionId")} options={loaderData.divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
          <SelectField label={t("marketing.funds.campaign")} name="campaignId" defaultValue={initial("campaignId") ?? ""} placeholder={t("marketing.funds.noCampaign")} errors={field("campaignId")} options={loaderData.campaigns.map((c) => ({ value: c.id, label: `${c.number} ${c.name}` }))} />
          <TextField label={t("marketing.funds.activity")} name="activity" required maxLength={500} className="sm:col-span-2" defaultValue={initial("activity")} errors={field("activity")} />
          <TextField label={t("marketing.funds.startsOn")} name="startsOn" type="date" required defaultValue={initial("startsOn") ?? loaderData.today} errors={field("startsOn")} />
          <TextField label={t("marketing.funds.endsOn")} name="endsOn" type="date" required defaultValue={initial("endsOn") ?? loaderData.today} errors={field("endsOn")} />
          <TextField label={t("marketing.funds.amount")} name="amount" inputMode="decimal" required defaultValue={initial("amount")} errors={field("amount")} />
          <TextAreaField label={t("marketing.funds.expectedResult")} name="expectedResult" required maxLength={1000} rows={2} className="sm:col-span-2" defaultValue={initial("expectedResult")} errors={field("expectedResult")} />
          <div className="flex justify-end gap-3 sm:col-span-2">
            <Link to="/marketing-funds" className="self-center text-sm text-slate-600 hover:underline">
              {t("common.cancel")}
            </Link>
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("marketing.funds.submit")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
