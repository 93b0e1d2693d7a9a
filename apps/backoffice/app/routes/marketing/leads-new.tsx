import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { authorize, createLead, leadCampaigns } from "@cs/domain";
import { Button, Card, PageHeader, SelectField, TextAreaField, TextField } from "@cs/ui";
import { FormAlert, FormKeys, useFormResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/leads-new";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "lead:manage");
  return { formKey: randomUUID(), campaigns: await leadCampaigns(ctx) };
});

/** A duplicate is merged into the live lead it repeats: the page then opens that lead and says so. */
export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  return submitForm(request, async (fields) => {
    const { leadId, merged } = await createLead(domainCtx(context, request), fields);
    return redirect(`/marketing/leads/${leadId}?done=${merged ? "merged" : "created"}`);
  });
});

export default function NewLead({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { result, errors: field, value: initial } = useFormResult(actionData);
  const text = (name: string, max: number, extra: { required?: boolean; inputMode?: "tel" | "email"; type?: string } = {}) => (
    <TextField label={t(`leads.fields.${name}`)} name={name} maxLength={max} defaultValue={initial(name)} errors={field(name)} {...extra} />
  );
  return (
    <>
      <PageHeader title={t("leads.create.title")} />
      <MarketingTabs />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-2xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={loaderData.formKey} />
          {text("name", 100, { required: true })}
          {text("company", 200)}
          {text("mobile", 20, { inputMode: "tel" })}
          {text("email", 254, { type: "email" })}
          {text("creditCode", 18)}
          {text("interest", 200)}
          {text("province", 50)}
          {text("city", 50)}
          <SelectField
            label={t("leads.fields.campaign")}
            name="campaignId"
            className="sm:col-span-2"
            defaultValue={initial("campaignId") ?? ""}
            placeholder={t("leads.create.noCampaign")}
            errors={field("campaignId")}
            options={loaderData.campaigns.map((c) => ({ value: c.id, label: `${c.number} ${c.name}` }))}
          />
          <TextAreaField label={t("leads.fields.note")} name="note" maxLength={1000} rows={2} className="sm:col-span-2" defaultValue={initial("note")} errors={field("note")} />
          <div className="flex justify-end gap-3 sm:col-span-2">
            <Link to="/marketing/leads" className="self-center text-sm text-slate-600 hover:underline">
              {t("common.cancel")}
            </Link>
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("leads.create.submit")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
