import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { PRICED_KINDS } from "./kinds";
import { Button, Card, CheckboxField, SelectField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, submittedValue } from "@cs/web";

export type PriceListValues = { code: string; nameZh: string; nameEn: string; partnerKind: string; validFrom: string; validTo: string | null; active: boolean };

/** Create or edit a price list's header; the form's values come back after a refused save. */
export function PriceListForm({ values, result, formKey, disabled }: { values?: PriceListValues; result: ActionResult; formKey?: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const field = useFieldErrors(result);
  const back = (name: string, fallback: string | null | undefined) => (submittedValue(result)(name) ?? fallback ?? "");
  return (
    <Card title={values ? t("pricing.lists.edit") : t("pricing.lists.new")} className="mb-4">
      <Form method="post" className="grid gap-3 sm:grid-cols-3">
        <CsrfInput />
        <input type="hidden" name="intent" value="list" />
        {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
        <div className="empty:hidden sm:col-span-3">
          <FormAlert result={result} />
        </div>
        <fieldset disabled={disabled} className="contents">
          <TextField label={t("pricing.lists.code")} name="code" required maxLength={30} defaultValue={back("code", values?.code)} errors={field("code")} />
          <TextField label={t("pricing.lists.nameZh")} name="nameZh" required maxLength={60} defaultValue={back("nameZh", values?.nameZh)} errors={field("nameZh")} />
          <TextField label={t("pricing.lists.nameEn")} name="nameEn" required maxLength={60} defaultValue={back("nameEn", values?.nameEn)} errors={field("nameEn")} />
          <SelectField label={t("pricing.lists.partnerKind")} name="partnerKind" required defaultValue={back("partnerKind", values?.partnerKind)} errors={field("partnerKind")} options={PRICED_KINDS.map((k) => ({ value: k, label: t(`pricing.kinds.${k}`) }))} />
          <TextField label={t("pricing.lists.validFrom")} name="validFrom" type="date" required defaultValue={back("validFrom", values?.validFrom)} errors={field("validFrom")} />
          <TextField label={t("pricing.lists.validTo")} name="validTo" type="date" hint={t("pricing.lists.validToHint")} defaultValue={back("validTo", values?.validTo)} errors={field("validTo")} />
          <CheckboxField label={t("pricing.lists.active")} name="active" defaultChecked={values ? values.active : true} />
          <div className="flex gap-2 sm:col-span-3">
            <Button>{t("common.save")}</Button>
            <Link to="/pricing" className={buttonClass("ghost")}>
              {t("common.cancel")}
            </Link>
          </div>
        </fieldset>
      </Form>
    </Card>
  );
}
