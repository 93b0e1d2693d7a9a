import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, data, useNavigation } from "react-router";
import { importLeads, leadCampaigns, type LeadImportResult } from "@cs/domain";
import { Alert, Button, Card, PageHeader, SelectField, TextField } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import { hasKey } from "@cs/domain/shared/keys";
import { readLeadSheet } from "./leads-import.server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/leads-import";

type ImportReply = { imported: LeadImportResult | null; problem: string | null };

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return { formKey: randomUUID(), campaigns: await leadCampaigns(domainCtx(context, request)) };
});

/** The good rows go in; the bad ones come back by row and column; duplicates are merged. */
export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    const sheet = await readLeadSheet(form.get("file"));
    if (hasKey(sheet, "error")) return data<ImportReply>({ imported: null, problem: sheet.error }, { status: 400 });
    const imported = await importLeads(domainCtx(context, request), { _key: form.get("_key"), campaignId: form.get("campaignId") }, sheet.source);
    return data<ImportReply>({ imported, problem: null });
  } catch (error) {
    return actionError(error, form);
  }
});

export default function ImportLeads({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const reply = actionData && hasKey(actionData, "imported") ? (actionData as ImportReply) : null;
  const result = reply ? undefined : (actionData as ActionResult);
  const field = useFieldErrors(result);
  const imported = reply?.imported;
  return (
    <>
      <PageHeader title={t("leads.import.title")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("leads.import.intro")}</p>
      </PageHeader>
      <MarketingTabs />
      <Card>
        <FormAlert result={result} />
        {reply?.problem ? <Alert>{t(reply.problem)}</Alert> : null}
        {imported ? <Alert tone="success">{t("leads.import.done", { rows: imported.rows, created: imported.created, merged: imported.merged, rejected: new Set(imported.errors.map((e) => e.row)).size })}</Alert> : null}
        <Form method="post" encType="multipart/form-data" className="mt-3 grid max-w-2xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={loaderData.formKey} />
          <TextField label={t("leads.import.file")} name="file" type="file" accept=".xlsx,.csv" required errors={field("file")} />
          <SelectField label={t("leads.fields.campaign")} name="campaignId" defaultValue="" placeholder={t("leads.create.noCampaign")} errors={field("campaignId")} options={loaderData.campaigns.map((c) => ({ value: c.id, label: `${c.number} ${c.name}` }))} />
          <div className="sm:col-span-2">
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("leads.import.submit")}</Button>
          </div>
        </Form>
      </Card>
      {imported && imported.errors.length ? (
        <Card title={t("leads.import.errorsTitle")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">{t("leads.import.errorsTitle")}</caption>
            <thead className="text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-2">{t("leads.import.row")}</th>
                <th scope="col" className="px-2 py-2">{t("leads.import.column")}</th>
                <th scope="col" className="px-2 py-2">{t("leads.import.problem")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {imported.errors.map((e, i) => (
                <tr key={`${e.row}-${e.column}-${i}`}>
                  <td className="px-2 py-1 tabular-nums">{e.row}</td>
                  <td className="px-2 py-1">{t(`leads.fields.${e.column}`)}</td>
                  <td className="px-2 py-1">{t(e.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
    </>
  );
}
