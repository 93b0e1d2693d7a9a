import { and, count, desc, eq, inArray, or } from "drizzle-orm";
import { activities, complaints, orders, organizations, payments, repairRequests } from "@cs/db";
import { can } from "../access/authorize";
import { orderScope, serviceScope, tenantScope } from "../access/scopes";
import { agingOfPartner } from "../billing/aging";
import { creditPosition } from "../billing/credit";
import { invoiceListQuery, listInvoices } from "../billing/finance-queries";
import { complaintScope } from "../complaints/scope";
import { getOrganization } from "../organizations/get";
import { satisfactionOf } from "../satisfaction/results";
import { rebateAccount } from "../rebates/balance-queries";
import { openRepairStatuses } from "../service/workflow";
import type { Ctx } from "../shared/context";
import { shanghaiNoon, shanghaiToday } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import { scopedTo } from "./access";
import { listActivities } from "./activities";
import { listOrganizationTasks } from "./tasks";

export type TimelineEvent = {
  kind: "activity" | "order" | "payment" | "repair" | "complaint";
  id: string;
  at: Date | string;
  /** Order, repair and complaint status, activity kind; null for payments. */
  status: string | null;
  number: string | null;
  text: string | null;
  amountFen: bigint | null;
};

const TIMELINE = 30;
const none = <T>() => Promise.resolve(null as T | null);

/**
 * The merged timeline of one account: contact history, orders, payments and repairs, newest first.
 * Nothing is copied into activities: each source is read under its own scope and the newest of each
 * are merged here (each query is an index range: organization and time).
 */
async function timeline(ctx: Ctx, organizationId: string, may: { orders: boolean; invoices: boolean; service: boolean }): Promise<TimelineEvent[]> {
  const { db, actor } = ctx;
  const [acts, ords, pays, reps, comps] = await Promise.all([
    db
      .select({ id: activities.id, at: activities.occurredAt, status: activities.kind, text: activities.summary })
      .from(activities)
      .innerJoin(organizations, eq(organizations.id, activities.organizationId))
      .where(scopedTo(actor, eq(activities.organizationId, organizationId)))
      .orderBy(desc(activities.occurredAt))
      .limit(TIMELINE),
    may.orders
      ? db
          .select({ id: orders.id, at: orders.submittedAt, status: orders.status, number: orders.number, amountFen: orders.totalFen })
          .from(orders)
          .where(and(orderScope(actor), eq(orders.organizationId, organizationId)))
          .orderBy(desc(orders.submittedAt))
          .limit(TIMELINE)
      : Promise.resolve([]),
    may.invoices
      ? db
          .select({ id: payments.id, on: payments.receivedOn, number: payments.number, amountFen: payments.amountFen })
          .from(payments)
          .where(and(tenantScope(actor, payments, { staff: "invoice:read", partner: "own_account:read" }), eq(payments.organizationId, organizationId)))
          .orderBy(desc(payments.receivedOn), desc(payments.number))
          .limit(TIMELINE)
      : Promise.resolve([]),
    may.service
      ? db
          .select({ id: repairRequests.id, at: repairRequests.createdAt, status: repairRequests.status, number: repairRequests.number })
          .from(repairRequests)
          .where(and(serviceScope(actor), or(eq(repairRequests.organizationId, organizationId), eq(repairRequests.stationId, organizationId))))
          .orderBy(desc(repairRequests.createdAt))
          .limit(TIMELINE)
      : Promise.resolve([]),
    // complaints (投诉) of the account, under their own scope (staff with complaint:manage)
    db
      .select({ id: complaints.id, at: complaints.createdAt, status: complaints.status, number: complaints.number, text: complaints.subject })
      .from(complaints)
      .where(and(complaintScope(actor), eq(complaints.organizationId, organizationId)))
      .orderBy(desc(complaints.createdAt))
      .limit(TIMELINE),
  ]);
  const events: TimelineEvent[] = [
    ...acts.map((a) => ({ kind: "activity" as const, id: a.id, at: a.at, status: a.status, number: null, text: a.text, amountFen: null })),
    ...ords.map((o) => ({ kind: "order" as const, id: o.id, at: o.at, status: o.status, number: o.number, text: null, amountFen: o.amountFen })),
    ...pays.map((p) => ({ kind: "payment" as const, id: p.id, at: shanghaiNoon(p.on), status: null, number: p.number, text: null, amountFen: p.amountFen })),
    ...reps.map((r) => ({ kind: "repair" as const, id: r.id, at: r.at, status: r.status, number: r.number, text: null, amountFen: null })),
    ...comps.map((c) => ({ kind: "complaint" as const, id: c.id, at: c.at, status: c.status, number: c.number, text: c.text, amountFen: null })),
  ];
  return events.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime()).slice(0, TIMELINE);
}

/**
 * Customer 360 (客户全景) of one account for staff: the organization with its contacts and owner,
 * credit and balance, recent orders, open invoices and aging, rebate balance, repairs, contact
 * history and tasks, and the merged timeline. Each section is read with the existing query and scope
 * of its area, and only when the actor's roles may see that area. Out of scope → NotFoundError.
 */
export async function customer360(ctx: Ctx, organizationId: string, now = new Date()) {
  if (ctx.actor.kind !== "staff") throw new NotFoundError("organization");
  const detail = await getOrganization(ctx, organizationId);
  const id = detail.organization.id;
  const { actor, db } = ctx;
  const may = { invoices: can(actor, "invoice:read"), orders: can(actor, "order:read"), rebates: can(actor, "rebate:read"), service: can(actor, "service:read") };
  const today = shanghaiToday(now);
  const orderWhere = and(orderScope(actor), eq(orders.organizationId, id));
  const repairWhere = and(serviceScope(actor), or(eq(repairRequests.organizationId, id), eq(repairRequests.stationId, id)));
  const [credit, aging, openInvoices, recentOrders, orderCount, rebate, repairs, openRepairs, acts, tasks, events, satisfaction] = await Promise.all([
    may.invoices ? creditPosition(db, id) : none<Awaited<ReturnType<typeof creditPosition>>>(),
    may.invoices ? agingOfPartner(db, actor, id, today) : none<Awaited<ReturnType<typeof agingOfPartner>>>(),
    may.invoices ? listInvoices(ctx, invoiceListQuery.parse({ partner: id, state: "open", sort: "dueOn", dir: "asc", size: 5 })) : none<Awaited<ReturnType<typeof listInvoices>>>(),
    may.orders
      ? db
          .select({ id: orders.id, number: orders.number, status: orders.status, submittedAt: orders.submittedAt, totalFen: orders.totalFen })
          .from(orders)
          .where(orderWhere)
          .orderBy(desc(orders.submittedAt))
          .limit(5)
      : Promise.resolve([]),
    may.orders ? db.select({ n: count() }).from(orders).where(orderWhere).then((r) => r[0]?.n ?? 0) : Promise.resolve(0),
    may.rebates ? rebateAccount(ctx, id, { size: 1 }).then((a) => a.balanceFen) : none<bigint>(),
    may.service
      ? db
          .select({ id: repairRequests.id, number: repairRequests.number, status: repairRequests.status, createdAt: repairRequests.createdAt })
          .from(repairRequests)
          .where(repairWhere)
          .orderBy(desc(repairRequests.createdAt))
          .limit(5)
      : Promise.resolve([]),
    may.service
      ? db
          .select({ n: count() })
          .from(repairRequests)
          .where(and(repairWhere, inArray(repairRequests.status, [...openRepairStatuses])))
          .then((r) => r[0]?.n ?? 0)
      : Promise.resolve(0),
    listActivities(ctx, id, 5),
    listOrganizationTasks(ctx, id, 0),
    timeline(ctx, id, may),
    can(actor, "satisfaction:read") ? satisfactionOf(ctx, id) : none<Awaited<ReturnType<typeof satisfactionOf>>>(),
  ]);
  return {
    ...detail,
    may,
    credit,
    aging,
    openInvoices,
    orders: { recent: recentOrders, total: orderCount },
    rebateBalanceFen: rebate,
    repairs: { recent: repairs, open: openRepairs },
    activities: acts,
    openTasks: tasks.open,
    timeline: events,
    satisfaction,
  };
}
export type Customer360 = Awaited<ReturnType<typeof customer360>>;
