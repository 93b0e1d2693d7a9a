import { can } from "../access/authorize";
import { discountLimit, orderApprovalLimit } from "../access/permissions";
import { CREDIT_ORDER_STATUSES, creditPosition } from "../billing/credit";
import { orderMargin } from "../billing/order-margin";
import type { Ctx } from "../shared/context";
import { mayCancel } from "./cancel-order";
import { getCreditTerms } from "./credit-hold";
import { getOrder } from "./get-order";
import { lastEditorOf } from "./load";
import { floorBreaches, floorCosts } from "./margin-floor";

/**
 * One order as the order desk works on it: getOrder (scoped: out of scope is NotFoundError), the
 * buyer's credit position (limit, open receivables, open orders), the actor's limits, and which
 * actions its role and the order's state allow, so the page shows only those. Finance also gets the
 * buyer's credit-hold terms, and staff with cost:view the expected margin (null for anyone else).
 * Read-only; each action re-checks everything on submit.
 */
export async function getDeskOrder(ctx: Ctx, orderId: string) {
  const detail = await getOrder(ctx, orderId);
  const { order, lines } = detail;
  const a = ctx.actor;
  const staff = a.kind === "staff";
  const manageCredit = staff && can(a, "credit:manage");
  const waitsForFloor = staff && order.approvalReasons.includes("margin_floor") && (order.status === "pending_approval" || order.status === "submitted");
  const [credit, terms, margin, floors] = await Promise.all([
    creditPosition(ctx.db, order.organizationId),
    manageCredit ? getCreditTerms(ctx, order.organizationId) : Promise.resolve(null),
    orderMargin(ctx.db, a, order.id),
    waitsForFloor ? floorCosts(ctx.db, lines.map((l) => l.productId)) : Promise.resolve(null),
  ]);
  // The lines below their floor, as the approver decides on them: the floor to everyone on the desk,
  // the margin (which gives away the cost) only to staff with cost:view.
  const seesCost = staff && can(a, "cost:view");
  const belowFloor = floors
    ? floorBreaches(lines, floors, order.couponDiscountFen).map((b) => {
        const line = lines.find((l) => l.productId === b.productId)!;
        return { lineId: line.id, sku: line.sku, nameZh: line.nameZh, nameEn: line.nameEn, floorBp: b.floorBp, ...(seesCost ? { marginBp: b.marginBp, netFen: b.netFen, costFen: b.costFen } : {}) };
      })
    : [];
  const shippedAnything = lines.some((l) => l.quantityShipped > 0);
  const backordered = lines.filter((l) => l.quantityBackordered > 0).map((l) => l.productId);
  const deciding = staff && order.status === "pending_approval" && can(a, "order:approve");
  // The same rules checkApprover applies on submit, so the page offers no button that would be refused.
  const own = deciding && (order.placedBy === a.userId || (await lastEditorOf(ctx.db, order.id)) === a.userId);
  const approvalLimit = orderApprovalLimit(a.roles);
  const withinLimit = approvalLimit === null || order.totalFen <= approvalLimit;
  const decisionBlocked = !deciding ? null : own ? ("ownOrder" as const) : !withinLimit ? ("beyondApprovalLimit" as const) : null;
  // The position's open orders already hold this order while it counts against credit: split it
  // out, so the page shows the others, this one and what stays available, each counted once.
  const counts = (CREDIT_ORDER_STATUSES as readonly string[]).includes(order.status);
  const thisOrderFen = counts ? lines.reduce((sum, l) => sum + l.unitPriceFen * BigInt(l.quantity - l.quantityShipped - l.quantityCancelled), 0n) : 0n;
  return {
    ...detail,
    credit: { ...credit, otherOrdersFen: credit.openOrdersFen - thisOrderFen, thisOrderFen, thisOrderCounts: counts },
    creditTerms: terms,
    margin,
    belowFloor,
    limits: { approvalFen: orderApprovalLimit(a.roles), discountBp: discountLimit(a.roles) },
    may: {
      approve: deciding && !own && withinLimit,
      reject: deciding && !own,
      edit: staff && can(a, "order:manage") && (order.status === "submitted" || order.status === "pending_approval"),
      cancel: staff && mayCancel(a, order, shippedAnything),
      allocate:
        staff && can(a, "order:manage") && order.supplierId === null && backordered.length > 0 &&
        (order.status === "confirmed" || order.status === "partially_shipped"),
      manageCredit,
      /** Our warehouse picks and ships reserved lines (the billing area's shipment page). */
      ship:
        staff && can(a, "shipment:create") && order.supplierId === null && lines.some((l) => l.quantityReserved > 0) &&
        (order.status === "confirmed" || order.status === "partially_shipped"),
    },
    /** Why an approver sees no approve button on an order waiting for approval (translation key under orders.errors). */
    decisionBlocked,
    backorderedProductIds: [...new Set(backordered)],
  };
}

export type DeskOrder = Awaited<ReturnType<typeof getDeskOrder>>;
