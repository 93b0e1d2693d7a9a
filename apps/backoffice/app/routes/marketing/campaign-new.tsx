import { randomUUID } from "node:crypto";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { authorize, createCampaign, listCampaignOwners, marketingChoices } from "@cs/domain";
import { budgetCategories, campaignTypes } from "@cs/domain/shared/schema-vocabulary";
import { Button, Card, PageHeader, SelectField, TextAreaField, TextField } from "@cs/ui";
import { FormAlert, FormKeys, useFormResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/campaign-new";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "marketing:manage");
  const [choices, owners] = await Promise.all([marketingChoices(ctx), listCampaignOwners(ctx)]);
  return { formKey: randomUUID(), ...choices, owners, me: ctx.actor.userId };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    const { campaignId } = await createCampaign(ctx, fields);
    return redirect(`/marketing/campaigns/${campaignId}?done=created`);
  });
});

export default function NewCampaign({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { result, errors: field, value: initial } = useFormResult(actionData);
  const zh = i18n.language === "zh-CN";
  return (
    <>
      <PageHeader title={t("marketing.campaigns.newTitle")} />
      <MarketingTabs />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-3xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={loaderData.formKey} />
          <TextField label={t("marketing.campaigns.name")} name="name" required maxLength={200} className="sm:col-span-2" defaultValue={initial("name")} errors={field("name")} />
          <SelectField label={t("marketing.campaigns.type")} name="type" required defaultValue={initial("type") ?? ""} errors={field("type")} options={campaignTypes.map((c) => ({ value: c, label: t(`marketing.types.${c}`) }))} />
          <SelectField label={t("marketing.campaigns.owner")} name="ownerId" required defaultValue={initial("ownerId") ?? loaderData.me} errors={field("ownerId")} options={loaderData.owners.map((o) => ({ value: o.id, label: o.name }))} />
          <SelectField label={t("marketing.pools.division")} name="divisionId" required defaultValue={initial("divisionId") ?? ""} errors={field("divisionId")} options={loaderData.divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
          <SelectField label={t("marketing.pools.branch")} name="branchId" required defaultValue={initial("branchId") ?? ""} errors={field("branchId")} options={loaderData.branches.map((b) => ({ value: b.id, label: b.name }))} />
          <TextField label={t("marketing.campaigns.startsOn")} name="startsOn" type="date" required defaultValue={initial("startsOn")} errors={field("startsOn")} />
          <TextField label={t("marketing.campaigns.endsOn")} name="endsOn" type="date" required defaultValue={initial("endsOn")} errors={field("endsOn")} />
          <TextAreaField label={t("marketing.campaigns.goal")} name="goal" required maxLength={1000} rows={2} className="sm:col-span-2" defaultValue={initial("goal")} errors={field("goal")} />
          <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-3">
            <legend className="mb-1 text-sm font-medium text-slate-700">{t("marketing.campaigns.budget")}</legend>
            {budgetCategories.map((c) => (
              <TextField key={c} label={t(`marketing.categories.${c}`)} name={`budget_${c}`} inputMode="decimal" defaultValue={initial(`budget_${c}`)} errors={field(`budget_${c}`)} />
            ))}
          </fieldset>
          <div className="flex justify-end gap-3 sm:col-span-2">
            <Link to="/marketing/campaigns" className="self-center text-sm text-slate-600 hover:underline">
              {t("common.cancel")}
            </Link>
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("marketing.campaigns.create")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
