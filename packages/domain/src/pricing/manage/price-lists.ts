import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { priceListItems, priceLists, products } from "@cs/db";
import { diffFields, recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, NotFoundError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { isUuid, parseInput } from "../../shared/parse";
import { authorizeManage, authorizeRead, productBySku } from "./lookup";
import { priceListInput, priceListItemInput, pricedKinds } from "./schema";

export const priceListQuery = listQuerySchema(["code", "validFrom"] as const, "code").extend({
  kind: z.enum(pricedKinds).optional().catch(undefined),
});

export async function listPriceLists(ctx: Ctx, query: z.output<typeof priceListQuery>) {
  authorizeRead(ctx);
  const conditions: (SQL | undefined)[] = [];
  if (query.kind) conditions.push(eq(priceLists.partnerKind, query.kind));
  if (query.q) conditions.push(or(ilike(priceLists.code, likePattern(query.q)), ilike(priceLists.nameZh, likePattern(query.q)), ilike(priceLists.nameEn, likePattern(query.q))));
  const where = and(...conditions);
  const order = query.dir === "desc" ? desc : asc;
  const items = ctx.db.select({ listId: priceListItems.priceListId, products: sql<number>`count(distinct ${priceListItems.productId})::int`.as("products"), breaks: sql<number>`count(*) filter (where ${priceListItems.minQuantity} > 1)::int`.as("breaks") }).from(priceListItems).groupBy(priceListItems.priceListId).as("items");
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ id: priceLists.id, code: priceLists.code, nameZh: priceLists.nameZh, nameEn: priceLists.nameEn, partnerKind: priceLists.partnerKind, validFrom: priceLists.validFrom, validTo: priceLists.validTo, active: priceLists.active, products: sql<number>`coalesce(${items.products}, 0)`, breaks: sql<number>`coalesce(${items.breaks}, 0)` })
      .from(priceLists)
      .leftJoin(items, eq(items.listId, priceLists.id))
      .where(where)
      .orderBy(order(query.sort === "code" ? priceLists.code : priceLists.validFrom), asc(priceLists.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(priceLists).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

export async function getPriceList(ctx: Ctx, id: string) {
  authorizeRead(ctx);
  if (!isUuid(id)) throw new NotFoundError("price list");
  const [row] = await ctx.db.select().from(priceLists).where(eq(priceLists.id, id));
  if (!row) throw new NotFoundError("price list");
  return row;
}

/** Creates when `id` is absent (once per form `_key`), else updates; a code in use is a conflict. */
export async function savePriceList(ctx: Ctx, id: string | undefined, raw: unknown): Promise<{ id: string }> {
  authorizeManage(ctx);
  const input = parseInput(priceListInput, raw);
  const values = { ...input, validTo: input.validTo ?? null };
  return inTransaction(ctx, async (tx, tctx) => {
    const codeFree = async () => {
      const [taken] = await tx.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.code, values.code));
      if (taken && taken.id !== id) throw new ConflictError("pricing.errors.codeTaken");
    };
    if (id) {
      await codeFree();
      const existing = await getPriceList(tctx, id);
      const diff = diffFields(existing as Record<string, unknown>, values);
      if (!diff.changed) return { id };
      await tx.update(priceLists).set(values).where(eq(priceLists.id, id));
      await recordAudit(tx, ctx.actor, { action: "price_list.update", entity: "price_list", entityId: id, before: diff.before, after: diff.after });
      return { id };
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), values, async () => {
      await codeFree();
      const [row] = await tx.insert(priceLists).values(values).returning({ id: priceLists.id });
      await recordAudit(tx, ctx.actor, { action: "price_list.create", entity: "price_list", entityId: row!.id, after: values });
      return { id: row!.id };
    });
    return result;
  });
}

export const priceListItemQuery = listQuerySchema(["sku"] as const, "sku");

/** A list's products, one row per product with its breaks in order, paginated over products. */
export async function listPriceListItems(ctx: Ctx, listId: string, query: z.output<typeof priceListItemQuery>) {
  const list = await getPriceList(ctx, listId);
  const conditions: (SQL | undefined)[] = [eq(priceListItems.priceListId, list.id), eq(priceListItems.minQuantity, 1)];
  if (query.q) conditions.push(or(ilike(products.sku, likePattern(query.q)), ilike(products.nameZh, likePattern(query.q))));
  const where = and(...conditions);
  const [base, [total]] = await Promise.all([
    ctx.db
      .select({ productId: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn, listPriceFen: products.listPriceFen, active: products.active })
      .from(priceListItems)
      .innerJoin(products, eq(products.id, priceListItems.productId))
      .where(where)
      .orderBy(query.dir === "desc" ? desc(products.sku) : asc(products.sku))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(priceListItems).innerJoin(products, eq(products.id, priceListItems.productId)).where(where),
  ]);
  const ids = base.map((b) => b.productId);
  const breaks = ids.length
    ? await ctx.db
        .select({ productId: priceListItems.productId, minQuantity: priceListItems.minQuantity, unitPriceFen: priceListItems.unitPriceFen })
        .from(priceListItems)
        .where(and(eq(priceListItems.priceListId, list.id), inArray(priceListItems.productId, ids)))
        .orderBy(asc(priceListItems.minQuantity))
    : [];
  const rows = base.map((b) => ({ ...b, breaks: breaks.filter((x) => x.productId === b.productId).map(({ minQuantity, unitPriceFen }) => ({ minQuantity, unitPriceFen })) }));
  return { list, page: { rows, total: total?.n ?? 0, page: query.page, size: query.size } };
}

/** Replaces a product's rows on a list with the breaks given (base from 1 plus volume breaks). Setting the same breaks again is a no-op. */
export async function setPriceListItem(ctx: Ctx, listId: string, raw: unknown): Promise<{ productId: string }> {
  authorizeManage(ctx);
  const input = parseInput(priceListItemInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const list = await getPriceList(tctx, listId);
    const product = await productBySku(tctx, input.sku);
    const before = await tx
      .select({ minQuantity: priceListItems.minQuantity, unitPriceFen: priceListItems.unitPriceFen })
      .from(priceListItems)
      .where(and(eq(priceListItems.priceListId, list.id), eq(priceListItems.productId, product.id)))
      .orderBy(asc(priceListItems.minQuantity))
      .for("update");
    const after = [...input.breaks].sort((a, b) => a.minQuantity - b.minQuantity).map((b) => ({ minQuantity: b.minQuantity, unitPriceFen: b.price }));
    if (JSON.stringify(before, big) === JSON.stringify(after, big)) return { productId: product.id };
    await tx.delete(priceListItems).where(and(eq(priceListItems.priceListId, list.id), eq(priceListItems.productId, product.id)));
    await tx.insert(priceListItems).values(after.map((b) => ({ priceListId: list.id, productId: product.id, ...b })));
    await recordAudit(tx, ctx.actor, { action: "price_list.item", entity: "price_list", entityId: list.id, before: { sku: product.sku, breaks: before }, after: { sku: product.sku, breaks: after } });
    return { productId: product.id };
  });
}

/** Takes a product off a list; removing one that is not there is a no-op. */
export async function removePriceListItem(ctx: Ctx, listId: string, raw: unknown): Promise<{ removed: boolean }> {
  authorizeManage(ctx);
  const { productId } = parseInput(z.object({ productId: z.string() }), raw);
  if (!isUuid(productId)) return { removed: false };
  return inTransaction(ctx, async (tx, tctx) => {
    const list = await getPriceList(tctx, listId);
    const gone = await tx.delete(priceListItems).where(and(eq(priceListItems.priceListId, list.id), eq(priceListItems.productId, productId))).returning();
    if (gone.length) await recordAudit(tx, ctx.actor, { action: "price_list.item_remove", entity: "price_list", entityId: list.id, before: { productId, breaks: gone.map((g) => ({ minQuantity: g.minQuantity, unitPriceFen: g.unitPriceFen })) } });
    return { removed: gone.length > 0 };
  });
}

const big = (_k: string, v: unknown) => (typeof v === "bigint" ? v.toString() : v);
