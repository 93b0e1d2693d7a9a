import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { productImageSizes, productImages, products, type DatabaseOrTransaction } from "@cs/db";
import { renderProductImageSizes } from "./image-sizes";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { checkImages, type UploadedFile } from "../shared/images";
import { isUuid } from "../shared/parse";
import { PRODUCT_IMAGE_TYPE, PRODUCT_IMAGE_WIDTHS } from "./image-widths";

/** A product keeps at most this many pictures (the first is the catalogue's). */
export const MAX_PRODUCT_IMAGES = 6;

export type ProductImageRef = { id: string; position: number };

/** The pictures of one product in their order, for the product master. */
export async function listProductImages(ctx: Ctx, productId: string): Promise<ProductImageRef[]> {
  authorize(ctx.actor, "product:manage");
  if (!isUuid(productId)) throw new NotFoundError("product");
  return ctx.db
    .select({ id: productImages.id, position: productImages.position })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position));
}

/** The first picture of each product of a page (one statement), for catalogue cards; absent = none. */
export async function primaryImages(db: DatabaseOrTransaction, productIds: string[]): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([productImages.productId], { productId: productImages.productId, id: productImages.id })
    .from(productImages)
    .where(inArray(productImages.productId, productIds))
    .orderBy(productImages.productId, asc(productImages.position));
  return new Map(rows.map((r) => [r.productId, r.id]));
}

async function decode(bytes: Uint8Array) {
  try {
    return await renderProductImageSizes(bytes);
  } catch {
    // Right magic bytes, but not a picture that decodes (truncated, corrupt or too many pixels).
    throw new ValidationError({ image: ["service.validation.fileType"] }, "service.validation.fileType");
  }
}

/**
 * Adds a picture to a product, after its others: the type is what the bytes say (the repair
 * photos' check), at most 5 MB, at most MAX_PRODUCT_IMAGES a product. The sizes are made before the
 * transaction (the slow part holds no lock); the row, its sizes and the audit commit together. Once
 * per `_key`.
 */
export async function addProductImage(ctx: Ctx, productId: string, raw: unknown, files: UploadedFile[]): Promise<ProductImageRef> {
  authorize(ctx.actor, "product:manage");
  if (!isUuid(productId)) throw new NotFoundError("product");
  const [file] = checkImages(files, "image", 1);
  if (!file) throw new ValidationError({ image: ["validation.required"] });
  const sizes = await decode(file.bytes);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), { productId, bytes: file.bytes.length, name: file.originalName }, async () => {
      // Locks the product row: two uploads at once take consecutive positions.
      const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
      if (!product) throw new NotFoundError("product");
      const [taken] = await tx
        .select({ n: sql<number>`count(*)::int`, next: sql<number>`coalesce(max(${productImages.position}) + 1, 0)::int` })
        .from(productImages)
        .where(eq(productImages.productId, productId));
      if ((taken?.n ?? 0) >= MAX_PRODUCT_IMAGES) throw new ConflictError("product.images.tooMany");
      const position = taken?.next ?? 0;
      const [image] = await tx
        .insert(productImages)
        .values({ productId, position, contentType: PRODUCT_IMAGE_TYPE, originalName: file.originalName, originalBytes: file.bytes.length, uploadedBy: ctx.actor.userId })
        .returning({ id: productImages.id });
      await tx.insert(productImageSizes).values(sizes.map((s) => ({ imageId: image!.id, ...s })));
      await recordAudit(tx, ctx.actor, {
        action: "product.image.add",
        entity: "product",
        entityId: productId,
        after: { imageId: image!.id, position, originalName: file.originalName, originalBytes: file.bytes.length, type: file.mime },
      });
      return { id: image!.id, position };
    });
    return result;
  });
}

/** Removes one picture of a product (its sizes go with it); audited. Removing one already gone is a no-op. */
export async function removeProductImage(ctx: Ctx, productId: string, imageId: string): Promise<void> {
  authorize(ctx.actor, "product:manage");
  if (!isUuid(productId) || !isUuid(imageId)) throw new NotFoundError("product");
  await inTransaction(ctx, async (tx) => {
    const [gone] = await tx
      .delete(productImages)
      .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
      .returning({ id: productImages.id, position: productImages.position, originalName: productImages.originalName });
    if (gone) await recordAudit(tx, ctx.actor, { action: "product.image.remove", entity: "product", entityId: productId, before: gone });
  });
}

/**
 * One size of a picture, for whoever may see its product: staff any product, partners products on
 * sale only (as the catalogue). Anything else, or a size we do not keep, is not found.
 */
export async function productImageSize(ctx: Ctx, imageId: string, width: number) {
  authorize(ctx.actor, "product:read");
  if (!isUuid(imageId) || !PRODUCT_IMAGE_WIDTHS.some((w) => w === width)) throw new NotFoundError("product");
  const [row] = await ctx.db
    .select({ bytes: productImageSizes.bytes, contentType: productImages.contentType, width: productImageSizes.width, height: productImageSizes.height })
    .from(productImageSizes)
    .innerJoin(productImages, eq(productImages.id, productImageSizes.imageId))
    .innerJoin(products, eq(products.id, productImages.productId))
    .where(and(eq(productImageSizes.imageId, imageId), eq(productImageSizes.width, width), ctx.actor.kind === "staff" ? undefined : eq(products.active, true)));
  if (!row) throw new NotFoundError("product");
  return row;
}
