import { sql } from "drizzle-orm";
import { products } from "@cs/db";
import type { Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { addLinesToCart } from "./add";
import { requireBuyer } from "./buyer";
import {
  checkQuickOrderRows,
  tooManyQuickOrderRows,
  type QuickOrderLine,
  type QuickOrderRow,
} from "./quick-order-parse";

export type QuickOrderPreview = {
  lines: (QuickOrderLine & {
    productId: string | null;
    nameZh: string | null;
    nameEn: string | null;
  })[];
  ok: boolean;
};

/** Every row checked, SKUs looked up in one query (case-insensitively); nothing is written. */
export async function previewQuickOrder(
  ctx: Ctx,
  rows: QuickOrderRow[],
): Promise<QuickOrderPreview> {
  requireBuyer(ctx);
  if (rows.length === 0)
    throw new ValidationError({ lines: ["catalog.errors.empty"] });
  if (tooManyQuickOrderRows(rows))
    throw new ValidationError({ lines: ["catalog.errors.tooManyLines"] });
  const checked = checkQuickOrderRows(rows);
  const skus = [...new Set(checked.filter((l) => !l.error).map((l) => l.sku))];
  const found = skus.length
    ? await ctx.db
        .select({
          id: products.id,
          sku: products.sku,
          nameZh: products.nameZh,
          nameEn: products.nameEn,
          active: products.active,
        })
        .from(products)
        .where(
          sql`upper(${products.sku}) = any(${`{${skus.map((s) => `"${s.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[])`,
        )
    : [];
  const bySku = new Map(found.map((p) => [p.sku.toUpperCase(), p]));
  const lines = checked.map((l) => {
    const product = l.error ? undefined : bySku.get(l.sku);
    const error =
      l.error ??
      (!product
        ? "catalog.quickOrder.errors.unknownSku"
        : !product.active
          ? "catalog.quickOrder.errors.inactiveSku"
          : null);
    return {
      ...l,
      sku: product?.sku ?? l.sku,
      error,
      productId: product?.id ?? null,
      nameZh: product?.nameZh ?? null,
      nameEn: product?.nameEn ?? null,
    };
  });
  return { lines, ok: lines.every((l) => !l.error) };
}

/**
 * Puts a quick order into the cart only when every row is good; otherwise throws a
 * ValidationError with one message per bad row (`rows.<row>`) and adds nothing. Rows of the same
 * SKU are added as one line with their quantities summed.
 */
export async function quickOrderToCart(
  ctx: Ctx,
  rows: QuickOrderRow[],
  key: string | undefined,
): Promise<{ added: number; preview: QuickOrderPreview }> {
  const preview = await previewQuickOrder(ctx, rows);
  if (!preview.ok) {
    const errors: Record<string, string[]> = {};
    for (const l of preview.lines)
      if (l.error) errors[`rows.${l.row}`] = [l.error];
    throw new ValidationError(errors, "catalog.quickOrder.errors.fixRows");
  }
  const { added } = await addLinesToCart(
    ctx,
    preview.lines.map((l) => ({
      productId: l.productId!,
      quantity: l.quantity!,
    })),
    key,
  );
  return { added, preview };
}
