import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { editableKinds, organizationInput } from "@cs/domain/organizations/schema";
import { Button, Card, SelectField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { fenToYuan } from "@cs/domain/shared/money";
import { type Organization, organizationStatuses, partnerTiers, regions } from "@cs/domain/shared/schema-vocabulary";


/**
 * Create and edit share one form; the domain's zod schema validates it in the browser (conform)
 * and again on the server, and both speak in translation keys.
 */
export function OrganizationForm({
  organization,
  branches,
  owners,
  result,
  formKey,
  cancelTo,
}: {
  organization?: Organization;
  branches: { id: string; name: string }[];
  owners: { id: string; name: string }[];
  result: ActionResult;
  formKey?: string;
  cancelTo: string;
}) {
  const { t } = useTranslation();
  const defaults: Record<string, string> = organization
    ? Object.fromEntries(
        Object.entries({ ...organization, creditLimit: fenToYuan(organization.creditLimitFen), paymentTermsDays: String(organization.paymentTermsDays) })
          .filter(([, v]) => typeof v === "string")
          .map(([k, v]) => [k, v as string]),
      )
    : { status: "active", kind: "dealer", paymentTermsDays: "30" };
  const [form, fields] = useForm<Record<string, string>, Record<string, unknown>, string[]>({
    lastResult: (result ?? undefined) as SubmissionResult<string[]> | undefined,
    defaultValue: defaults,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organizationInput }),
  });
  const errs = (name: string) => fields[name]?.errors?.map((k) => t(k, { defaultValue: t("validation.invalid") })) ?? null;
  const dv = (name: string) => {
    const v = fields[name]?.initialValue;
    return typeof v === "string" ? v : "";
  };
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <CsrfInput />
      {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
      {organization ? <input type="hidden" name="version" value={organization.version} /> : null}
      <FormAlert result={result} />
      <Card title={t("org.basics")}>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {organization ? (
            <>
              <input type="hidden" name="kind" value={organization.kind} />
              <TextField label={t("org.fields.kind")} value={t(`org.kinds.${organization.kind}`)} readOnly disabled />
            </>
          ) : (
            <SelectField label={t("org.fields.kind")} name="kind" required defaultValue={dv("kind")} options={options(editableKinds, "org.kinds")} errors={errs("kind")} />
          )}
          <TextField label={t("org.fields.name")} name="name" required maxLength={100} defaultValue={dv("name")} errors={errs("name")} className="lg:col-span-2" />
          <TextField label={t("org.fields.shortName")} name="shortName" maxLength={30} defaultValue={dv("shortName")} errors={errs("shortName")} />
          <TextField label={t("org.fields.taxId")} name="taxId" maxLength={18} defaultValue={dv("taxId")} errors={errs("taxId")} autoCapitalize="characters" />
          <SelectField label={t("org.fields.branch")} name="ownerBranchId" defaultValue={dv("ownerBranchId")} placeholder="—" options={branches.map((b) => ({ value: b.id, label: b.name }))} errors={errs("ownerBranchId")} />
          <SelectField label={t("relations.owner.label")} name="accountOwnerId" defaultValue={dv("accountOwnerId")} placeholder={t("relations.owner.none")} options={owners.map((o) => ({ value: o.id, label: o.name }))} errors={errs("accountOwnerId")} />
          <SelectField label={t("org.fields.tier")} name="tier" defaultValue={dv("tier")} placeholder="—" options={options(partnerTiers, "org.tiers")} errors={errs("tier")} />
          <SelectField label={t("org.fields.region")} name="region" defaultValue={dv("region")} placeholder="—" options={options(regions, "org.regions")} errors={errs("region")} />
          <TextField label={t("org.fields.province")} name="province" maxLength={20} defaultValue={dv("province")} errors={errs("province")} />
          <TextField label={t("org.fields.city")} name="city" maxLength={30} defaultValue={dv("city")} errors={errs("city")} />
          <TextField label={t("org.fields.phone")} name="phone" maxLength={30} defaultValue={dv("phone")} errors={errs("phone")} inputMode="tel" />
          <TextField label={t("org.fields.address")} name="address" maxLength={200} defaultValue={dv("address")} errors={errs("address")} className="sm:col-span-2" />
        </div>
      </Card>
      <Card title={t("org.terms")}>
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label={t("org.fields.status")} name="status" defaultValue={dv("status")} options={options(organizationStatuses, "org.statuses")} errors={errs("status")} />
          <TextField label={t("org.fields.creditLimit")} name="creditLimit" inputMode="decimal" maxLength={20} defaultValue={dv("creditLimit")} errors={errs("creditLimit")} />
          <TextField label={t("org.fields.paymentTerms")} name="paymentTermsDays" type="number" min={0} max={365} defaultValue={dv("paymentTermsDays")} errors={errs("paymentTermsDays")} />
        </div>
      </Card>
      <div className="flex gap-2">
        <Button>{t("common.save")}</Button>
        <Link to={cancelTo} className={buttonClass("ghost")}>
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
