import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { couponPartnerChoices, issueCoupon, issueTierCoupons, shanghaiToday } from "@cs/domain";
import { partnerTiers } from "@cs/domain/shared/schema-vocabulary";
import { Button, Card, PageHeader, SelectField, TextField } from "@cs/ui";
import { FormAlert, FormKeys, useFormResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";

/** The issue form: one coupon (a partner, a tier, an end customer), or `?mode=tier` one code per partner of a tier. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { formKey: randomUUID(), partners: await couponPartnerChoices(ctx), today: shanghaiToday() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    if (form.get("mode") === "tier") {
      const { issued } = await issueTierCoupons(ctx, readForm(form));
      return redirect(`/coupons?issued=${issued}`);
    }
    const coupon = await issueCoupon(ctx, readForm(form));
    return redirect(`/coupons/${coupon.id}?done=issued`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function IssueCoupon({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const tierMode = search.get("mode") === "tier";
  const { result, errors: field, value: initial } = useFormResult(actionData);
  const { partners, formKey, today } = loaderData;
  const tierOptions = partnerTiers.map((s) => ({ value: s, label: t(`org.tiers.${s}`) }));
  return (
    <>
      <PageHeader title={tierMode ? t("coupons.issueTierTitle") : t("coupons.issueTitle")} />
      <Card>
        <FormAlert result={result} />
        <Form method="post" className="grid max-w-3xl gap-3 sm:grid-cols-2">
          <FormKeys formKey={formKey} />
          {tierMode ? (
            <>
              <input type="hidden" name="mode" value="tier" />
              <SelectField label={t("coupons.fields.tier")} name="tier" required className="sm:col-span-2" defaultValue={initial("tier") ?? ""} errors={field("tier")} options={tierOptions} />
            </>
          ) : (
            <>
              <SelectField
                label={t("coupons.fields.target")}
                name="target"
                required
                defaultValue={initial("target") ?? "organization"}
                errors={field("target")}
                options={(["organization", "tier", "endCustomer"] as const).map((v) => ({ value: v, label: t(`coupons.targets.${v}`) }))}
              />
              <SelectField
                label={t("coupons.fields.organizationId")}
                name="organizationId"
                placeholder={t("coupons.fields.chooseOrganization")}
                defaultValue={initial("organizationId") ?? search.get("organizationId") ?? ""}
                errors={field("organizationId")}
                options={partners.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
              />
              <SelectField label={t("coupons.fields.tier")} name="tier" placeholder="—" defaultValue={initial("tier") ?? ""} errors={field("tier")} options={tierOptions} />
              <TextField label={t("coupons.fields.endCustomerId")} name="endCustomerId" defaultValue={initial("endCustomerId")} errors={field("endCustomerId")} />
            </>
          )}
          <SelectField
            label={t("coupons.fields.kind")}
            name="kind"
            required
            defaultValue={initial("kind") ?? "amount"}
            errors={field("kind")}
            options={(["amount", "percent"] as const).map((v) => ({ value: v, label: t(`coupons.kinds.${v}`) }))}
          />
          <TextField label={t("coupons.fields.amount")} name="amount" inputMode="decimal" defaultValue={initial("amount")} errors={field("amount")} />
          <TextField label={t("coupons.fields.percent")} name="percent" inputMode="numeric" defaultValue={initial("percent")} errors={field("percent")} />
          <TextField label={t("coupons.fields.minOrder")} name="minOrder" inputMode="decimal" defaultValue={initial("minOrder")} errors={field("minOrder")} />
          <TextField label={t("coupons.fields.validFrom")} name="validFrom" type="date" required defaultValue={initial("validFrom") ?? today} errors={field("validFrom")} />
          <TextField label={t("coupons.fields.validUntil")} name="validUntil" type="date" required min={today} defaultValue={initial("validUntil")} errors={field("validUntil")} />
          <TextField label={t("coupons.fields.usesAllowed")} name="usesAllowed" inputMode="numeric" required defaultValue={initial("usesAllowed") ?? "1"} errors={field("usesAllowed")} />
          <TextField label={t("coupons.fields.description")} name="description" required maxLength={200} className="sm:col-span-2" defaultValue={initial("description")} errors={field("description")} />
          <div className="flex justify-end gap-3 sm:col-span-2">
            <Link to="/coupons" className="self-center text-sm text-slate-600 hover:underline">
              {t("common.cancel")}
            </Link>
            <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{tierMode ? t("coupons.issueTier") : t("coupons.issue")}</Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
