import { useTranslation } from "@cs/i18n/react";
import { SelectField, TextField } from "@cs/ui";

/** The VAT rates a product may carry, as the form shows them (percent); the domain keeps basis points. */
const rates = ["13", "9", "6", "0"] as const;

/** The product master's tax block (docs/decisions/034): the 税收分类编码 and the VAT rate invoices take. */
export function ProductTaxFields({ taxCode, taxRate, errors }: { taxCode: string; taxRate: string; errors: (name: string) => string[] | null | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("invoicing.product.taxCode")}
        name="taxCode"
        inputMode="numeric"
        maxLength={23}
        hint={t("invoicing.product.taxCodeHint")}
        defaultValue={taxCode}
        errors={errors("taxCode")}
      />
      <SelectField
        label={t("invoicing.product.taxRate")}
        name="taxRate"
        required
        defaultValue={taxRate || "13"}
        errors={errors("taxRate")}
        options={rates.map((r) => ({ value: r, label: `${r}%` }))}
      />
      <div className="hidden sm:block" />
    </>
  );
}
