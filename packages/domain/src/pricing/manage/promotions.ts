import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { productLines, products, promotions } from "@cs/db";
import { diffFields, recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { isUuid, parseInput } from "../../shared/parse";
import { shanghaiToday } from "../../shared/dates";
import { authorizeManage, authorizeRead, productBySku } from "./lookup";
import { promotionInput } from "./schema";

export const promotionQuery = listQuerySchema(["code", "startsOn", "endsOn"] as const, "startsOn").extend({
  state: z.enum(["running", "upcoming", "ended"]).optional().catch(undefined),
});

const sortColumns = { code: promotions.code, startsOn: promotions.startsOn, endsOn: promotions.endsOn };

export async function listPromotions(ctx: Ctx, query: z.output<typeof promotionQuery>) {
  authorizeRead(ctx);
  const today = shanghaiToday();
  const conditions: (SQL | undefined)[] = [];
  if (query.q) conditions.push(or(ilike(promotions.code, likePattern(query.q)), ilike(promotions.nameZh, likePattern(query.q)), ilike(promotions.nameEn, likePattern(query.q)), ilike(products.sku, likePattern(query.q))));
  if (query.state === "running") conditions.push(sql`${promotions.startsOn} <= ${today} and ${promotions.endsOn} >= ${today}`);
  if (query.state === "upcoming") conditions.push(sql`${promotions.startsOn} > ${today}`);
  if (query.state === "ended") conditions.push(sql`${promotions.endsOn} < ${today}`);
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: promotions.id,
        code: promotions.code,
        nameZh: promotions.nameZh,
        nameEn: promotions.nameEn,
        sku: products.sku,
        lineZh: productLines.nameZh,
        lineEn: productLines.nameEn,
        partnerKind: promotions.partnerKind,
        discountBp: promotions.discountBp,
        promoPriceFen: promotions.promoPriceFen,
        minQuantity: promotions.minQuantity,
        startsOn: promotions.startsOn,
        endsOn: promotions.endsOn,
        active: promotions.active,
      })
      .from(promotions)
      .leftJoin(products, eq(products.id, promotions.productId))
      .leftJoin(productLines, eq(productLines.id, promotions.productLineId))
      .where(where)
      .orderBy((query.dir === "desc" ? desc : asc)(sortColumns[query.sort]), asc(promotions.code))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(promotions).leftJoin(products, eq(products.id, promotions.productId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size, today } satisfies Page<unknown> & { today: string };
}

export async function getPromotion(ctx: Ctx, id: string) {
  authorizeRead(ctx);
  if (!isUuid(id)) throw new NotFoundError("promotion");
  const [row] = await ctx.db.select({ promotion: promotions, sku: products.sku }).from(promotions).leftJoin(products, eq(products.id, promotions.productId)).where(eq(promotions.id, id));
  if (!row) throw new NotFoundError("promotion");
  return row;
}

export async function savePromotion(ctx: Ctx, id: string | undefined, raw: unknown): Promise<{ id: string }> {
  authorizeManage(ctx);
  const input = parseInput(promotionInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const product = input.target === "product" ? await productBySku(tctx, input.sku!) : null;
    if (input.target === "line") {
      const [line] = await tx.select({ id: productLines.id }).from(productLines).where(eq(productLines.id, input.productLineId!));
      if (!line) throw new ValidationError({ productLineId: ["validation.invalid"] });
    }
    const values = {
      code: input.code,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      productId: product?.id ?? null,
      productLineId: input.target === "line" ? input.productLineId! : null,
      partnerKind: input.partnerKind ?? null,
      discountBp: input.kind === "discount" ? input.discountPercent! : null,
      promoPriceFen: input.kind === "price" ? input.promoPrice! : null,
      minQuantity: input.minQuantity,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      active: input.active,
    };
    const codeFree = async () => {
      const [taken] = await tx.select({ id: promotions.id }).from(promotions).where(eq(promotions.code, values.code));
      if (taken && taken.id !== id) throw new ConflictError("pricing.errors.codeTaken");
    };
    if (id) {
      await codeFree();
      const { promotion } = await getPromotion(tctx, id);
      const diff = diffFields(promotion as Record<string, unknown>, values);
      if (!diff.changed) return { id };
      await tx.update(promotions).set(values).where(eq(promotions.id, promotion.id));
      await recordAudit(tx, ctx.actor, { action: "promotion.update", entity: "promotion", entityId: id, before: diff.before, after: diff.after });
      return { id };
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), values, async () => {
      await codeFree();
      const [row] = await tx.insert(promotions).values(values).returning({ id: promotions.id });
      await recordAudit(tx, ctx.actor, { action: "promotion.create", entity: "promotion", entityId: row!.id, after: values });
      return { id: row!.id };
    });
    return result;
  });
}
