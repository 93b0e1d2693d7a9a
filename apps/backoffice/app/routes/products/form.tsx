import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { Button, Card, CheckboxField, SelectField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { localName } from "@cs/i18n";
import { ProductTaxFields } from "./tax-fields";

export type ProductValues = {
  sku: string;
  nameZh: string;
  nameEn: string;
  productLineId: string;
  unit: string;
  listPrice: string;
  cost: string;
  warrantyMonths: string;
  extendedWarrantyMonths: string;
  serialized: boolean;
  active: boolean;
  // tax
  taxCode: string;
  taxRate: string;
};

type Line = { id: string; code: string; nameZh: string; nameEn: string; divisionZh: string; divisionEn: string };

const units = ["pcs", "box", "set", "each"] as const;

/** The product master's form: what a product is, what it costs and lists at, and how it is serviced. */
export function ProductForm({ title, values, lines, result, formKey }: { title: string; values?: ProductValues; lines: Line[]; result: ActionResult; formKey?: string }) {
  const { t, i18n } = useTranslation();
  const field = useFieldErrors(result);
  const zh = i18n.language === "zh-CN";
  // After a refused save the form shows what was typed, not what was stored.
  const typed = result?.initialValue;
  const back = (name: Exclude<keyof ProductValues, "serialized" | "active">) => (typeof typed?.[name] === "string" ? (typed[name] as string) : (values?.[name] ?? ""));
  const checked = (name: "serialized" | "active", fallback: boolean) => (typed ? typed[name] === "on" : (values?.[name] ?? fallback));
  return (
    <Card title={title} className="mb-4">
      <Form method="post" className="grid gap-3 sm:grid-cols-3">
        <CsrfInput />
        {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
        <div className="empty:hidden sm:col-span-3">
          <FormAlert result={result} />
        </div>
        <TextField label={t("product.sku")} name="sku" required maxLength={40} autoCapitalize="characters" defaultValue={back("sku")} errors={field("sku")} />
        <TextField label={t("product.nameZh")} name="nameZh" required maxLength={200} defaultValue={back("nameZh")} errors={field("nameZh")} />
        <TextField label={t("product.nameEn")} name="nameEn" required maxLength={200} defaultValue={back("nameEn")} errors={field("nameEn")} />
        <SelectField
          label={t("product.line")}
          name="productLineId"
          required
          defaultValue={back("productLineId")}
          placeholder="—"
          errors={field("productLineId")}
          options={lines.map((l) => ({ value: l.id, label: `${localName(zh, l.divisionZh, l.divisionEn)} · ${localName(zh, l.nameZh, l.nameEn)}` }))}
        />
        <SelectField label={t("product.unit")} name="unit" required defaultValue={back("unit") || "pcs"} errors={field("unit")} options={units.map((u) => ({ value: u, label: t(`product.units.${u}`) }))} />
        <div className="hidden sm:block" />
        <TextField label={t("product.listPrice")} name="listPrice" required inputMode="decimal" defaultValue={back("listPrice")} errors={field("listPrice")} />
        <TextField label={t("product.cost")} name="cost" required inputMode="decimal" defaultValue={back("cost")} errors={field("cost")} />
        <div className="hidden sm:block" />
        <TextField label={t("product.warrantyMonths")} name="warrantyMonths" required inputMode="numeric" hint={t("product.warrantyHint")} defaultValue={back("warrantyMonths") || "12"} errors={field("warrantyMonths")} />
        <TextField label={t("product.extendedWarrantyMonths")} name="extendedWarrantyMonths" inputMode="numeric" defaultValue={back("extendedWarrantyMonths")} errors={field("extendedWarrantyMonths")} />
        <div className="flex flex-col justify-end gap-2">
          <CheckboxField label={t("product.serialized")} name="serialized" defaultChecked={checked("serialized", false)} />
          <CheckboxField label={t("product.active")} name="active" defaultChecked={checked("active", true)} />
        </div>
        <ProductTaxFields taxCode={back("taxCode")} taxRate={back("taxRate")} errors={field} />
        <div className="flex gap-2 sm:col-span-3">
          <Button>{t("product.save")}</Button>
          <Link to="/products" className={buttonClass("ghost")}>
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </Card>
  );
}
