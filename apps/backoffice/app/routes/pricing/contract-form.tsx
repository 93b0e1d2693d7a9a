import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { Button, Card, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, submittedValue } from "@cs/web";

export type ContractValues = { organizationCode: string; sku: string; minQuantity: string; price: string; contractNo: string; validFrom: string; validTo: string };

export function ContractForm({ title, values, result, formKey }: { title: string; values?: ContractValues; result: ActionResult; formKey?: string }) {
  const { t } = useTranslation();
  const field = useFieldErrors(result);
  const back = (name: keyof ContractValues) => (submittedValue(result)(name) ?? values?.[name] ?? "");
  return (
    <Card title={title} className="mb-4">
      <Form method="post" className="grid gap-3 sm:grid-cols-3">
        <CsrfInput />
        {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
        <div className="empty:hidden sm:col-span-3">
          <FormAlert result={result} />
        </div>
        <TextField label={t("pricing.contracts.organizationCode")} name="organizationCode" required maxLength={30} defaultValue={back("organizationCode")} errors={field("organizationCode")} />
        <TextField label={t("pricing.contracts.sku")} name="sku" required maxLength={60} defaultValue={back("sku")} errors={field("sku")} />
        <TextField label={t("pricing.contracts.contractNo")} name="contractNo" maxLength={40} defaultValue={back("contractNo")} errors={field("contractNo")} />
        <TextField label={t("pricing.contracts.minQuantity")} name="minQuantity" inputMode="numeric" defaultValue={back("minQuantity") || "1"} errors={field("minQuantity")} />
        <TextField label={t("pricing.contracts.price")} name="price" inputMode="decimal" required defaultValue={back("price")} errors={field("price")} />
        <div />
        <TextField label={t("pricing.contracts.validFrom")} name="validFrom" type="date" required defaultValue={back("validFrom")} errors={field("validFrom")} />
        <TextField label={t("pricing.contracts.validTo")} name="validTo" type="date" hint={t("pricing.lists.validToHint")} defaultValue={back("validTo")} errors={field("validTo")} />
        <div className="flex gap-2 sm:col-span-3">
          <Button>{t("common.save")}</Button>
          <Link to="/pricing/contracts" className={buttonClass("ghost")}>
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </Card>
  );
}

/** Fen as the form shows yuan: 100050 → "1000.50". */
