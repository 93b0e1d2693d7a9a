import { redirect } from "react-router";
import {
  approveIssue,
  approveStocktake,
  cancelTransfer,
  decideCallOff,
  emptyRecord,
  enterCounts,
  postReceipt,
  postStocktake,
  receiveTransfer,
  rejectIssue,
  shipCallOff,
  shipTransfer,
  ValidationError,
  type Ctx,
} from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";
import { readCountSheet } from "./counts-upload.server";
import { hasKey } from "@cs/domain/shared/keys";

/**
 * `prefix.<i>.<field>` form fields as rows, in index order (every row of a document is rendered).
 * `fields` come from readForm, which refuses `__proto__` and its kin with a 400.
 */
function rowsOf(fields: Record<string, string>, prefix: string): { index: number; v: Partial<Record<string, string>> }[] {
  const rows: Record<string, string>[] = [];
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,5})\\.(\\w+)$`);
  for (const [name, value] of Object.entries(fields)) {
    const m = pattern.exec(name);
    if (m) (rows[Number(m[1])] ??= emptyRecord<string>())[m[2]!] = value;
  }
  // map skips the holes of a sparse array, and filter drops them.
  return rows.map((v, index) => ({ index, v })).filter(Boolean);
}

const words = (text: string | undefined) => (text ?? "").split(/[\s,，;]+/).filter(Boolean);

/** Domain errors name rows by their index in what was sent; the page names them by its own rows. */
function renumber(error: unknown, prefix: string, target: string, indexOf: (sent: number) => number) {
  if (!(error instanceof ValidationError)) return error;
  const fields: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const m = new RegExp(`^${prefix}\\.(\\d+)\\.(.+)$`).exec(key);
    fields[m ? `${target}.${indexOf(Number(m[1]))}.${m[2]}` : key] = messages;
  }
  return new ValidationError(fields, error.code);
}

/** Runs the action a detail-page form asked for (`intent`) and redirects with what happened. */
export async function runDocumentAction(ctx: Ctx, id: string, form: FormData) {
  const intent = String(form.get("intent") ?? "");
  // Every intent refuses a hostile field name, whether or not it reads rows.
  const fields = readForm(form);
  const back = (done: string) => redirect(`/stock/documents/${id}?done=${encodeURIComponent(done)}`);
  try {
    switch (intent) {
      case "post": {
        const lines = rowsOf(fields, "lines").map(({ v }) => ({ lineId: v.lineId, quantity: v.quantity || "0", serials: words(v.serials) }));
        await postReceipt(ctx, id, { lines, _key: form.get("_key") });
        return back("posted");
      }
      case "ship": {
        const serials = emptyRecord<string[]>();
        for (const [name, value] of Object.entries(fields)) if (name.startsWith("serials.")) serials[name.slice(8)] = words(value);
        return back((await shipTransfer(ctx, id, { serials })).status);
      }
      case "receive": {
        const lines = rowsOf(fields, "lines").map(({ v }) => ({ lineId: v.lineId, quantity: v.quantity || "0" }));
        return back((await receiveTransfer(ctx, id, { lines, close: form.get("close"), note: form.get("note") || undefined, _key: form.get("_key") })).status);
      }
      case "cancel":
        return back((await cancelTransfer(ctx, id)).status);
      case "approveIssue":
        await approveIssue(ctx, id);
        return back("approved");
      case "rejectIssue":
        return back((await rejectIssue(ctx, id, { comment: form.get("comment") })).status);
      case "approveCallOff":
      case "rejectCallOff":
        return back((await decideCallOff(ctx, id, { decision: intent === "approveCallOff" ? "approve" : "reject", comment: form.get("comment") || undefined })).status);
      case "shipCallOff":
        return back((await shipCallOff(ctx, id)).status);
      case "counts":
        return await saveCounts(ctx, id, form, fields);
      case "upload":
        return await uploadCounts(ctx, id, form);
      case "postStocktake":
        return back((await postStocktake(ctx, id)).status);
      case "approveStocktake":
        await approveStocktake(ctx, id);
        return back("approved");
      default:
        return actionError(new ValidationError({ form: ["errors.validation"] }), form);
    }
  } catch (error) {
    return actionError(error, form);
  }
}

/** Only the lines with a number are sent: a blank is "not counted yet", never a count of 0. */
async function saveCounts(ctx: Ctx, id: string, form: FormData, fields: Record<string, string>) {
  const sent = rowsOf(fields, "counts").filter(({ v }) => (v.counted ?? "").trim() !== "");
  if (sent.length === 0) return actionError(new ValidationError({ form: ["stock.validation.noLines"] }), form);
  try {
    await enterCounts(ctx, id, { counts: sent.map(({ v }) => ({ sku: v.sku, counted: v.counted })) });
  } catch (error) {
    throw renumber(error, "counts", "counts", (i) => sent[i]?.index ?? i);
  }
  return redirect(`/stock/documents/${id}?done=counted`);
}

/** A sheet either imports whole or not at all; errors name the sheet's own row numbers. */
async function uploadCounts(ctx: Ctx, id: string, form: FormData) {
  const sheet = await readCountSheet(form.get("file"));
  if (hasKey(sheet, "error")) return actionError(new ValidationError({ upload: [sheet.error] }), form);
  try {
    await enterCounts(ctx, id, { counts: sheet.rows.map((r) => ({ sku: r.sku, counted: r.counted })) });
  } catch (error) {
    // RowErrors shows index + 1, so index = sheet row − 1.
    throw renumber(error, "counts", "upload", (i) => (sheet.rows[i]?.row ?? i + 1) - 1);
  }
  return redirect(`/stock/documents/${id}?done=counted`);
}
