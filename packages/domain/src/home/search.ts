import { and, asc, desc, eq, ilike, or } from "drizzle-orm";
import { orders, organizations, products, repairRequests } from "@cs/db";
import { can } from "../access/authorize";
import { orderScope, organizationScope, serviceScope } from "../access/scopes";
import { findSerials } from "../inventory/views/serials";
import type { Ctx } from "../shared/context";
import { likePattern } from "../shared/list-query";

const PER_KIND = 5;

export type SearchResults = {
  q: string;
  orders: { id: string; number: string; status: string; buyer: string }[];
  partners: { id: string; code: string; name: string }[];
  products: { id: string; sku: string; nameZh: string; nameEn: string }[];
  serials: { serial: string; sku: string }[];
  repairs: { id: string; number: string; status: string; serial: string }[];
};

/**
 * One search box for everything a user may open: orders by their number (exact; a partner also by
 * its own PO numbers, which its organization's index narrows), partners by code
 * or name, products by SKU or name, serials (staff with stock:read, by prefix) and repair requests by
 * number or serial (exact: the lists' indexes serve them), a few of each, every kind through the domain's own scope. Terms shorter than 2 characters
 * find nothing (they would match everything).
 */
export async function globalSearch(ctx: Ctx, raw: unknown): Promise<SearchResults> {
  const q = typeof raw === "string" ? raw.trim().slice(0, 64) : "";
  const empty: SearchResults = { q, orders: [], partners: [], products: [], serials: [], repairs: [] };
  if (q.length < 2) return empty;
  const { actor, db } = ctx;
  const like = likePattern(q);
  const upper = q.toUpperCase();
  const staff = actor.kind === "staff";
  const mayOrders = can(actor, "order:read") || can(actor, "own_order:read");
  const [orderRows, partnerRows, productRows, serialRows, repairRows] = await Promise.all([
    mayOrders
      ? db
          .select({ id: orders.id, number: orders.number, status: orders.status, buyer: organizations.name })
          .from(orders)
          .innerJoin(organizations, eq(organizations.id, orders.organizationId))
          .where(and(orderScope(actor), staff ? eq(orders.number, upper) : or(eq(orders.number, upper), ilike(orders.poNumber, like))))
          .orderBy(desc(orders.submittedAt))
          .limit(PER_KIND)
      : [],
    staff && can(actor, "organization:read")
      ? db
          .select({ id: organizations.id, code: organizations.code, name: organizations.name })
          .from(organizations)
          .where(and(organizationScope(actor), or(eq(organizations.code, upper), ilike(organizations.code, like), ilike(organizations.name, like), ilike(organizations.shortName, like))))
          .orderBy(asc(organizations.code))
          .limit(PER_KIND)
      : [],
    can(actor, "product:read")
      ? db
          .select({ id: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn })
          .from(products)
          .where(and(eq(products.active, true), or(ilike(products.sku, like), ilike(products.nameZh, like), ilike(products.nameEn, like))))
          .orderBy(asc(products.sku))
          .limit(PER_KIND)
      : [],
    staff && can(actor, "stock:read") && q.length >= 3 ? findSerials(ctx, q).then((rows) => rows.slice(0, PER_KIND).map((r) => ({ serial: r.serial, sku: r.sku }))) : [],
    can(actor, "service:read") || can(actor, "own_service:file") || can(actor, "station_service:work")
      ? db
          .select({ id: repairRequests.id, number: repairRequests.number, status: repairRequests.status, serial: repairRequests.serial })
          .from(repairRequests)
          .where(and(serviceScope(actor), or(eq(repairRequests.number, upper), eq(repairRequests.serial, q), eq(repairRequests.serial, upper))))
          .orderBy(desc(repairRequests.createdAt))
          .limit(PER_KIND)
      : [],
  ]);
  return { q, orders: orderRows, partners: partnerRows, products: productRows, serials: serialRows, repairs: repairRows };
}
