import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { Button, Card, SelectField, TextAreaField, TextField, buttonClass } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { initial, RowErrors } from "./form-bits";
import type { CreatableKind } from "./kinds";
import { localName } from "@cs/i18n";

type Option = { id: string; code?: string; nameZh: string; nameEn: string };

/**
 * One form per kind of document staff create: the header fields of that kind, then the products
 * as "SKU qty [serials]" lines (stocktakes take a location and optional product line instead).
 */
export function CreateDocumentForm({
  kind,
  warehouses,
  countable,
  lines,
  issueReasons,
  formKey,
  result,
}: {
  kind: CreatableKind;
  warehouses: Option[];
  countable: Option[];
  lines: Option[];
  issueReasons: string[];
  formKey: string;
  result: ActionResult;
}) {
  const { t, i18n } = useTranslation();
  const errors = useFieldErrors(result);
  const zh = i18n.language === "zh-CN";
  const options = (list: Option[]) => list.map((o) => ({ value: o.id, label: [o.code, localName(zh, o.nameZh, o.nameEn)].filter(Boolean).join(" ") }));
  const select = (name: string, label: string, list: Option[], placeholder?: string) => (
    <SelectField label={label} name={name} required={placeholder === undefined} defaultValue={initial(result, name)} placeholder={placeholder ?? ""} options={options(list)} errors={errors(name)} />
  );
  const f = (key: string) => t(`stock.documents.fields.${key}`);
  return (
    <Form method="post" className="space-y-4">
      <FormKeys formKey={formKey} />
      <FormAlert result={result} />
      <Card>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {kind === "receipt" ? (
            <>
              {select("toLocationId", f("warehouse"), warehouses)}
              <TextField label={f("supplierRef")} name="reference" maxLength={100} defaultValue={initial(result, "reference")} errors={errors("reference")} />
            </>
          ) : null}
          {kind === "transfer" ? (
            <>
              {select("fromLocationId", f("fromWarehouse"), warehouses)}
              {select("toLocationId", f("toWarehouse"), warehouses)}
            </>
          ) : null}
          {kind === "issue" ? (
            <>
              {select("fromLocationId", f("warehouse"), warehouses)}
              <SelectField
                label={f("issueReason")}
                name="reason"
                required
                defaultValue={initial(result, "reason")}
                placeholder=""
                options={issueReasons.map((r) => ({ value: r, label: t(`stock.documents.issueReasons.${r}`) }))}
                errors={errors("reason")}
              />
            </>
          ) : null}
          {kind === "stocktake" ? (
            <>
              {select("locationId", f("location"), countable)}
              {select("productLineId", f("productLine"), lines, f("allProducts"))}
            </>
          ) : null}
          <TextField label={f("note")} name="note" maxLength={500} defaultValue={initial(result, "note")} errors={errors("note")} className="sm:col-span-2 lg:col-span-3" />
          {kind !== "stocktake" ? (
            <div className="sm:col-span-2 lg:col-span-3">
              <TextAreaField
                label={f("linesText")}
                name="lines"
                required
                rows={8}
                placeholder={"NB-T14-I5-16 2 SN001 SN002\nCB-HDMI-2M 10"}
                hint={t("stock.documents.linesHint")}
                defaultValue={initial(result, "lines")}
                spellCheck={false}
              />
              <RowErrors result={result} prefix="lines" />
            </div>
          ) : null}
        </div>
      </Card>
      <div className="flex gap-2">
        <Button>{t("stock.documents.actions.create")}</Button>
        <Link to={`/stock/documents?kind=${kind}`} className={buttonClass("ghost")}>
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
