import { and, asc, between, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { invoiceLines, invoices, orders, organizations, products } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { addDays } from "../shared/dates";
import { ValidationError } from "../shared/errors";
import { parseInput } from "../shared/parse";
import { isValidCreditCode } from "../validation/credit-code";
import { requiredDateField } from "../validation/fields";
import { invoiceScope } from "./finance-queries";

export const einvoiceExportInput = z.object({ from: requiredDateField, to: requiredDateField });

/** At most a quarter per file, and so many invoices, so one download never reads the whole ledger. */
const MAX_DAYS = 92;
const MAX_INVOICES = 5_000;

export type EinvoiceLine = { name: string; taxCode: string; sku: string; unit: string; quantity: number; unitPriceFen: bigint; grossFen: bigint; taxFen: bigint; taxRateBp: number };
export type EinvoiceInvoice = { number: string; issuedOn: string; buyerName: string; buyerTaxId: string; orderNumber: string | null; totalFen: bigint; lines: EinvoiceLine[] };
export type EinvoiceBatch = { from: string; to: string; invoices: EinvoiceInvoice[] };

/**
 * The issued (blue) invoices of a period as the 数电票 batch-issue template needs them
 * (docs/decisions/034): buyer name and unified social credit code as they were when issued, and
 * per line the product's tax classification code, the tax-inclusive amount and the rate the line
 * was invoiced at. Refused, naming what to fix, when a product has no code or a buyer no valid
 * credit code: the tax platform would reject those rows anyway. Credit notes are not exported:
 * they go through red-letter confirmations.
 */
export async function issuedInvoicesForEinvoicing(ctx: Ctx, raw: unknown): Promise<EinvoiceBatch> {
  authorize(ctx.actor, "invoice:read");
  const { from, to } = parseInput(einvoiceExportInput, raw);
  if (to < from || addDays(from, MAX_DAYS) < to) throw new ValidationError({ form: ["invoicing.errors.exportRange"] }, "invoicing.errors.exportRange", { days: String(MAX_DAYS) });
  const heads = await ctx.db
    .select({
      id: invoices.id,
      number: invoices.number,
      issuedOn: invoices.issuedOn,
      buyerName: invoices.buyerName,
      buyerTaxId: invoices.buyerTaxId,
      partnerName: organizations.name,
      partnerTaxId: organizations.taxId,
      orderNumber: orders.number,
      totalFen: invoices.totalFen,
    })
    .from(invoices)
    .innerJoin(organizations, eq(organizations.id, invoices.organizationId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .where(and(eq(invoices.kind, "invoice"), between(invoices.issuedOn, from, to), invoiceScope(ctx.actor)))
    .orderBy(asc(invoices.issuedOn), asc(invoices.number))
    .limit(MAX_INVOICES + 1);
  if (heads.length > MAX_INVOICES) throw new ValidationError({ form: ["invoicing.errors.exportTooMany"] }, "invoicing.errors.exportTooMany", { max: String(MAX_INVOICES) });
  const lines = heads.length
    ? await ctx.db
        .select({
          invoiceId: invoiceLines.invoiceId,
          name: products.nameZh,
          taxCode: products.taxCode,
          sku: products.sku,
          unit: products.unit,
          quantity: invoiceLines.quantity,
          unitPriceFen: invoiceLines.unitPriceFen,
          grossFen: invoiceLines.grossFen,
          taxFen: invoiceLines.taxFen,
          taxRateBp: invoiceLines.taxRateBp,
        })
        .from(invoiceLines)
        .innerJoin(products, eq(products.id, invoiceLines.productId))
        .where(inArray(invoiceLines.invoiceId, heads.map((h) => h.id)))
        .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.id))
    : [];

  const unclassified = new Set<string>();
  const noCode: string[] = [];
  const byInvoice = new Map<string, EinvoiceLine[]>();
  for (const { invoiceId, taxCode, ...l } of lines) {
    if (!taxCode) unclassified.add(l.sku);
    byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), { ...l, taxCode: taxCode ?? "" }]);
  }
  const batch = heads.map((h) => {
    // invoices issued before buyers were copied onto them take the partner as it is now
    const buyerTaxId = h.buyerTaxId ?? h.partnerTaxId ?? "";
    if (!isValidCreditCode(buyerTaxId)) noCode.push(h.number);
    return { number: h.number, issuedOn: h.issuedOn, buyerName: h.buyerName ?? h.partnerName, buyerTaxId, orderNumber: h.orderNumber, totalFen: h.totalFen, lines: byInvoice.get(h.id) ?? [] };
  });
  if (unclassified.size)
    throw new ValidationError({ form: ["invoicing.errors.exportUnclassified"] }, "invoicing.errors.exportUnclassified", { skus: [...unclassified].sort().slice(0, 20).join("、") });
  if (noCode.length) throw new ValidationError({ form: ["invoicing.errors.exportBuyerCode"] }, "invoicing.errors.exportBuyerCode", { numbers: noCode.slice(0, 20).join("、") });
  return { from, to, invoices: batch };
}
