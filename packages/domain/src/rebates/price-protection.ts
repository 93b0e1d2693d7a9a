import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, priceProtectionLines, priceProtections, products, rebateStatementLines, rebateStatements, type PriceProtection, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { shanghaiToday, yearOf } from "../shared/dates";
import { moneyField } from "../validation/fields";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { nextDocumentNumber } from "../shared/document-number";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { partnerStockOnDate } from "./price-protection-stock";
import { strictNumber } from "../validation/fields";

export const priceProtectionInput = z.object({
  product: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  effectiveDate: z.iso.date({ error: "validation.date" }),
  oldPrice: moneyField,
  newPrice: moneyField,
  note: z.string().trim().max(500, "validation.tooLong").optional(),
});

const versionInput = z.object({ id: z.string(), version: strictNumber(z.number().int().optional()) });

/** Product by id or SKU (the form types a SKU). */
async function findProduct(tx: Transaction, ref: string) {
  const [row] = await tx
    .select({ id: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn })
    .from(products)
    .where(isUuid(ref) ? eq(products.id, ref) : eq(sql`upper(${products.sku})`, ref.toUpperCase()));
  return row;
}

/** The lines: each partner's stock on the date × the unit credit. Replaces any earlier lines (draft only). */
async function computeLines(tx: Transaction, p: Pick<PriceProtection, "id" | "productId" | "effectiveDate" | "oldPriceFen" | "newPriceFen">) {
  await tx.delete(priceProtectionLines).where(eq(priceProtectionLines.priceProtectionId, p.id));
  const stock = await partnerStockOnDate(tx, p.productId, p.effectiveDate);
  const unitCreditFen = p.oldPriceFen - p.newPriceFen;
  if (stock.length)
    await tx.insert(priceProtectionLines).values(stock.map((s) => ({ priceProtectionId: p.id, organizationId: s.organizationId, quantity: s.quantity, unitCreditFen, amountFen: unitCreditFen * BigInt(s.quantity) })));
  return { partners: stock.length, totalFen: stock.reduce((sum, s) => sum + unitCreditFen * BigInt(s.quantity), 0n) };
}

/**
 * Finance records a partner price drop (rebate:manage); the lines are computed at once from the
 * inventory ledger and saved as a draft to review. Once per form key.
 */
export async function createPriceProtection(ctx: Ctx, raw: unknown): Promise<{ id: string; number: string }> {
  authorize(ctx.actor, "rebate:manage");
  const input = parseInput(priceProtectionInput, raw);
  const errors: Record<string, string[]> = {};
  if (input.newPrice >= input.oldPrice) errors.newPrice = ["priceProtection.errors.priceNotLower"];
  if (input.effectiveDate > shanghaiToday()) errors.effectiveDate = ["priceProtection.errors.futureDate"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const product = await findProduct(tx, input.product);
      if (!product) throw new ValidationError({ product: ["priceProtection.errors.productUnknown"] });
      const number = await nextDocumentNumber(tx, "PP", yearOf(shanghaiToday()));
      const [created] = await tx
        .insert(priceProtections)
        .values({ number, productId: product.id, effectiveDate: input.effectiveDate, oldPriceFen: input.oldPrice, newPriceFen: input.newPrice, note: input.note || null, createdBy: ctx.actor.userId })
        .returning();
      const computed = await computeLines(tx, created!);
      await recordAudit(tx, ctx.actor, {
        action: "price_protection.create",
        entity: "price_protection",
        entityId: created!.id,
        after: { number, sku: product.sku, effectiveDate: input.effectiveDate, oldPriceFen: input.oldPrice, newPriceFen: input.newPrice, ...computed },
      });
      return { id: created!.id, number };
    });
    return result;
  });
}

async function lockProtection(tx: Transaction, id: string, version: number | undefined) {
  if (!isUuid(id)) throw new NotFoundError("price_protection");
  const [row] = await tx.select().from(priceProtections).where(eq(priceProtections.id, id)).for("update");
  if (!row) throw new NotFoundError("price_protection");
  if (version !== undefined && version !== row.version) throw new ConflictError("errors.staleEdit");
  return row;
}

/** Reads the ledger again (moves posted late for the date): draft only. */
export async function recomputePriceProtection(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "rebate:manage");
  const input = parseInput(versionInput, raw);
  return inTransaction(ctx, async (tx) => {
    const p = await lockProtection(tx, input.id, input.version);
    if (p.status !== "draft") throw new ConflictError("priceProtection.errors.notDraft");
    const computed = await computeLines(tx, p);
    await tx.update(priceProtections).set({ version: sql`${priceProtections.version} + 1`, updatedAt: new Date() }).where(eq(priceProtections.id, p.id));
    await recordAudit(tx, ctx.actor, { action: "price_protection.recompute", entity: "price_protection", entityId: p.id, after: computed });
    return computed;
  });
}

/**
 * Approval (rebate:approve) freezes the protection and issues one `price_protection` statement per
 * partner, already approved, with one explained line; publishing and settling them is the same
 * flow as rebate statements. Approving twice is a conflict.
 */
export async function approvePriceProtection(ctx: Ctx, raw: unknown): Promise<{ statements: number }> {
  authorize(ctx.actor, "rebate:approve");
  const input = parseInput(versionInput, raw);
  return inTransaction(ctx, async (tx) => {
    const p = await lockProtection(tx, input.id, input.version);
    if (p.status === "approved") throw new ConflictError("priceProtection.errors.alreadyApproved");
    if (p.status !== "draft") throw new ConflictError("priceProtection.errors.notDraft");
    const lines = await tx
      .select({ line: priceProtectionLines, ownerBranchId: organizations.ownerBranchId })
      .from(priceProtectionLines)
      .innerJoin(organizations, eq(organizations.id, priceProtectionLines.organizationId))
      .where(eq(priceProtectionLines.priceProtectionId, p.id))
      .orderBy(organizations.code);
    if (lines.length === 0) throw new ConflictError("priceProtection.errors.nothingToApprove");
    const [product] = await tx.select({ sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn }).from(products).where(eq(products.id, p.productId));
    const now = new Date();
    const year = yearOf(shanghaiToday());
    for (const { line, ownerBranchId } of lines) {
      const number = await nextDocumentNumber(tx, "PPS", year);
      const [statement] = await tx
        .insert(rebateStatements)
        .values({
          number,
          kind: "price_protection",
          priceProtectionId: p.id,
          organizationId: line.organizationId,
          ownerBranchId,
          periodStart: p.effectiveDate,
          periodEnd: p.effectiveDate,
          status: "approved",
          basisFen: p.oldPriceFen * BigInt(line.quantity),
          calculatedFen: line.amountFen,
          amountFen: line.amountFen,
          approvedBy: ctx.actor.userId,
          approvedAt: now,
        })
        .returning({ id: rebateStatements.id });
      await tx.insert(rebateStatementLines).values({
        statementId: statement!.id,
        lineNo: 1,
        kind: "price_protection",
        amountFen: line.amountFen,
        params: { sku: product!.sku, nameZh: product!.nameZh, nameEn: product!.nameEn, quantity: line.quantity, unitCreditFen: String(line.unitCreditFen), oldPriceFen: String(p.oldPriceFen), newPriceFen: String(p.newPriceFen), effectiveDate: p.effectiveDate },
      });
    }
    await tx
      .update(priceProtections)
      .set({ status: "approved", approvedBy: ctx.actor.userId, approvedAt: now, updatedAt: now, version: sql`${priceProtections.version} + 1` })
      .where(and(eq(priceProtections.id, p.id), eq(priceProtections.status, "draft")));
    await recordAudit(tx, ctx.actor, { action: "price_protection.approve", entity: "price_protection", entityId: p.id, before: { status: p.status }, after: { status: "approved", statements: lines.length } });
    return { statements: lines.length };
  });
}
