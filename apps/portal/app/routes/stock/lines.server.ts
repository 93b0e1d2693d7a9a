import { data } from "react-router";
import { actionError } from "@cs/web/server";
import { DEFAULT_ROWS, MAX_ROWS } from "./lines";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v.trim() : "";
};

/** Optional text fields: an empty input means "not given", which the domain schemas spell undefined. */
export function optional(form: FormData, name: string) {
  return text(form, name) || undefined;
}

/** How many line rows the form showed (posted back so a re-rendered form keeps them). */
export function rowsOf(form: FormData) {
  const n = Number(form.get("rows"));
  return Number.isInteger(n) && n >= DEFAULT_ROWS && n <= MAX_ROWS ? n : DEFAULT_ROWS;
}

/**
 * The filled line rows of a `lines.N.sku / lines.N.quantity / lines.N.serials` form, compacted for
 * the domain, plus where each came from: the domain numbers its errors by compacted line, the form
 * by row, and blank rows in between must not shift an error onto the wrong row.
 */
export function readLines(form: FormData, withSerials: boolean) {
  const lines: { sku: string; quantity: string; serials: string[] }[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < rowsOf(form); row++) {
    const sku = text(form, `lines.${row}.sku`);
    const quantity = text(form, `lines.${row}.quantity`);
    const serials = withSerials ? text(form, `lines.${row}.serials`).split(/[\s,，]+/).filter(Boolean) : [];
    if (!sku && !quantity && serials.length === 0) continue;
    lines.push({ sku, quantity, serials });
    rowOf.push(row);
  }
  return { lines, rowOf };
}

/** actionError, with `lines.<i>.field` keys moved back to the row the user typed them in. */
export function linesActionError(error: unknown, form: FormData, rowOf: number[]) {
  const response = actionError(error, form);
  const error_ = response.data.error;
  const moved: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(error_)) {
    const m = /^lines\.(\d+)\.(.+)$/.exec(key);
    moved[m ? `lines.${rowOf[Number(m[1])] ?? m[1]}.${m[2]}` : key] = messages;
  }
  response.data.error = moved;
  return response;
}

/** "Add 5 lines" without JavaScript: the form comes back as typed, with more empty rows. */
export function moreRowsReply(form: FormData) {
  const initialValue = Object.fromEntries([...form.entries()].filter(([k, v]) => typeof v === "string" && !k.startsWith("_")));
  return data({ status: "error" as const, error: {}, initialValue: { ...initialValue, rows: String(Math.min(rowsOf(form) + 5, MAX_ROWS)) } });
}
