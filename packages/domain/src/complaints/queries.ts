import { and, asc, count, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { complaints, endCustomers, orders, organizations, repairRequests, users } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/authorize";
import { orderScope, organizationScope, serviceScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import type { Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import type { ComplaintListQuery } from "./inputs";
import { complaintScope } from "./scope";

const owner = alias(users, "owner");
const filer = alias(users, "filer");
const PAGE = 20;

const columns = {
  id: complaints.id,
  number: complaints.number,
  category: complaints.category,
  severity: complaints.severity,
  subject: complaints.subject,
  status: complaints.status,
  dueAt: complaints.dueAt,
  resolvedAt: complaints.resolvedAt,
  createdAt: complaints.createdAt,
  organizationId: complaints.organizationId,
  partyName: sql<string | null>`coalesce(${organizations.name}, ${endCustomers.name})`,
  ownerId: complaints.ownerId,
  ownerName: owner.displayName,
};

/**
 * Complaints with their SLA clock, one page in SQL: open ones first by deadline (the status/due
 * index), then resolved ones newest first. Staff see their scope, a partner or customer its own.
 */
export async function listComplaints(ctx: Ctx, q: ComplaintListQuery, now = new Date()) {
  authorizeComplaints(ctx.actor);
  const conditions = [complaintScope(ctx.actor)];
  if (q.status === "active") conditions.push(inArray(complaints.status, ["open", "in_progress"]));
  else if (q.status !== "all") conditions.push(eq(complaints.status, q.status));
  if (q.overdue) conditions.push(inArray(complaints.status, ["open", "in_progress"]), lt(complaints.dueAt, now));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(columns)
      .from(complaints)
      .leftJoin(organizations, eq(organizations.id, complaints.organizationId))
      .leftJoin(endCustomers, eq(endCustomers.id, complaints.endCustomerId))
      .leftJoin(owner, eq(owner.id, complaints.ownerId))
      .where(where)
      .orderBy(sql`${complaints.status} = 'resolved'`, sql`case when ${complaints.status} <> 'resolved' then ${complaints.dueAt} end`, desc(complaints.createdAt), asc(complaints.id))
      .limit(PAGE)
      .offset((q.page - 1) * PAGE),
    ctx.db.select({ n: count() }).from(complaints).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: q.page, size: PAGE } satisfies Page<unknown>;
}

/** One complaint as its viewer may see it; another tenant's (or out of scope) is not found. */
export async function getComplaint(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new NotFoundError("complaint");
  const [row] = await ctx.db
    .select({
      complaint: complaints,
      partyName: sql<string | null>`coalesce(${organizations.name}, ${endCustomers.name})`,
      ownerName: owner.displayName,
      filedByName: filer.displayName,
      orderNumber: orders.number,
      repairNumber: repairRequests.number,
    })
    .from(complaints)
    .leftJoin(organizations, eq(organizations.id, complaints.organizationId))
    .leftJoin(endCustomers, eq(endCustomers.id, complaints.endCustomerId))
    .leftJoin(owner, eq(owner.id, complaints.ownerId))
    .leftJoin(filer, eq(filer.id, complaints.filedBy))
    .leftJoin(orders, eq(orders.id, complaints.orderId))
    .leftJoin(repairRequests, eq(repairRequests.id, complaints.repairRequestId))
    .where(and(eq(complaints.id, id), complaintScope(ctx.actor)));
  if (!row) throw new NotFoundError("complaint");
  const mayWork = ctx.actor.kind === "staff" && can(ctx.actor, "complaint:manage") && row.complaint.status !== "resolved";
  return { ...row, mayWork };
}

/** Staff work complaints with complaint:manage; partners and customers file their own. */
function authorizeComplaints(actor: Actor) {
  authorize(actor, actor.kind === "staff" ? "complaint:manage" : "own_complaint:file");
}

/** Who may own a complaint: active staff users (names for the owner field). */
export async function complaintOwnerChoices(ctx: Ctx) {
  if (ctx.actor.kind !== "staff") return [];
  authorizeComplaints(ctx.actor);
  return ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.kind, "staff"), eq(users.status, "active"))).orderBy(asc(users.displayName)).limit(200);
}

/** The partners staff may record a complaint for: active channel partners in their scope. */
export async function complaintPartyChoices(ctx: Ctx) {
  if (ctx.actor.kind !== "staff") return [];
  authorizeComplaints(ctx.actor);
  const kinds = ["master_distributor", "agent", "dealer", "key_account"] as const;
  return ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.status, "active"), inArray(organizations.kind, kinds), organizationScope(ctx.actor)))
    .orderBy(asc(organizations.code))
    .limit(2000);
}

/** What a partner or customer may link a complaint to: its recent orders and repair requests. */
export async function complaintLinkChoices(ctx: Ctx) {
  authorizeComplaints(ctx.actor);
  const [ords, reps] = await Promise.all([
    ctx.actor.kind === "partner" ? ctx.db.select({ id: orders.id, number: orders.number }).from(orders).where(and(orderScope(ctx.actor), eq(orders.organizationId, ctx.actor.organizationId!))).orderBy(desc(orders.submittedAt)).limit(30) : Promise.resolve([]),
    ctx.db.select({ id: repairRequests.id, number: repairRequests.number }).from(repairRequests).where(serviceScope(ctx.actor)).orderBy(desc(repairRequests.createdAt)).limit(30),
  ]);
  return { orders: ords, repairs: reps };
}
