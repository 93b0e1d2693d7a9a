import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { Button, Card, FieldErrors, cn, formatMoney, formatNumber } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors } from "@cs/web";
import { Cell, LinesTable, ProductCells, resultFor, stateKey, type PanelProps } from "./detail-bits";
import { RowErrors } from "./form-bits";

/**
 * A stocktake: counts entered on screen (blank = not counted yet) or imported from a CSV/XLSX
 * sheet, variances against the opening snapshot valued at cost, then posting (or approval).
 */
export function StocktakePanel({ detail, may, result, busy }: PanelProps) {
  const { t, i18n } = useTranslation();
  const status = detail.document.status;
  const counting = status === "counting" && may.count;
  const counts = resultFor(result, "counts");
  const upload = resultFor(result, "upload");
  const posting = resultFor(result, "postStocktake", "approveStocktake");
  const errors = useFieldErrors(counts);
  const n = (v: number) => formatNumber(v, i18n.language);
  const f = (k: string) => t(`stock.documents.fields.${k}`);
  const variances = new Map(detail.variances.map((v) => [v.lineId, v]));
  const net = detail.variances.reduce((sum, v) => sum + v.valueFen, 0n);
  return (
    <>
      <Card
        title={t("stock.documents.panels.counts")}
        actions={<span className="text-sm text-slate-600">{`${f("varianceValue")}: ${formatMoney(net, i18n.language)}`}</span>}
      >
        <Form key={stateKey(detail)} method="post" className="space-y-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="counts" />
          <FormAlert result={counts} />
          {counting ? <p className="text-sm text-slate-600">{t("stock.documents.countsHint")}</p> : null}
          <LinesTable
            caption={t("stock.documents.panels.counts")}
            columns={[
              { label: t("stock.fields.sku") },
              { label: t("stock.fields.product") },
              { label: f("expected"), align: "right" },
              { label: f("counted"), align: "right" },
              { label: f("variance"), align: "right" },
              { label: f("varianceValue"), align: "right" },
            ]}
          >
            {detail.lines.map((line, i) => {
              const v = variances.get(line.id);
              return (
                <tr key={line.id}>
                  <ProductCells line={line} />
                  <Cell right>{n(line.quantity)}</Cell>
                  <Cell right>
                    {counting ? (
                      <>
                        <input type="hidden" name={`counts.${i}.sku`} value={line.sku} />
                        <input
                          type="number"
                          name={`counts.${i}.counted`}
                          min={0}
                          defaultValue={line.counted ?? ""}
                          placeholder={t("stock.documents.uncounted")}
                          aria-label={`${f("counted")} ${line.sku}`}
                          aria-invalid={!!errors(`counts.${i}.counted`) || undefined}
                          className="w-28 rounded-md px-2 py-1 text-right ring-1 ring-slate-300 aria-[invalid=true]:ring-red-600"
                        />
                        <FieldErrors id={`c-${line.id}`} errors={errors(`counts.${i}.counted`) ?? errors(`counts.${i}.sku`)} />
                      </>
                    ) : line.counted === null ? (
                      <span className="text-slate-500">{t("stock.documents.uncounted")}</span>
                    ) : (
                      n(line.counted)
                    )}
                  </Cell>
                  <Cell right className={cn(v && v.variance < 0 && "text-red-700", v && v.variance > 0 && "text-green-800")}>
                    {v && v.variance !== 0 ? n(v.variance) : "—"}
                  </Cell>
                  <Cell right>{v && v.variance !== 0 ? formatMoney(v.valueFen, i18n.language) : "—"}</Cell>
                </tr>
              );
            })}
          </LinesTable>
          {counting ? <Button disabled={busy}>{t("stock.documents.actions.saveCounts")}</Button> : null}
        </Form>
      </Card>
      {counting ? (
        <Card title={t("stock.documents.panels.upload")}>
          <Form method="post" encType="multipart/form-data" className="space-y-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="upload" />
            <p className="text-sm text-slate-600">{t("stock.documents.uploadHint")}</p>
            <label className="block text-sm font-medium text-slate-700">
              {t("stock.documents.uploadFile")}
              <input type="file" name="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="mt-1 block text-sm" />
            </label>
            {upload ? <p className="text-sm font-medium text-red-700">{t("stock.documents.uploadErrors")}</p> : null}
            <RowErrors result={upload} prefix="upload" label="stock.documents.rowError" />
            <Button variant="secondary" disabled={busy}>
              {t("stock.documents.actions.upload")}
            </Button>
          </Form>
        </Card>
      ) : null}
      {(counting || (status === "pending_approval" && may.approve)) ? (
        <Form method="post" className="flex items-center gap-3">
          <CsrfInput />
          <FormAlert result={posting} />
          <Button name="intent" value={counting ? "postStocktake" : "approveStocktake"} disabled={busy}>
            {counting ? t("stock.documents.actions.postStocktake") : t("stock.documents.actions.approve")}
          </Button>
        </Form>
      ) : null}
    </>
  );
}
