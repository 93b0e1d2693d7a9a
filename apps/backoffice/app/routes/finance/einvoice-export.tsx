import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { authorize, shanghaiToday } from "@cs/domain";
import { Button, Card, PageHeader, TextField } from "@cs/ui";
import { CsrfInput, FormAlert, useFormResult } from "@cs/web";
import { domainCtx, guarded, serverT, submitForm } from "@cs/web/server";
import type { Route } from "./+types/einvoice-export";
import { einvoiceDownload } from "./einvoice-export.server";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  authorize(domainCtx(context, request).actor, "invoice:read");
  const today = shanghaiToday();
  return { from: `${today.slice(0, 7)}-01`, to: today };
});

/** POST — the period's issued invoices as the tax bureau's 数电票 batch-issue workbook (docs/decisions/034). */
export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const t = serverT(context);
  return submitForm(request, (fields) => einvoiceDownload(ctx, fields, t("app.company")));
});

export default function EinvoiceExport({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { result, errors, value } = useFormResult(actionData);
  const typed = (name: string, fallback: string) => value(name) ?? fallback;
  return (
    <>
      <PageHeader title={t("invoicing.export.title")} />
      <Card title={t("invoicing.export.title")}>
        <p className="mb-3 text-sm text-slate-600">{t("invoicing.export.hint")}</p>
        {/* a plain document POST so the browser saves the workbook; a refusal comes back as this page */}
        <Form method="post" reloadDocument className="flex flex-wrap items-end gap-3">
          <CsrfInput />
          <div className="w-full empty:hidden">
            <FormAlert result={result} />
          </div>
          <TextField label={t("invoicing.export.from")} name="from" type="date" required defaultValue={typed("from", loaderData.from)} errors={errors("from")} />
          <TextField label={t("invoicing.export.to")} name="to" type="date" required defaultValue={typed("to", loaderData.to)} errors={errors("to")} />
          <Button>{t("invoicing.export.download")}</Button>
        </Form>
      </Card>
    </>
  );
}
