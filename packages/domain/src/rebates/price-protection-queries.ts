import { and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations, priceProtectionLines, priceProtections, products, rebateStatements } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";

export const priceProtectionListQuery = listQuerySchema(["number", "effectiveDate", "created"] as const, "created").extend({ dir: z.enum(["asc", "desc"]).catch("desc") });

const totals = {
  partners: sql<number>`(select count(*)::int from price_protection_lines l where l.price_protection_id = ${priceProtections.id})`,
  totalFen: sql<string>`(select coalesce(sum(l.amount_fen), 0)::text from price_protection_lines l where l.price_protection_id = ${priceProtections.id})`,
};

const header = {
  id: priceProtections.id,
  number: priceProtections.number,
  status: priceProtections.status,
  productId: priceProtections.productId,
  sku: products.sku,
  nameZh: products.nameZh,
  nameEn: products.nameEn,
  effectiveDate: priceProtections.effectiveDate,
  oldPriceFen: priceProtections.oldPriceFen,
  newPriceFen: priceProtections.newPriceFen,
  note: priceProtections.note,
  version: priceProtections.version,
  approvedAt: priceProtections.approvedAt,
  createdAt: priceProtections.createdAt,
  ...totals,
};

/** Price protections, newest first, with how many partners they credit and how much (rebate:read). */
export async function listPriceProtections(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "rebate:read");
  const query = priceProtectionListQuery.parse(raw ?? {});
  const where = query.q
    ? or(ilike(priceProtections.number, likePattern(query.q)), ilike(products.sku, likePattern(query.q)), ilike(products.nameZh, likePattern(query.q)), ilike(products.nameEn, likePattern(query.q)))
    : undefined;
  const col = { number: priceProtections.number, effectiveDate: priceProtections.effectiveDate, created: priceProtections.createdAt }[query.sort];
  const dir = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(header)
      .from(priceProtections)
      .innerJoin(products, eq(products.id, priceProtections.productId))
      .where(where)
      .orderBy(dir(col), desc(priceProtections.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(priceProtections).innerJoin(products, eq(products.id, priceProtections.productId)).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, totalFen: BigInt(r.totalFen) })), total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}
export type PriceProtectionRow = Awaited<ReturnType<typeof listPriceProtections>>["rows"][number];

/** One price protection with each partner's stock on the date, credit and (once approved) statement. */
export async function getPriceProtection(ctx: Ctx, id: string) {
  authorize(ctx.actor, "rebate:read");
  if (!isUuid(id)) throw new NotFoundError("price_protection");
  const [row] = await ctx.db.select(header).from(priceProtections).innerJoin(products, eq(products.id, priceProtections.productId)).where(eq(priceProtections.id, id));
  if (!row) throw new NotFoundError("price_protection");
  const lines = await ctx.db
    .select({
      organizationId: priceProtectionLines.organizationId,
      code: organizations.code,
      name: organizations.name,
      quantity: priceProtectionLines.quantity,
      unitCreditFen: priceProtectionLines.unitCreditFen,
      amountFen: priceProtectionLines.amountFen,
      statementId: rebateStatements.id,
      statementNumber: rebateStatements.number,
      statementStatus: rebateStatements.status,
    })
    .from(priceProtectionLines)
    .innerJoin(organizations, eq(organizations.id, priceProtectionLines.organizationId))
    .leftJoin(rebateStatements, and(eq(rebateStatements.priceProtectionId, priceProtectionLines.priceProtectionId), eq(rebateStatements.organizationId, priceProtectionLines.organizationId)))
    .where(eq(priceProtectionLines.priceProtectionId, id))
    .orderBy(asc(organizations.code));
  return { protection: { ...row, totalFen: BigInt(row.totalFen) }, lines };
}
export type PriceProtectionDetail = Awaited<ReturnType<typeof getPriceProtection>>;
