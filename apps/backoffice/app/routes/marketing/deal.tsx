import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect, useNavigation, useSearchParams } from "react-router";
import { decideDeal, getDealRegistration, shanghaiToday } from "@cs/domain";
import { Alert, Button, Card, TextField, formatDate } from "@cs/ui";
import { CsrfInput, DealFacts, DealHeader, DealLines, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, domainCtx, readNestedForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/deal";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getDealRegistration(domainCtx(context, request), params.id), today: shanghaiToday() };
});

/** `decide` approves (with optional special prices, managers only) or rejects the registration. */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    switch (form.get("intent")) {
      case "decide": {
        const r = await decideDeal(domainCtx(context, request), { ...readNestedForm(form), registrationId: params.id });
        return redirect(`/marketing/deals/${params.id}?done=${r.status}`);
      }
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
});

export default function DealReview({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { detail, today } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const r = detail.registration;
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const done = search.get("done");
  const initial = (name: string) => (typeof result?.initialValue?.[name] === "string" ? (result.initialValue[name] as string) : undefined);
  const doneText = done === "approved" ? t("deals.decide.approved", { until: formatDate(r.protectedUntil ?? today, locale) }) : done === "rejected" ? t("deals.decide.rejected") : null;
  return (
    <div className="space-y-4">
      <DealHeader detail={detail} today={today} backTo="/marketing/deals" />
      {doneText && !actionData ? <Alert tone="success">{doneText}</Alert> : null}
      <DealFacts detail={detail} staff />
      <DealLines detail={detail} />
      {detail.mayDecide ? (
        <Card title={t("deals.decide.title")}>
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="decide" />
            <div className="sm:col-span-3">
              <FormAlert result={result} />
            </div>
            <TextField label={t("deals.decide.protectedUntil")} name="protectedUntil" type="date" min={today} defaultValue={initial("protectedUntil")} errors={field("protectedUntil")} />
            <TextField label={t("deals.decide.reason")} name="reason" maxLength={1000} className="sm:col-span-2" defaultValue={initial("reason")} errors={field("reason")} />
            {detail.mayGrantSpecialPrices ? (
              <fieldset className="grid gap-2 rounded-md border border-slate-200 p-3 sm:col-span-3 sm:grid-cols-[1fr_10rem_8rem]">
                <legend className="px-1 text-sm font-semibold text-slate-900">{t("deals.decide.specialTitle")}</legend>
                <p className="text-xs text-slate-500 sm:col-span-3">{t("deals.decide.specialHint")}</p>
                {detail.lines.map((l, i) => (
                  <div key={l.productId} className="contents">
                    <input type="hidden" name={`prices.${i}.productId`} value={l.productId} />
                    <div className="self-end pb-2 text-sm">
                      <span className="font-mono text-xs">{l.sku}</span> {localName(zh, l.nameZh, l.nameEn)}
                    </div>
                    <TextField label={t("deals.decide.unitPrice")} name={`prices.${i}.unitPrice`} inputMode="decimal" defaultValue={initial(`prices.${i}.unitPrice`)} errors={field(`prices.${i}.unitPrice`)} />
                    <TextField label={t("deals.decide.quantity")} name={`prices.${i}.quantity`} inputMode="numeric" defaultValue={initial(`prices.${i}.quantity`)} errors={field(`prices.${i}.quantity`)} />
                  </div>
                ))}
                <TextField label={t("deals.decide.specialReason")} name="specialPriceReason" maxLength={500} className="sm:col-span-3" defaultValue={initial("specialPriceReason")} errors={field("specialPriceReason")} />
              </fieldset>
            ) : null}
            <div className="flex gap-2 sm:col-span-3">
              <Button name="decision" value="approve" disabled={busy}>
                {t("deals.decide.approve")}
              </Button>
              <Button name="decision" value="reject" variant="danger" disabled={busy}>
                {t("deals.decide.reject")}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
