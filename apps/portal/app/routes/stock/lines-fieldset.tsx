import { useTranslation } from "@cs/i18n/react";
import { Button, FieldErrors, cn } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { useStockErrors } from "./form-errors";

const inputClass =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-blue-700 aria-[invalid=true]:ring-red-600";

type Props = { rows: number; result: ActionResult; withSerials: boolean; skuList: string; legend: string };

/**
 * Line rows (SKU, quantity, serials) as plain inputs named `lines.N.*`, each with its own
 * translated errors. "More lines" is a submit button, so it works before JavaScript loads.
 */
export function LinesFieldset({ rows, result, withSerials, skuList, legend }: Props) {
  const { t } = useTranslation();
  const { field } = useStockErrors(result);
  const value = (name: string) => {
    const v = result?.initialValue?.[name];
    return typeof v === "string" ? v : "";
  };
  const cell = (row: number, name: string, label: string, props: Record<string, unknown>) => {
    const key = `lines.${row}.${name}`;
    const errors = field(key);
    const id = `line-${row}-${name}`;
    return (
      <td className="px-2 py-1 align-top">
        <label htmlFor={id} className="sr-only">
          {`${t("myStock.lines.row", { n: row + 1 })} ${label}`}
        </label>
        <input id={id} name={key} defaultValue={value(key)} aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-e` : undefined} className={inputClass} {...props} />
        <FieldErrors id={`${id}-e`} errors={errors} />
      </td>
    );
  };
  const linesError = field("lines");
  return (
    <fieldset className="sm:col-span-3">
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <input type="hidden" name="rows" value={rows} />
      {linesError ? <FieldErrors id="lines-e" errors={linesError} /> : null}
      <div className="relative overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-600">
              <th scope="col" className="w-10 px-2 py-1 font-normal">#</th>
              <th scope="col" className="px-2 py-1 font-normal">{t("myStock.lines.sku")}</th>
              <th scope="col" className="w-32 px-2 py-1 font-normal">{t("myStock.lines.quantity")}</th>
              {withSerials ? <th scope="col" className="px-2 py-1 font-normal">{t("myStock.sellOut.serials")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, row) => (
              <tr key={row}>
                <td className="px-2 py-2 align-top text-slate-500">{row + 1}</td>
                {cell(row, "sku", t("myStock.lines.sku"), { list: skuList, maxLength: 64, autoComplete: "off", className: cn(inputClass, "font-mono") })}
                {cell(row, "quantity", t("myStock.lines.quantity"), { inputMode: "numeric", maxLength: 7 })}
                {withSerials ? cell(row, "serials", t("myStock.sellOut.serials"), { placeholder: t("myStock.sellOut.serialsHint"), autoComplete: "off" }) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/** Comes after the form's submit button, so Enter in a field submits the form, not this. */
export function MoreLinesButton() {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" name="intent" value="more" formNoValidate>
      {t("myStock.lines.more")}
    </Button>
  );
}

/** Rows shown: what the last post asked for (after "more lines"), else the default. */
export function rowsFrom(result: ActionResult, fallback: number) {
  const n = Number(result?.initialValue?.rows);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
