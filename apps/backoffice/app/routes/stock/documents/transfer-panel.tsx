import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { Button, Card, CheckboxField, FieldErrors, TextField, formatNumber } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors } from "@cs/web";
import { Cell, LinesTable, ProductCells, PostingForm, resultFor, Serials, stateKey, type PanelProps } from "./detail-bits";

/**
 * A transfer through transit. Draft: ship (serials picked per serialized line) or cancel.
 * Shipped: receive per line, partially if need be; closing with a shortfall needs an explanation.
 */
export function TransferPanel({ detail, may, result, busy }: PanelProps) {
  const { t, i18n } = useTranslation();
  const status = detail.document.status;
  const mine = resultFor(result, "ship", "receive", "cancel");
  const errors = useFieldErrors(mine);
  const n = (v: number) => formatNumber(v, i18n.language);
  const f = (k: string) => t(`stock.documents.fields.${k}`);
  const shipping = may.move && status === "draft";
  const receiving = may.move && (status === "shipped" || status === "partially_received");
  const base = [{ label: t("stock.fields.sku") }, { label: t("stock.fields.product") }, { label: f("quantity"), align: "right" as const }, { label: f("shipped"), align: "right" as const }, { label: f("arrived"), align: "right" as const }];
  const columns = receiving ? [...base, { label: f("thisTime"), align: "right" as const }, { label: f("serials") }] : [...base, { label: f("serials") }];
  const table = (
    <LinesTable caption={t("stock.documents.panels.lines")} columns={columns}>
      {detail.lines.map((line, i) => {
        const inTransit = Math.max(0, line.quantityDone - line.quantityReceived);
        return (
          <tr key={line.id}>
            <ProductCells line={line} />
            <Cell right>{n(line.quantity)}</Cell>
            <Cell right>{n(line.quantityDone)}</Cell>
            <Cell right>{n(line.quantityReceived)}</Cell>
            {receiving ? (
              <Cell right>
                {/* Every line is sent (0 when nothing is in transit) so error indexes match the rows. */}
                <input type="hidden" name={`lines.${i}.lineId`} value={line.id} />
                {inTransit === 0 ? (
                  <input type="hidden" name={`lines.${i}.quantity`} value="0" />
                ) : (
                  <input
                    type="number"
                    name={`lines.${i}.quantity`}
                    min={0}
                    max={inTransit}
                    defaultValue={inTransit}
                    aria-label={`${f("thisTime")} ${line.sku}`}
                    className="w-24 rounded-md px-2 py-1 text-right ring-1 ring-slate-300"
                  />
                )}
                <FieldErrors id={`r-${line.id}`} errors={errors(`lines.${i}.quantity`)} />
              </Cell>
            ) : null}
            <Cell>
              {shipping && line.serialized ? (
                <textarea
                  name={`serials.${line.id}`}
                  rows={2}
                  aria-label={`${f("serials")} ${line.sku}`}
                  placeholder={t("stock.documents.serialsHint")}
                  className="w-64 rounded-md px-2 py-1 font-mono text-xs ring-1 ring-slate-300"
                />
              ) : (
                <Serials serials={line.serials} />
              )}
              <FieldErrors id={`s-${line.id}`} errors={errors(`lines.${i}.serials`)} />
            </Cell>
          </tr>
        );
      })}
    </LinesTable>
  );
  if (shipping)
    return (
      <Card title={t("stock.documents.panels.ship")}>
        <Form key={stateKey(detail)} method="post" className="space-y-3">
          <CsrfInput />
          <FormAlert result={mine} />
          {table}
          <div className="flex gap-2">
            <Button name="intent" value="ship" disabled={busy}>
              {t("stock.documents.actions.ship")}
            </Button>
            <Button name="intent" value="cancel" variant="secondary" disabled={busy} formNoValidate>
              {t("stock.documents.actions.cancel")}
            </Button>
          </div>
        </Form>
      </Card>
    );
  if (receiving)
    return (
      <Card title={t("stock.documents.panels.receive")}>
        <PostingForm detail={detail} intent="receive" result={mine}>
          {table}
          <FieldErrors id="receive-lines-e" errors={errors("lines")} />
          <CheckboxField label={t("stock.documents.close")} name="close" />
          <TextField label={t("stock.documents.discrepancyNote")} name="note" maxLength={500} errors={errors("note")} />
          <Button disabled={busy}>{t("stock.documents.actions.receive")}</Button>
        </PostingForm>
      </Card>
    );
  return <Card title={t("stock.documents.panels.lines")}>{table}</Card>;
}
