import { and, eq, sql } from "drizzle-orm";
import { organizations, products } from "@cs/db";
import { authorize } from "../../access/authorize";
import { organizationScope } from "../../access/scopes";
import type { Ctx } from "../../shared/context";
import { ForbiddenError, ValidationError } from "../../shared/errors";

/** Staff read prices with product:read; changing them needs pricing:manage. */
export function authorizeRead(ctx: Ctx) {
  authorize(ctx.actor, "product:read");
  if (ctx.actor.kind !== "staff") throw new ForbiddenError("pricing:read");
}

export function authorizeManage(ctx: Ctx) {
  authorize(ctx.actor, "pricing:manage");
}

/** A product by SKU (any case); an unknown SKU is a field error on `field`. */
export async function productBySku(ctx: Ctx, sku: string, field = "sku") {
  const [row] = await ctx.db
    .select({ id: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn, listPriceFen: products.listPriceFen, active: products.active })
    .from(products)
    .where(eq(sql`upper(${products.sku})`, sku.trim().toUpperCase()));
  if (!row) throw new ValidationError({ [field]: ["pricing.errors.unknownSku"] });
  return row;
}

/** An organization by code among those the staff member may see; others are "unknown". */
export async function organizationByCode(ctx: Ctx, code: string, field = "organizationCode") {
  const [row] = await ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(and(eq(sql`upper(${organizations.code})`, code.trim().toUpperCase()), organizationScope(ctx.actor)));
  if (!row) throw new ValidationError({ [field]: ["pricing.errors.unknownOrganization"] });
  return row;
}
