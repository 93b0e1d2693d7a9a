import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { addLinesToCart } from "./add";
import { clearCart } from "./change";
import { deleteOrderTemplate, listOrderTemplates, loadTemplateIntoCart, saveCartAsTemplate } from "./templates";
import { getCart } from "./view";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let dealer: Ctx;
let buyer: Ctx;
let dealer2: Ctx;
const ids: string[] = [];

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  dealer = await ctxOf(db, "dealer@demo.cn");
  buyer = await ctxOf(db, "buyer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  for (const sku of ["MON-24F-IPS", "MON-27Q-IPS", "NB-T14-I5-16"]) ids.push((await db.select({ id: products.id }).from(products).where(eq(products.sku, sku)))[0]!.id);
});

describe("order templates", () => {
  it("saves the cart under a name the organization's buyers share, and loads it into another buyer's cart", async () => {
    await addLinesToCart(dealer, [
      { productId: ids[0]!, quantity: 4 },
      { productId: ids[2]!, quantity: 1 },
    ]);
    const key = newKey();
    const saved = await saveCartAsTemplate(dealer, { name: " 月度补货 ", _key: key });
    expect(await saveCartAsTemplate(dealer, { name: " 月度补货 ", _key: key })).toEqual(saved);
    await expectUnchanged(db, () => expect(saveCartAsTemplate(dealer, { name: "月度补货", _key: newKey() })).rejects.toBeInstanceOf(ConflictError));
    expect(await listOrderTemplates(buyer)).toEqual([expect.objectContaining({ id: saved.id, name: "月度补货", lines: 2, units: 5 })]);
    expect(await listOrderTemplates(dealer2)).toEqual([]);

    await clearCart(buyer);
    const loadKey = newKey();
    expect(await loadTemplateIntoCart(buyer, { templateId: saved.id, _key: loadKey })).toEqual({ added: 2, skipped: [] });
    await loadTemplateIntoCart(buyer, { templateId: saved.id, _key: loadKey });
    expect((await getCart(buyer)).lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["MON-24F-IPS", 4],
      ["NB-T14-I5-16", 1],
    ]);
  });

  it("skips products no longer sold and keeps other organizations out", async () => {
    await clearCart(dealer);
    await addLinesToCart(dealer, [
      { productId: ids[1]!, quantity: 2 },
      { productId: ids[0]!, quantity: 1 },
    ]);
    const { id } = await saveCartAsTemplate(dealer, { name: "含停售", _key: newKey() });
    await db.update(products).set({ active: false }).where(eq(products.id, ids[1]!));
    try {
      await clearCart(dealer);
      expect(await loadTemplateIntoCart(dealer, { templateId: id, _key: newKey() })).toEqual({ added: 1, skipped: ["MON-27Q-IPS"] });
    } finally {
      await db.update(products).set({ active: true }).where(eq(products.id, ids[1]!));
    }
    await expectUnchanged(db, () => expect(loadTemplateIntoCart(dealer2, { templateId: id, _key: newKey() })).rejects.toBeInstanceOf(NotFoundError));
    expect(await deleteOrderTemplate(dealer2, { templateId: id })).toEqual({ deleted: false });
    expect(await deleteOrderTemplate(buyer, { templateId: id })).toEqual({ deleted: true });
    await expectUnchanged(db, () => expect(loadTemplateIntoCart(dealer, { templateId: id, _key: newKey() })).rejects.toBeInstanceOf(NotFoundError));
  });

  it("refuses an empty cart or name", async () => {
    await clearCart(dealer2);
    expect(await expectUnchanged(db, () => fieldErrorsOf(saveCartAsTemplate(dealer2, { name: "空", _key: newKey() })))).toEqual({ form: ["catalog.templates.errors.emptyCart"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(saveCartAsTemplate(dealer2, { name: "  ", _key: newKey() })))).toEqual({ name: ["validation.required"] });
  });
});
