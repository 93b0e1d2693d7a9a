import { eq, inArray } from "drizzle-orm";
import { invoiceLines, invoices, organizations, products, type Order, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { addInvoiceStats } from "../channel/stats";
import { allocateOrderPrepayments } from "../rebates/balance-checkout";
import { recordAudit } from "../shared/audit";
import { nextDocumentNumber } from "../shared/document-number";
import { addDays, shanghaiToday, yearOf } from "../shared/dates";
import { splitVat } from "./vat";

/** `costFen`: the cost of goods of the line (shipped, or credited back), null where it is not ours to know. */
export type InvoiceLineInput = { orderLineId: string | null; productId: string; quantity: number; unitPriceFen: bigint; costFen?: bigint | null };

/** A line with the VAT rate it is invoiced at (basis points): the product's, or its original line's on a credit note. */
export type RatedInvoiceLine = InvoiceLineInput & { taxRateBp: number };

/**
 * Each line's VAT is rounded on its own at its own rate; the invoice totals are the sums of the
 * rounded lines. A line with a cost carries its margin: net (without VAT) − cost.
 */
export function priceInvoiceLines(lines: readonly RatedInvoiceLine[]) {
  const priced = lines.map((l) => {
    const grossFen = l.unitPriceFen * BigInt(l.quantity);
    const { netFen, taxFen } = splitVat(grossFen, l.taxRateBp);
    const costFen = l.costFen ?? null;
    return { ...l, grossFen, netFen, taxFen, costFen, marginFen: costFen === null ? null : netFen - costFen };
  });
  const sum = (f: (l: (typeof priced)[number]) => bigint) => priced.reduce((s, l) => s + f(l), 0n);
  return { lines: priced, netFen: sum((l) => l.netFen), taxFen: sum((l) => l.taxFen), totalFen: sum((l) => l.grossFen) };
}

/** Each line at its product's VAT rate as the product master has it now, when the invoice is issued. */
async function rateByProduct(tx: Transaction, lines: readonly InvoiceLineInput[]): Promise<RatedInvoiceLine[]> {
  const ids = [...new Set(lines.map((l) => l.productId))];
  const rows = ids.length ? await tx.select({ id: products.id, rate: products.taxRateBp }).from(products).where(inArray(products.id, ids)) : [];
  const rates = new Map(rows.map((r) => [r.id, r.rate]));
  return lines.map((l) => {
    const taxRateBp = rates.get(l.productId);
    if (taxRateBp === undefined) throw new Error(`no product ${l.productId}`);
    return { ...l, taxRateBp };
  });
}

/**
 * The invoice for one shipment, in the shipment's transaction: a gap-free INV- number, issued today
 * (Asia/Shanghai) and due after the buyer's payment terms. Each line takes its product's VAT rate;
 * the buyer's name and unified social credit code are copied as the tax platform will receive them.
 */
export async function issueShipmentInvoice(
  tx: Transaction,
  actor: Actor,
  input: { order: Pick<Order, "id" | "organizationId" | "ownerBranchId" | "rebateAppliedFen" | "couponDiscountFen">; shipmentId: string; lines: InvoiceLineInput[] },
) {
  const [buyer] = await tx
    .select({ paymentTermsDays: organizations.paymentTermsDays, name: organizations.name, taxId: organizations.taxId })
    .from(organizations)
    .where(eq(organizations.id, input.order.organizationId));
  const issuedOn = shanghaiToday();
  const priced = priceInvoiceLines(await rateByProduct(tx, input.lines));
  const number = await nextDocumentNumber(tx, "INV", yearOf(issuedOn));
  const [invoice] = await tx
    .insert(invoices)
    .values({
      kind: "invoice",
      number,
      organizationId: input.order.organizationId,
      ownerBranchId: input.order.ownerBranchId,
      orderId: input.order.id,
      shipmentId: input.shipmentId,
      issuedOn,
      dueOn: addDays(issuedOn, buyer?.paymentTermsDays ?? 0),
      netFen: priced.netFen,
      taxFen: priced.taxFen,
      totalFen: priced.totalFen,
      buyerName: buyer?.name ?? null,
      buyerTaxId: buyer?.taxId ?? null,
      createdBy: actor.userId,
    })
    .returning();
  await tx.insert(invoiceLines).values(
    priced.lines.map((l) => ({
      invoiceId: invoice!.id,
      orderLineId: l.orderLineId,
      productId: l.productId,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      grossFen: l.grossFen,
      netFen: l.netFen,
      taxFen: l.taxFen,
      taxRateBp: l.taxRateBp,
      costFen: l.costFen,
      marginFen: l.marginFen,
    })),
  );
  await addInvoiceStats(tx, invoice!.id);
  // the parts of the order a coupon took off and the rebate balance paid at checkout settle this invoice first
  await allocateOrderPrepayments(tx, actor, input.order, invoice!);
  await recordAudit(tx, actor, {
    action: "invoice.issue",
    entity: "invoice",
    entityId: invoice!.id,
    after: { number, totalFen: priced.totalFen, taxFen: priced.taxFen, dueOn: invoice!.dueOn },
  });
  return invoice!;
}
