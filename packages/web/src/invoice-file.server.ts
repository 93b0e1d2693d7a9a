import type { RouterContextProvider } from "react-router";
import type { getInvoice } from "@cs/domain";
import { invoiceFile } from "@cs/domain/billing/statement-files";
import { localName } from "@cs/i18n";
import { getInstance } from "@cs/i18n/server";
import { fileResponse } from "./exports.server";

/** An invoice the reader may open (getInvoice scoped it), as a PDF download in the reader's language. */
export async function invoiceDownload(context: Readonly<RouterContextProvider>, detail: Awaited<ReturnType<typeof getInvoice>>) {
  const i18n = getInstance(context);
  const zh = i18n.language === "zh-CN";
  return fileResponse(await invoiceFile(detail, i18n.t, (line) => localName(zh, line.nameZh, line.nameEn) ?? line.sku));
}
