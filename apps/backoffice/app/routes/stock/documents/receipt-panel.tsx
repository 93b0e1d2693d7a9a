import { useTranslation } from "@cs/i18n/react";
import { Button, Card, FieldErrors, formatNumber } from "@cs/ui";
import { useFieldErrors } from "@cs/web";
import { Cell, LinesTable, ProductCells, PostingForm, resultFor, Serials, type PanelProps } from "./detail-bits";

/**
 * A receipt's lines; while goods are still expected, one posting form books what arrived now
 * (defaulting to what is still outstanding) with a serial number per unit where needed.
 */
export function ReceiptPanel({ detail, may, result, busy }: PanelProps) {
  const { t, i18n } = useTranslation();
  const mine = resultFor(result, "post");
  const errors = useFieldErrors(mine);
  const n = (v: number) => formatNumber(v, i18n.language);
  const open = may.move && (detail.document.status === "open" || detail.document.status === "partially_received");
  const f = (k: string) => t(`stock.documents.fields.${k}`);
  const columns = [
    { label: t("stock.fields.sku") },
    { label: t("stock.fields.product") },
    { label: f("quantity"), align: "right" as const },
    { label: f("received"), align: "right" as const },
  ];
  const table = (
    <LinesTable
      caption={t("stock.documents.panels.lines")}
      columns={open ? [...columns, { label: f("thisTime"), align: "right" }, { label: f("serials") }] : [...columns, { label: f("serials") }]}
    >
      {detail.lines.map((line, i) => {
        const remaining = Math.max(0, line.quantity - line.quantityDone);
        return (
          <tr key={line.id}>
            <ProductCells line={line} />
            <Cell right>{n(line.quantity)}</Cell>
            <Cell right>{n(line.quantityDone)}</Cell>
            {open ? (
              <>
                <Cell right>
                  <input type="hidden" name={`lines.${i}.lineId`} value={line.id} />
                  {remaining === 0 ? (
                    <input type="hidden" name={`lines.${i}.quantity`} value="0" />
                  ) : (
                    <input
                      type="number"
                      name={`lines.${i}.quantity`}
                      min={0}
                      max={remaining}
                      defaultValue={remaining}
                      aria-label={`${f("thisTime")} ${line.sku}`}
                      aria-invalid={!!errors(`lines.${i}.quantity`) || undefined}
                      className="w-24 rounded-md px-2 py-1 text-right ring-1 ring-slate-300 aria-[invalid=true]:ring-red-600"
                    />
                  )}
                  <FieldErrors id={`q-${line.id}`} errors={errors(`lines.${i}.quantity`)} />
                </Cell>
                <Cell>
                  {line.serialized && remaining > 0 ? (
                    <textarea
                      name={`lines.${i}.serials`}
                      rows={2}
                      aria-label={`${f("serials")} ${line.sku}`}
                      placeholder={t("stock.documents.serialsHint")}
                      className="w-64 rounded-md px-2 py-1 font-mono text-xs ring-1 ring-slate-300"
                    />
                  ) : null}
                  <FieldErrors id={`s-${line.id}`} errors={errors(`lines.${i}.serials`)} />
                  {line.serials.length ? <Serials serials={line.serials} /> : null}
                </Cell>
              </>
            ) : (
              <Cell>
                <Serials serials={line.serials} />
              </Cell>
            )}
          </tr>
        );
      })}
    </LinesTable>
  );
  if (!open) return <Card title={t("stock.documents.panels.lines")}>{table}</Card>;
  return (
    <Card title={t("stock.documents.panels.post")}>
      <PostingForm detail={detail} intent="post" result={mine}>
        {table}
        <FieldErrors id="post-lines-e" errors={errors("lines")} />
        <Button disabled={busy}>{t("stock.documents.actions.post")}</Button>
      </PostingForm>
    </Card>
  );
}
