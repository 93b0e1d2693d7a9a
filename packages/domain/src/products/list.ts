import { and, asc, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { divisions, productLines, products } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";

export const productSortKeys = ["sku", "name", "listPrice", "cost", "warranty"] as const;

export const productListQuery = listQuerySchema(productSortKeys, "sku").extend({
  division: z.uuid().optional().catch(undefined),
  line: z.uuid().optional().catch(undefined),
  /** Staff may list retired products too (to edit or bring them back); partners see products on sale only. */
  status: z.enum(["active", "retired", "all"]).catch("active"),
});
export type ProductListQuery = z.output<typeof productListQuery>;

const sortColumns = {
  sku: products.sku,
  name: products.nameZh,
  listPrice: products.listPriceFen,
  cost: products.costFen,
  warranty: products.warrantyMonths,
} satisfies Record<(typeof productSortKeys)[number], unknown>;

export async function listProducts(ctx: Ctx, query: ProductListQuery) {
  authorize(ctx.actor, "product:read");
  const status = ctx.actor.kind === "staff" ? query.status : "active";
  const conditions: (SQL | undefined)[] = [status === "all" ? undefined : eq(products.active, status === "active")];
  if (query.division) conditions.push(eq(productLines.divisionId, query.division));
  if (query.line) conditions.push(eq(products.productLineId, query.line));
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(products.sku, p), ilike(products.nameZh, p), ilike(products.nameEn, p)));
  }
  const where = and(...conditions);
  const order = query.dir === "desc" ? desc : asc;
  // Cost is internal: a partner may not even sort by it (the order would give it away).
  const sortKey = query.sort === "cost" && ctx.actor.kind !== "staff" ? "listPrice" : query.sort;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: products.id,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        unit: products.unit,
        listPriceFen: products.listPriceFen,
        // Cost is internal: partners never receive it.
        costFen: ctx.actor.kind === "staff" ? products.costFen : products.listPriceFen,
        serialized: products.serialized,
        warrantyMonths: products.warrantyMonths,
        active: products.active,
        lineZh: productLines.nameZh,
        lineEn: productLines.nameEn,
        divisionZh: divisions.nameZh,
        divisionEn: divisions.nameEn,
      })
      .from(products)
      .innerJoin(productLines, eq(productLines.id, products.productLineId))
      .innerJoin(divisions, eq(divisions.id, productLines.divisionId))
      .where(where)
      .orderBy(order(sortColumns[sortKey]), asc(products.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(products)
      .innerJoin(productLines, eq(productLines.id, products.productLineId))
      .where(where),
  ]);
  const visible = ctx.actor.kind === "staff" ? rows : rows.map((r) => ({ ...r, costFen: null }));
  return { rows: visible, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

export async function listCatalogueTree(ctx: Ctx) {
  authorize(ctx.actor, "product:read");
  const [divs, lines] = await Promise.all([
    ctx.db.select().from(divisions).orderBy(asc(divisions.code)),
    ctx.db.select().from(productLines).orderBy(asc(productLines.code)),
  ]);
  return divs.map((d) => ({ ...d, lines: lines.filter((l) => l.divisionId === d.id) }));
}
