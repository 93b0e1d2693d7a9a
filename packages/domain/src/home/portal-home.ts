import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import { type OrderStatus, invoices, orders, organizations, products, promotions, rebateBalances, repairRequests } from "@cs/db";
import { can } from "../access/authorize";
import { orderScope, serviceScope } from "../access/scopes";
import { cartSize, type CartSize } from "../cart/view";
import { nextRebateTiers, type NextRebateTier } from "../channel/my-performance";
import { creditPosition, type CreditPosition } from "../billing/credit";
import { stationPartsLow } from "../service/parts-stock";
import { countOrderQueues, openStatuses, type OrderQueueCounts } from "../orders/queues";
import { claimableRepair } from "../service/claims";
import { openRepairStatuses } from "../service/workflow";
import { addDays, shanghaiToday } from "../shared/dates";
import type { Ctx } from "../shared/context";

type OpenStatus = (typeof openStatuses)[number];

export type PortalHome = {
  organization: { id: string; name: string; kind: string } | null;
  /** Own credit: limit, what is used and what stays available (own_account:read). */
  credit: CreditPosition | null;
  /** Open invoices by when they are due (own_account:read). */
  invoices: { overdue: { count: number; fen: bigint }; dueSoon: { count: number; fen: bigint }; dueSoonDays: number } | null;
  /** Own purchases not yet finished, by status (own_order:read). */
  orders: Record<OpenStatus, number> | null;
  recentOrders: { id: string; number: string; status: OrderStatus; totalFen: bigint; submittedAt: Date }[];
  /** What a master distributor must do for the partners it supplies (supplied_order:fulfil). */
  supplied: OrderQueueCounts | null;
  /** What the cart holds for this user (own_order:place). */
  cart: CartSize | null;
  rebateBalanceFen: bigint | null;
  /** The rebate tier closest at hand: what is still to buy to reach it (own_performance:read). */
  nextTier: NextRebateTier | null;
  /** Repair requests the partner filed or, for a station, was given, still open; `breached` past their SLA. */
  repairs: { open: number; breached: number } | null;
  /** A station's repaired in-warranty requests with no claim yet (station_service:admin, who files claims). */
  claimsToFile: number | null;
  /** A station's spare parts with less free than the minimum its admin keeps (station_service:work). */
  partsLow: number | null;
  /** Promotions running today that this partner's kind may use, ending soonest first. */
  promotions: { id: string; code: string; nameZh: string; nameEn: string; endsOn: string; discountBp: number | null; promoPriceFen: bigint | null; productNameZh: string | null; productNameEn: string | null }[];
};

const DUE_SOON_DAYS = 7;
const none = <T>() => Promise.resolve(null as T | null);

/**
 * The portal's home (a partner, a repair station or an end customer): what needs it today and how it stands, each part only for the permissions that
 * open the page behind it. One round of queries, run side by side, all scoped to the actor's own
 * organization (and, for orders and repairs, through the domain's scopes).
 */
export async function portalHome(ctx: Ctx, now = new Date()): Promise<PortalHome> {
  const { actor, db } = ctx;
  const orgId = actor.kind === "partner" ? actor.organizationId : null;
  const empty: PortalHome = { organization: null, credit: null, invoices: null, orders: null, recentOrders: [], supplied: null, cart: null, rebateBalanceFen: null, nextTier: null, repairs: null, claimsToFile: null, partsLow: null, promotions: [] };
  if (!orgId) return actor.kind === "customer" && can(actor, "own_service:file") ? { ...empty, repairs: await openRepairs(ctx, now) } : empty;
  const today = shanghaiToday(now);
  const soon = addDays(today, DUE_SOON_DAYS);
  const mayAccount = can(actor, "own_account:read");
  const mayOrders = can(actor, "own_order:read");
  const repairsVisible = can(actor, "own_service:file") || can(actor, "station_service:work");

  const [organization, credit, invoiceRows, orderRows, recentOrders, supplied, cart, rebateBalanceFen, nextTiers, repairs, claimsToFile, partsLow, promotionRows] = await Promise.all([
    db.select({ id: organizations.id, name: organizations.name, kind: organizations.kind }).from(organizations).where(eq(organizations.id, orgId)).then((r) => r[0] ?? null),
    mayAccount ? creditPosition(db, orgId) : none<CreditPosition>(),
    mayAccount
      ? db
          .select({
            overdueCount: sql<number>`count(*) filter (where ${invoices.dueOn} < ${today})::int`,
            overdueFen: sql<string>`coalesce(sum(${invoices.totalFen} - ${invoices.settledFen}) filter (where ${invoices.dueOn} < ${today}), 0)::text`,
            soonCount: sql<number>`count(*) filter (where ${invoices.dueOn} >= ${today})::int`,
            soonFen: sql<string>`coalesce(sum(${invoices.totalFen} - ${invoices.settledFen}) filter (where ${invoices.dueOn} >= ${today}), 0)::text`,
          })
          .from(invoices)
          .where(and(eq(invoices.organizationId, orgId), eq(invoices.kind, "invoice"), lt(invoices.settledFen, invoices.totalFen), lte(invoices.dueOn, soon)))
          .then((r) => r[0] ?? null)
      : none<{ overdueCount: number; overdueFen: string; soonCount: number; soonFen: string }>(),
    mayOrders
      ? db
          .select({ status: orders.status, n: count() })
          .from(orders)
          .where(and(orderScope(actor), eq(orders.organizationId, orgId), inArray(orders.status, [...openStatuses])))
          .groupBy(orders.status)
      : Promise.resolve([]),
    mayOrders
      ? db
          .select({ id: orders.id, number: orders.number, status: orders.status, totalFen: orders.totalFen, submittedAt: orders.submittedAt })
          .from(orders)
          .where(and(orderScope(actor), eq(orders.organizationId, orgId)))
          .orderBy(desc(orders.submittedAt), desc(orders.id))
          .limit(5)
      : Promise.resolve([]),
    can(actor, "supplied_order:fulfil") ? countOrderQueues(ctx, { suppliedBy: orgId }) : none<OrderQueueCounts>(),
    can(actor, "own_order:place") ? cartSize(ctx) : none<CartSize>(),
    can(actor, "own_rebate:read") || can(actor, "own_rebate:use")
      ? db
          .select({ balanceFen: rebateBalances.balanceFen })
          .from(rebateBalances)
          .where(eq(rebateBalances.organizationId, orgId))
          .then((r) => r[0]?.balanceFen ?? 0n)
      : none<bigint>(),
    can(actor, "own_performance:read") ? nextRebateTiers(ctx, orgId, today) : Promise.resolve([]),
    repairsVisible ? openRepairs(ctx, now) : none<{ open: number; breached: number }>(),
    can(actor, "station_service:admin")
      ? db
          .select({ n: count() })
          .from(repairRequests)
          .where(and(serviceScope(actor), eq(repairRequests.stationId, orgId), claimableRepair()))
          .then((r) => r[0]?.n ?? 0)
      : none<number>(),
    can(actor, "station_service:work") ? stationPartsLow(ctx) : none<number>(),
    can(actor, "product:read") && can(actor, "own_order:place")
      ? db
          .select({
            id: promotions.id,
            code: promotions.code,
            nameZh: promotions.nameZh,
            nameEn: promotions.nameEn,
            endsOn: promotions.endsOn,
            discountBp: promotions.discountBp,
            promoPriceFen: promotions.promoPriceFen,
            productNameZh: products.nameZh,
            productNameEn: products.nameEn,
          })
          .from(promotions)
          .innerJoin(organizations, eq(organizations.id, orgId))
          .leftJoin(products, eq(products.id, promotions.productId))
          .where(
            and(
              eq(promotions.active, true),
              lte(promotions.startsOn, today),
              gte(promotions.endsOn, today),
              or(isNull(promotions.partnerKind), eq(promotions.partnerKind, organizations.kind)),
            ),
          )
          .orderBy(asc(promotions.endsOn), asc(promotions.code))
          .limit(5)
      : Promise.resolve([]),
  ]);

  const byStatus = new Map(orderRows.map((r) => [r.status, r.n]));
  return {
    organization,
    credit,
    invoices: invoiceRows
      ? {
          overdue: { count: invoiceRows.overdueCount, fen: BigInt(invoiceRows.overdueFen) },
          dueSoon: { count: invoiceRows.soonCount, fen: BigInt(invoiceRows.soonFen) },
          dueSoonDays: DUE_SOON_DAYS,
        }
      : null,
    orders: mayOrders ? (Object.fromEntries(openStatuses.map((s) => [s, byStatus.get(s) ?? 0])) as Record<OpenStatus, number>) : null,
    recentOrders,
    supplied,
    cart,
    rebateBalanceFen,
    // The one needing the least more purchases: the nearest reachable step.
    nextTier: nextTiers.reduce<NextRebateTier | null>((best, n) => (best === null || n.remainingFen < best.remainingFen ? n : best), null),
    repairs,
    claimsToFile,
    partsLow,
    promotions: promotionRows,
  };
}

/** Open repair requests the actor may see (a dealer's filed ones, a station's assigned ones, a customer's own). */
function openRepairs(ctx: Ctx, now: Date): Promise<{ open: number; breached: number }> {
  return ctx.db
    .select({
      open: sql<number>`count(*)::int`,
      breached: sql<number>`count(*) filter (where ${repairRequests.slaDueAt} < ${now.toISOString()}::timestamptz)::int`,
    })
    .from(repairRequests)
    .where(and(serviceScope(ctx.actor), inArray(repairRequests.status, [...openRepairStatuses])))
    .then((r) => r[0] ?? { open: 0, breached: 0 });
}
