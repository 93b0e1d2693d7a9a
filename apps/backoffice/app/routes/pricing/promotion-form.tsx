import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { PRICED_KINDS } from "./kinds";
import { Button, Card, CheckboxField, SelectField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, submittedValue } from "@cs/web";
import { localName } from "@cs/i18n";

export type PromotionValues = {
  code: string;
  nameZh: string;
  nameEn: string;
  target: string;
  sku: string;
  productLineId: string;
  partnerKind: string;
  kind: string;
  discountPercent: string;
  promoPrice: string;
  minQuantity: string;
  startsOn: string;
  endsOn: string;
  active: boolean;
};

type Line = { id: string; nameZh: string; nameEn: string; code: string };

/** Either a product (by SKU) or a whole line; either a percentage off the channel price or a fixed price. */
export function PromotionForm({ title, values, lines, result, formKey }: { title: string; values?: PromotionValues; lines: Line[]; result: ActionResult; formKey?: string }) {
  const { t, i18n } = useTranslation();
  const field = useFieldErrors(result);
  const zh = i18n.language === "zh-CN";
  const back = (name: Exclude<keyof PromotionValues, "active">) => (submittedValue(result)(name) ?? values?.[name] ?? "");
  return (
    <Card title={title} className="mb-4">
      <Form method="post" className="grid gap-3 sm:grid-cols-3">
        <CsrfInput />
        {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
        <div className="empty:hidden sm:col-span-3">
          <FormAlert result={result} />
        </div>
        <TextField label={t("pricing.promotions.code")} name="code" required maxLength={30} defaultValue={back("code")} errors={field("code")} />
        <TextField label={t("pricing.promotions.nameZh")} name="nameZh" required maxLength={60} defaultValue={back("nameZh")} errors={field("nameZh")} />
        <TextField label={t("pricing.promotions.nameEn")} name="nameEn" required maxLength={60} defaultValue={back("nameEn")} errors={field("nameEn")} />
        <SelectField label={t("pricing.promotions.target")} name="target" required defaultValue={back("target") || "line"} errors={field("target")} options={(["line", "product"] as const).map((v) => ({ value: v, label: t(`pricing.promotions.targets.${v}`) }))} />
        <SelectField label={t("pricing.promotions.productLine")} name="productLineId" defaultValue={back("productLineId")} placeholder="—" errors={field("productLineId")} options={lines.map((l) => ({ value: l.id, label: `${l.code} · ${localName(zh, l.nameZh, l.nameEn)}` }))} />
        <TextField label={t("pricing.promotions.sku")} name="sku" maxLength={60} defaultValue={back("sku")} errors={field("sku")} />
        <SelectField label={t("pricing.promotions.partnerKind")} name="partnerKind" defaultValue={back("partnerKind")} placeholder={t("pricing.anyKind")} errors={field("partnerKind")} options={PRICED_KINDS.map((k) => ({ value: k, label: t(`pricing.kinds.${k}`) }))} />
        <SelectField label={t("pricing.promotions.kind")} name="kind" required defaultValue={back("kind") || "discount"} errors={field("kind")} options={(["discount", "price"] as const).map((v) => ({ value: v, label: t(`pricing.promotions.kinds.${v}`) }))} />
        <TextField label={t("pricing.promotions.discountPercent")} name="discountPercent" inputMode="decimal" hint={t("pricing.promotions.discountHint")} defaultValue={back("discountPercent")} errors={field("discountPercent")} />
        <TextField label={t("pricing.promotions.promoPrice")} name="promoPrice" inputMode="decimal" defaultValue={back("promoPrice")} errors={field("promoPrice")} />
        <TextField label={t("pricing.promotions.minQuantity")} name="minQuantity" inputMode="numeric" defaultValue={back("minQuantity") || "1"} errors={field("minQuantity")} />
        <div />
        <TextField label={t("pricing.promotions.startsOn")} name="startsOn" type="date" required defaultValue={back("startsOn")} errors={field("startsOn")} />
        <TextField label={t("pricing.promotions.endsOn")} name="endsOn" type="date" required defaultValue={back("endsOn")} errors={field("endsOn")} />
        <CheckboxField label={t("pricing.promotions.active")} name="active" defaultChecked={values ? values.active : true} />
        <div className="flex gap-2 sm:col-span-3">
          <Button>{t("common.save")}</Button>
          <Link to="/pricing/promotions" className={buttonClass("ghost")}>
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </Card>
  );
}
