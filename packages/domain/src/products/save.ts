import { eq } from "drizzle-orm";
import { z } from "zod";
import { productLines, products } from "@cs/db";
import { authorize } from "../access/authorize";
import { diffFields, recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { requiredText, uuidField } from "../validation";
import { checkboxField, requiredYuanToFen, strictNumber } from "../validation/fields";
import { taxCodeField, taxRateField } from "../validation/tax";

/** Units a product is counted in (product.units.* names them). */
export const productUnits = ["pcs", "box", "set", "each"] as const;

const months = (min: number) =>
  strictNumber(z.number({ error: "validation.integer" }).int({ error: "validation.integer" }).min(min, { error: "validation.range" }).max(120, { error: "validation.range" }));

export const productInput = z.object({
  sku: requiredText(40).pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: "product.errors.sku" }).transform((v) => v.toUpperCase())),
  nameZh: requiredText(200),
  nameEn: requiredText(200),
  productLineId: uuidField,
  unit: z.enum(productUnits, { error: "validation.invalid" }),
  listPrice: requiredYuanToFen,
  cost: requiredYuanToFen,
  serialized: checkboxField,
  warrantyMonths: months(0),
  extendedWarrantyMonths: z.preprocess((v) => (v === "" || v === null ? undefined : v), months(1).optional()),
  active: checkboxField,
  // tax (docs/decisions/034): what invoices of the product carry
  taxCode: taxCodeField,
  taxRate: taxRateField,
});
export type ProductInput = z.output<typeof productInput>;

/** One product as the product master edits it. */
export async function getProduct(ctx: Ctx, id: string) {
  authorize(ctx.actor, "product:manage");
  if (!isUuid(id)) throw new NotFoundError("product");
  const [row] = await ctx.db.select().from(products).where(eq(products.id, id));
  if (!row) throw new NotFoundError("product");
  return row;
}

/**
 * Creates (id undefined) or edits a product: SKU unique, names in both languages, its product line,
 * prices in fen; retiring is `active` off (orders and stock keep their history). Audited with the
 * changed fields; a repeated create with the same `_key` returns the first product.
 */
export async function saveProduct(ctx: Ctx, id: string | undefined, raw: unknown): Promise<{ id: string }> {
  authorize(ctx.actor, "product:manage");
  const input = parseInput(productInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const [line] = await tx.select({ id: productLines.id }).from(productLines).where(eq(productLines.id, input.productLineId));
    if (!line) throw new ValidationError({ productLineId: ["validation.invalid"] });
    const values = {
      sku: input.sku,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      productLineId: input.productLineId,
      unit: input.unit,
      listPriceFen: input.listPrice,
      costFen: input.cost,
      serialized: input.serialized,
      warrantyMonths: input.warrantyMonths,
      extendedWarrantyMonths: input.extendedWarrantyMonths ?? null,
      active: input.active,
      // tax
      taxCode: input.taxCode ?? null,
      taxRateBp: input.taxRate,
    };
    const skuFree = async () => {
      const [taken] = await tx.select({ id: products.id }).from(products).where(eq(products.sku, values.sku));
      if (taken && taken.id !== id) throw new ConflictError("product.errors.skuTaken");
    };
    if (id) {
      const product = await getProduct(tctx, id);
      await skuFree();
      const diff = diffFields(product as Record<string, unknown>, values);
      if (!diff.changed) return { id };
      await tx.update(products).set(values).where(eq(products.id, product.id));
      await recordAudit(tx, ctx.actor, { action: "product.update", entity: "product", entityId: id, before: diff.before, after: diff.after });
      return { id };
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), values, async () => {
      await skuFree();
      const [row] = await tx.insert(products).values(values).returning({ id: products.id });
      await recordAudit(tx, ctx.actor, { action: "product.create", entity: "product", entityId: row!.id, after: values });
      return { id: row!.id };
    });
    return result;
  });
}
