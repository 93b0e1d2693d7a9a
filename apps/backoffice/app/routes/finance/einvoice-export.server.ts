import { issuedInvoicesForEinvoicing } from "@cs/domain/billing/einvoice-export";
import { einvoiceFile } from "@cs/domain/billing/einvoice-xlsx";
import type { Ctx } from "@cs/domain";
import { fileResponse } from "@cs/web/server";

/** The 数电票 batch workbook for the period the form asked for, as a download (exceljs stays on the server). */
export async function einvoiceDownload(ctx: Ctx, fields: Record<string, string>, company: string) {
  return fileResponse(await einvoiceFile(await issuedInvoicesForEinvoicing(ctx, fields), company));
}
