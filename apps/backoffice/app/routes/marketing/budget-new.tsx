import { randomUUID } from "node:crypto";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { authorize, createBudgetPool, marketingChoices, quarterChoices, shanghaiToday } from "@cs/domain";
import { Button, Card, PageHeader, SelectField, TextAreaField, TextField } from "@cs/ui";
import { FormAlert, FormKeys, useFormResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/budget-new";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "marketing:manage");
  return { formKey: randomUUID(), quarters: quarterChoices(shanghaiToday(), 6), ...(await marketingChoices(ctx)) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    const { poolId } = await createBudgetPool(ctx, fields);
    return redirect(`/marketing/budgets/${poolId}?done=created`);
  });
});

export default function NewBudgetPool({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { result, errors: field, value: initial } = useFormResult(actionData);
  const zh = i18n.language === "zh-CN";
  return (
    <>
      <PageHeader title={t("marketing.pools.newTitle")} />
      <MarketingTabs />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-2xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={loaderData.formKey} />
          <SelectField label={t("marketing.pools.division")} name="divisionId" required defaultValue={initial("divisionId") ?? ""} errors={field("divisionId")} options={loaderData.divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
          <SelectField label={t("marketing.pools.branch")} name="branchId" required defaultValue={initial("branchId") ?? ""} errors={field("branchId")} options={loaderData.branches.map((b) => ({ value: b.id, label: b.name }))} />
          <SelectField label={t("marketing.pools.quarter")} name="quarter" required defaultValue={initial("quarter") ?? loaderData.quarters[0]} errors={field("quarter")} options={loaderData.quarters.map((q) => ({ value: q, label: q }))} />
          <TextField label={t("marketing.pools.planned")} name="planned" inputMode="decimal" required defaultValue={initial("planned")} errors={field("planned")} />
          <TextAreaField label={t("marketing.pools.note")} name="note" maxLength={500} rows={2} className="sm:col-span-2" defaultValue={initial("note")} errors={field("note")} />
          <div className="flex justify-end gap-3 sm:col-span-2">
            <Link to="/marketing/budgets" className="self-center text-sm text-slate-600 hover:underline">
              {t("common.cancel")}
            </Link>
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("marketing.pools.create")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
