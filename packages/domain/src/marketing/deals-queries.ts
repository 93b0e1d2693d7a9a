import { and, asc, count, desc, eq, gte, ilike, lte, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { dealRegistrationLines, dealRegistrations, dealRegistrationStatuses, dealSpecialPrices, organizations, productLines, products, users } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { dealScope } from "./deals-scope";

export const dealListQuery = listQuerySchema(["createdAt", "number", "expectedCloseOn"] as const, "createdAt").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(dealRegistrationStatuses).optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
});
export type DealListQuery = z.output<typeof dealListQuery>;

function authorizeRead(actor: Actor) {
  authorize(actor, actor.kind === "staff" ? "deal:read" : "own_deal:register");
}

const branch = alias(organizations, "branch");
const decider = alias(users, "decider");

export type DealRegistrationRow = {
  id: string;
  number: string;
  partner: string;
  partnerCode: string;
  branch: string | null;
  customerName: string;
  customerCreditCode: string;
  productLineZh: string;
  productLineEn: string;
  expectedCloseOn: string;
  status: (typeof dealRegistrationStatuses)[number];
  protectedUntil: string | null;
  createdAt: Date;
};

/** Registrations filtered, sorted and paged in SQL: the staff list (by branch) and the partner's own. */
export async function listDealRegistrations(ctx: Ctx, query: DealListQuery): Promise<Page<DealRegistrationRow>> {
  authorizeRead(ctx.actor);
  const where = and(
    dealScope(ctx.actor),
    query.status ? eq(dealRegistrations.status, query.status) : undefined,
    query.branch ? eq(dealRegistrations.ownerBranchId, query.branch) : undefined,
    query.q
      ? or(
          ilike(dealRegistrations.number, likePattern(query.q)),
          ilike(dealRegistrations.customerName, likePattern(query.q)),
          ilike(dealRegistrations.customerCreditCode, likePattern(query.q)),
          ilike(organizations.name, likePattern(query.q)),
          ilike(organizations.code, likePattern(query.q)),
        )
      : undefined,
  );
  const order = query.dir === "desc" ? desc : asc;
  const sortColumns = { createdAt: dealRegistrations.createdAt, number: dealRegistrations.number, expectedCloseOn: dealRegistrations.expectedCloseOn };
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: dealRegistrations.id,
        number: dealRegistrations.number,
        partner: organizations.name,
        partnerCode: organizations.code,
        branch: branch.name,
        customerName: dealRegistrations.customerName,
        customerCreditCode: dealRegistrations.customerCreditCode,
        productLineZh: productLines.nameZh,
        productLineEn: productLines.nameEn,
        expectedCloseOn: dealRegistrations.expectedCloseOn,
        status: dealRegistrations.status,
        protectedUntil: dealRegistrations.protectedUntil,
        createdAt: dealRegistrations.createdAt,
      })
      .from(dealRegistrations)
      .innerJoin(organizations, eq(organizations.id, dealRegistrations.organizationId))
      .innerJoin(productLines, eq(productLines.id, dealRegistrations.productLineId))
      .leftJoin(branch, eq(branch.id, dealRegistrations.ownerBranchId))
      .where(where)
      .orderBy(order(sortColumns[query.sort]), desc(dealRegistrations.number))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(dealRegistrations).innerJoin(organizations, eq(organizations.id, dealRegistrations.organizationId)).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/** One registration with its lines and special prices; NotFound when out of scope (another partner's id). */
export async function getDealRegistration(ctx: Ctx, registrationId: string) {
  authorizeRead(ctx.actor);
  if (!isUuid(registrationId)) throw new NotFoundError("deal_registration");
  const [registration] = await ctx.db
    .select({
      id: dealRegistrations.id,
      number: dealRegistrations.number,
      organizationId: dealRegistrations.organizationId,
      partner: organizations.name,
      partnerCode: organizations.code,
      branch: branch.name,
      customerName: dealRegistrations.customerName,
      customerCreditCode: dealRegistrations.customerCreditCode,
      productLineZh: productLines.nameZh,
      productLineEn: productLines.nameEn,
      expectedCloseOn: dealRegistrations.expectedCloseOn,
      competitor: dealRegistrations.competitor,
      note: dealRegistrations.note,
      status: dealRegistrations.status,
      protectedFrom: dealRegistrations.protectedFrom,
      protectedUntil: dealRegistrations.protectedUntil,
      specialPriceReason: dealRegistrations.specialPriceReason,
      decisionReason: dealRegistrations.decisionReason,
      decidedBy: decider.displayName,
      decidedAt: dealRegistrations.decidedAt,
      createdAt: dealRegistrations.createdAt,
    })
    .from(dealRegistrations)
    .innerJoin(organizations, eq(organizations.id, dealRegistrations.organizationId))
    .innerJoin(productLines, eq(productLines.id, dealRegistrations.productLineId))
    .leftJoin(branch, eq(branch.id, dealRegistrations.ownerBranchId))
    .leftJoin(decider, eq(decider.id, dealRegistrations.decidedBy))
    .where(and(eq(dealRegistrations.id, registrationId), dealScope(ctx.actor)));
  if (!registration) throw new NotFoundError("deal_registration");
  const lines = await ctx.db
    .select({
      productId: dealRegistrationLines.productId,
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      listPriceFen: products.listPriceFen,
      quantity: dealRegistrationLines.quantity,
      specialPriceFen: dealSpecialPrices.unitPriceFen,
      specialQuantity: dealSpecialPrices.quantity,
      specialUsed: dealSpecialPrices.quantityUsed,
    })
    .from(dealRegistrationLines)
    .innerJoin(products, eq(products.id, dealRegistrationLines.productId))
    .leftJoin(dealSpecialPrices, and(eq(dealSpecialPrices.registrationId, dealRegistrationLines.registrationId), eq(dealSpecialPrices.productId, dealRegistrationLines.productId)))
    .where(eq(dealRegistrationLines.registrationId, registration.id))
    .orderBy(asc(products.sku));
  const today = shanghaiToday();
  const staff = ctx.actor.kind === "staff";
  const pending = registration.status === "submitted";
  return {
    registration,
    lines,
    /** Approved and protected today. */
    protectedNow: registration.status === "approved" && registration.protectedFrom !== null && registration.protectedFrom <= today && (registration.protectedUntil ?? "") >= today,
    mayDecide: staff && pending && can(ctx.actor, "deal:decide"),
    mayGrantSpecialPrices: staff && pending && can(ctx.actor, "deal:special_price"),
  };
}

/** The products a partner may register, by product line (the form's choices). */
export async function dealChoices(ctx: Ctx) {
  authorize(ctx.actor, "own_deal:register");
  const rows = await ctx.db
    .select({ id: products.id, sku: products.sku, nameZh: products.nameZh, nameEn: products.nameEn, lineZh: productLines.nameZh, lineEn: productLines.nameEn })
    .from(products)
    .innerJoin(productLines, eq(productLines.id, products.productLineId))
    .where(eq(products.active, true))
    .orderBy(asc(productLines.code), asc(products.sku))
    .limit(500);
  return { products: rows, today: shanghaiToday() };
}

/** The buyer's registrations an order may name at checkout: approved and protected today. */
export async function checkoutDeals(ctx: Ctx) {
  const orgId = ctx.actor.organizationId;
  if (ctx.actor.kind !== "partner" || !orgId || !can(ctx.actor, "own_order:place")) return [];
  const today = shanghaiToday();
  return ctx.db
    .select({ id: dealRegistrations.id, number: dealRegistrations.number, customerName: dealRegistrations.customerName, protectedUntil: dealRegistrations.protectedUntil })
    .from(dealRegistrations)
    .where(
      and(
        eq(dealRegistrations.organizationId, orgId),
        eq(dealRegistrations.status, "approved"),
        lte(dealRegistrations.protectedFrom, today),
        gte(dealRegistrations.protectedUntil, today),
      ),
    )
    .orderBy(desc(dealRegistrations.createdAt))
    .limit(100);
}
