import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { productImageSizes, productImages, products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { browseCatalog, catalogQuery } from "../catalog/browse";
import { getCatalogProduct } from "../catalog/product";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../shared/errors";
import type { Ctx } from "../shared/context";
import { MAX_UPLOAD_BYTES } from "../shared/images";
import { auditOf, ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { addProductImage, listProductImages, MAX_PRODUCT_IMAGES, productImageSize, removeProductImage } from "./images";
import { PRODUCT_IMAGE_WIDTHS } from "./image-widths";

let db: Database;
let manager: Ctx;
let productId: string;

/** A real picture: 800×400 PNG, so the square sizes must pad it, not crop it. */
const png = async () => new Uint8Array(await sharp({ create: { width: 800, height: 400, channels: 3, background: "#2563eb" } }).png().toBuffer());
const file = (bytes: Uint8Array, name = "nb.png") => [{ name, bytes }];

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  manager = await ctxOf(db, "manager@demo.cn");
  // an active product the seed left without a picture
  const [p] = await db.select({ id: products.id }).from(products).where(eq(products.sku, "NB-T14-I5-32"));
  productId = p!.id;
});

describe("product pictures", () => {
  it("stores every size of an upload as square WebP after the product's others, audited, once per key", async () => {
    const raw = { _key: newKey() };
    const first = await addProductImage(manager, productId, raw, file(await png()));
    expect(first.position).toBe(0);
    const sizes = await db.select().from(productImageSizes).where(eq(productImageSizes.imageId, first.id));
    expect(sizes.map((s) => s.width).sort((a, b) => a - b)).toEqual([...PRODUCT_IMAGE_WIDTHS]);
    for (const s of sizes) {
      const meta = await sharp(s.bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: "webp", width: s.width, height: s.width });
    }
    expect((await auditOf(db, productId)).map((a) => a.action)).toContain("product.image.add");
    // the same post again (a double click) adds nothing
    await expectUnchanged(db, async () => expect(await addProductImage(manager, productId, raw, file(await png()))).toEqual(first));
    const second = await addProductImage(manager, productId, { _key: newKey() }, file(await png(), "side.png"));
    expect(second.position).toBe(1);
    expect((await listProductImages(manager, productId)).map((i) => i.id)).toEqual([first.id, second.id]);
  });

  it("refuses a file whose bytes are not a picture, whatever its name, and one over the size limit, changing nothing", async () => {
    const svgNamedPng = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const refused = (bytes: Uint8Array, name: string) => addProductImage(manager, productId, { _key: newKey() }, file(bytes, name)).catch((e: unknown) => e);
    await expectUnchanged(db, async () => {
      const wrongType = await refused(svgNamedPng, "photo.png");
      expect(wrongType).toBeInstanceOf(ValidationError);
      expect((wrongType as ValidationError).fieldErrors).toEqual({ image: ["service.validation.fileType"] });
      // PNG magic bytes, then nothing a decoder can read
      const truncated = (await png()).subarray(0, 40);
      expect(((await refused(truncated, "cut.png")) as ValidationError).fieldErrors).toEqual({ image: ["service.validation.fileType"] });
      const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
      big.set(await png());
      expect(((await refused(big, "big.png")) as ValidationError).fieldErrors).toEqual({ image: ["service.validation.fileTooLarge"] });
    });
  });

  it("refuses partners and staff without product:manage, and a product that does not exist", async () => {
    const bytes = await png();
    for (const login of ["dealer@demo.cn", "dealer2@demo.cn", "sales.bj@demo.cn"]) {
      const ctx = await ctxOf(db, login);
      await expectUnchanged(db, () => expect(addProductImage(ctx, productId, { _key: newKey() }, file(bytes))).rejects.toBeInstanceOf(ForbiddenError));
    }
    await expect(addProductImage(manager, "00000000-0000-4000-8000-000000000000", { _key: newKey() }, file(bytes))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps at most MAX_PRODUCT_IMAGES a product", async () => {
    const bytes = await png();
    const have = (await listProductImages(manager, productId)).length;
    for (let i = have; i < MAX_PRODUCT_IMAGES; i++) await addProductImage(manager, productId, { _key: newKey() }, file(bytes));
    await expectUnchanged(db, () => expect(addProductImage(manager, productId, { _key: newKey() }, file(bytes))).rejects.toBeInstanceOf(ConflictError));
    const [, ...extra] = await listProductImages(manager, productId);
    for (const image of extra.slice(1)) await removeProductImage(manager, productId, image.id);
    expect(await listProductImages(manager, productId)).toHaveLength(2);
  });

  it("shows a partner pictures of products on sale only; staff see a retired product's too; the catalogue names the first", async () => {
    const [image] = await listProductImages(manager, productId);
    const dealer = await ctxOf(db, "dealer@demo.cn");
    const served = await productImageSize(dealer, image!.id, 160);
    expect({ type: served.contentType, width: served.width }).toEqual({ type: "image/webp", width: 160 });
    await expect(productImageSize(dealer, image!.id, 161)).rejects.toBeInstanceOf(NotFoundError);
    const page = await browseCatalog(dealer, catalogQuery.parse({ q: "NB-T14-I5-32" }));
    expect(page.rows.find((r) => r.id === productId)?.imageId).toBe(image!.id);
    expect((await getCatalogProduct(dealer, productId)).imageIds[0]).toBe(image!.id);

    await db.update(products).set({ active: false }).where(eq(products.id, productId));
    try {
      await expect(productImageSize(dealer, image!.id, 320)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getCatalogProduct(dealer, productId)).rejects.toBeInstanceOf(NotFoundError);
      expect((await productImageSize(manager, image!.id, 320)).width).toBe(320);
    } finally {
      await db.update(products).set({ active: true }).where(eq(products.id, productId));
    }
    // an end customer reads no catalogue at all
    const customer = await ctxOf(db, "customer@demo.cn");
    await expect(productImageSize(customer, image!.id, 320)).rejects.toSatisfy((e) => e instanceof ForbiddenError || e instanceof NotFoundError);
  });

  it("removing a picture takes its sizes with it, audited", async () => {
    const [image] = await listProductImages(manager, productId);
    await removeProductImage(manager, productId, image!.id);
    expect(await db.select().from(productImageSizes).where(eq(productImageSizes.imageId, image!.id))).toEqual([]);
    expect(await db.select().from(productImages).where(eq(productImages.id, image!.id))).toEqual([]);
    expect((await auditOf(db, productId)).map((a) => a.action)).toContain("product.image.remove");
  });

  it("the seed pictures a few products and leaves the rest to the placeholder", async () => {
    const dealer = await ctxOf(db, "dealer@demo.cn");
    const page = await browseCatalog(dealer, catalogQuery.parse({}));
    const pictured = page.rows.filter((r) => r.imageId);
    expect(pictured.length).toBeGreaterThan(0);
    expect(pictured.length).toBeLessThan(page.rows.length);
  });
});
