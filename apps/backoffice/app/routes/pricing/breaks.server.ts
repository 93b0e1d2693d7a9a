import { ValidationError } from "@cs/domain";
import { BREAK_ROWS } from "./breaks";

/**
 * The breaks of the "set product prices" form: rows left empty are dropped, and field errors the
 * domain reports by position among the filled rows are mapped back to the row the user typed in.
 */
export function readBreaks(form: FormData) {
  const filled: number[] = [];
  const breaks: { minQuantity: string; price: string }[] = [];
  for (let i = 0; i < BREAK_ROWS; i++) {
    const minQuantity = String(form.get(`breaks.${i}.minQuantity`) ?? "").trim();
    const price = String(form.get(`breaks.${i}.price`) ?? "").trim();
    if (!minQuantity && !price) continue;
    filled.push(i);
    breaks.push({ minQuantity, price });
  }
  const remap = (error: unknown) => {
    if (!(error instanceof ValidationError)) return error;
    const fields: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(error.fieldErrors)) {
      const m = /^breaks\.(\d+)\.(.+)$/.exec(key);
      fields[m ? `breaks.${filled[Number(m[1])] ?? m[1]}.${m[2]}` : key] = messages;
    }
    return new ValidationError(fields, error.code);
  };
  return { input: { sku: String(form.get("sku") ?? ""), breaks }, remap };
}
